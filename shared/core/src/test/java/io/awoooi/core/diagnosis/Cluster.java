package io.awoooi.core.diagnosis;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.ContainerFacts;
import io.awoooi.core.evidence.EventFacts;
import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.Resources;
import io.awoooi.core.evidence.RolloutFacts;
import io.awoooi.core.evidence.Terminated;
import io.awoooi.core.evidence.WorkloadEvidence;
import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.Dependency;
import io.awoooi.core.topology.Health;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TopologySnapshot;
import io.awoooi.core.topology.WorkloadKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small cluster built fact by fact for diagnosis scenarios: workloads, pods, rollouts, events, nodes. */
final class Cluster {
    static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    final Map<ServiceId, Workload> workloads = new LinkedHashMap<>();
    final List<Dependency> edges = new ArrayList<>();
    final Map<String, NodeFacts> nodes = new LinkedHashMap<>();

    static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    static Instant minutesAgo(long m) {
        return ago(Duration.ofMinutes(m));
    }

    Workload workload(String name, WorkloadKind kind, ComponentKind component, int replicas) {
        Workload w = new Workload(new ServiceId("shop", name), kind, component, replicas);
        workloads.put(w.id, w);
        return w;
    }

    Cluster dependsOn(String from, String to) {
        edges.add(new Dependency(new ServiceId("shop", from), new ServiceId("shop", to), "annotation"));
        return this;
    }

    Cluster node(String name, boolean ready, String... pressures) {
        nodes.put(name, new NodeFacts(name, ready, Optional.of(minutesAgo(12)), Set.of(pressures), false, List.of()));
        return this;
    }

    Cluster cordonedNode(String name) {
        nodes.put(name, new NodeFacts(name, false, Optional.of(minutesAgo(12)), Set.of(), true, List.of()));
        return this;
    }

    TopologySnapshot snapshot() {
        List<ServiceNode> services = new ArrayList<>();
        for (Workload w : workloads.values()) {
            services.add(new ServiceNode(w.id, w.component, w.health(), w.evidence()));
        }
        return new TopologySnapshot(services, edges, NOW, nodes);
    }

    static ContainerFacts healthy(String name) {
        return new ContainerFacts(name, false, 0, true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), new Resources(Optional.of("100m"), Optional.empty(), Optional.of("256Mi"),
                        Optional.of("512Mi")));
    }

    static ContainerFacts crashLooping(String name, int restarts, String lastReason, int exit, Instant lastEnd) {
        return new ContainerFacts(name, false, restarts, false, Optional.of("CrashLoopBackOff"), Optional.empty(),
                Optional.empty(), Optional.of(new Terminated(lastReason, exit, Optional.of(lastEnd))),
                new Resources(Optional.of("100m"), Optional.empty(), Optional.of("256Mi"), Optional.of("512Mi")));
    }

    static ContainerFacts waiting(String name, String reason, Optional<String> missing) {
        return new ContainerFacts(name, false, 0, false, Optional.of(reason), missing, Optional.empty(),
                Optional.empty(), Resources.none());
    }

    /** An old restart counter: the last end was long ago, the container is ready now. */
    static ContainerFacts oldRestarts(String name, int restarts, Instant lastEnd) {
        return new ContainerFacts(name, false, restarts, true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new Terminated("Error", 1, Optional.of(lastEnd))), Resources.none());
    }

    final class Workload {
        final ServiceId id;
        final WorkloadKind kind;
        final ComponentKind component;
        final int replicas;
        final List<PodFacts> pods = new ArrayList<>();
        final List<EventFacts> events = new ArrayList<>();
        final List<ClaimFacts> claims = new ArrayList<>();
        final List<String> healthEvidence = new ArrayList<>();
        RolloutFacts rollout;
        Integer available;

        Workload(ServiceId id, WorkloadKind kind, ComponentKind component, int replicas) {
            this.id = id;
            this.kind = kind;
            this.component = component;
            this.replicas = replicas;
        }

        Workload pod(String name, String node, boolean ready, String hash, ContainerFacts... containers) {
            pods.add(new PodFacts(name, Optional.ofNullable(node), node == null ? "Pending" : "Running", ready,
                    Optional.of(minutesAgo(5)), Optional.of(ago(Duration.ofDays(3))), Optional.ofNullable(hash), false,
                    List.of(containers), List.of()));
            if (!ready) {
                healthEvidence.add("pod " + name + " not ready");
            }
            return this;
        }

        Workload evictedPod(String name, String node) {
            pods.add(new PodFacts(name, Optional.of(node), "Failed", false, Optional.of(minutesAgo(4)),
                    Optional.of(ago(Duration.ofDays(3))), Optional.empty(), false, List.of(), List.of()));
            return event("Evicted", name, 1, minutesAgo(4), "memory");
        }

        Workload podWithClaim(String name, String node, boolean ready, String claim, ContainerFacts... containers) {
            pods.add(new PodFacts(name, Optional.ofNullable(node), ready ? "Running" : "Pending", ready,
                    Optional.of(minutesAgo(5)), Optional.of(ago(Duration.ofDays(3))), Optional.empty(), false,
                    List.of(containers), List.of(claim)));
            if (!ready) {
                healthEvidence.add("pod " + name + " not ready");
            }
            return this;
        }

        Workload event(String reason, String object, int count, Instant last, String detail) {
            events.add(new EventFacts(reason, "Warning", object.startsWith("pvc/") ? "PersistentVolumeClaim" : "Pod",
                    object.replaceFirst("^pvc/", ""), count, Optional.of(last), Optional.ofNullable(detail)));
            healthEvidence.add(reason + " " + object);
            return this;
        }

        Workload claim(String name, String phase) {
            claims.add(new ClaimFacts(name, phase, Optional.of("10Gi"), Optional.of("gp3")));
            return this;
        }

        Workload rollout(long revision, String hash, Instant since, long previous, int previousReady,
                Duration servedFor, String... changed) {
            rollout = new RolloutFacts(revision, hash, Optional.of(since), Optional.of(previous),
                    Optional.of("prev" + previous), previousReady, Optional.ofNullable(servedFor), List.of(changed));
            return this;
        }

        Workload available(int n) {
            available = n;
            if (n < replicas) {
                healthEvidence.add("available " + n + "/" + replicas);
            }
            return this;
        }

        /** What an adapter without recency would report: kept to show the diagnosis reads facts, not strings. */
        Workload staleEvidence(String text) {
            healthEvidence.add(text);
            return this;
        }

        Health health() {
            return healthEvidence.isEmpty() ? Health.ok() : Health.unhealthy(healthEvidence);
        }

        WorkloadEvidence evidence() {
            int avail = available != null ? available : (int) pods.stream().filter(PodFacts::ready).count();
            return new WorkloadEvidence(Optional.of(new WorkloadRef(kind, id.name(), replicas, avail)), pods,
                    Optional.ofNullable(rollout), events, claims);
        }

        Cluster done() {
            return Cluster.this;
        }
    }
}
