package io.awoooi.kube;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.RolloutFacts;
import io.awoooi.core.evidence.WorkloadEvidence;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the evidence of every topology node ({@link WorkloadEvidence}) and the nodes under them
 * ({@link NodeFacts}), with the best-effort reads of {@link ClusterReads}: a Deployment's
 * ReplicaSets (rollout history), the claims the pods mount, the events about the workloads, their
 * ReplicaSets, pods and claims, and the cluster nodes the pods run on. One list call per kind and
 * selected namespace, each skipped when nothing needs it; what cannot be read is left out (with a
 * warning) and the rest is kept.
 *
 * <p>Bounds: at most {@value #MAX_EVENTS} events per topology node and {@value #MAX_NODE_EVENTS}
 * per cluster node, newest first; at most {@value #MAX_ORDINALS} claims per StatefulSet volume
 * claim template. Node events are cluster-scoped events, recorded in namespace {@code default}:
 * when the selection does not include it, that namespace's events are listed too (and only the
 * events about the nodes under the pods are kept).
 */
final class EvidenceCollector {
    static final int MAX_EVENTS = 20;
    static final int MAX_NODE_EVENTS = 10;
    static final int MAX_ORDINALS = 100;
    private static final String NODE_EVENTS_NAMESPACE = "default";

    /** A topology node to read evidence for: its workload (none for a Service's bare pods) and pods. */
    record Subject(ServiceId id, Optional<Workload> workload, List<Pod> pods) {
        Subject {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(workload, "workload");
            pods = List.copyOf(pods);
        }
    }

    /** The evidence by topology node, and the cluster nodes by name. */
    record Result(Map<ServiceId, WorkloadEvidence> evidence, Map<String, NodeFacts> nodes) {
    }

    private final KubernetesClient client;
    private final NamespaceSelection namespaces;
    private final ClusterReads reads;

    EvidenceCollector(KubernetesClient client, NamespaceSelection namespaces, ClusterReads reads) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    Result collect(List<Subject> subjects) {
        // what each subject's pods say, and the ReplicaSets of its Deployment
        Optional<List<ReplicaSet>> replicaSets = subjects.stream().anyMatch(s -> isDeployment(s.workload()))
                ? reads.bestEffort("ReplicaSets", client.apps().replicaSets(), "rollouts without history")
                : Optional.of(List.of());
        Map<ServiceId, Partial> partials = new LinkedHashMap<>();
        Set<String> nodeNames = new TreeSet<>();
        Set<EventIndex.Key> eventObjects = new HashSet<>();
        Map<String, Set<String>> claimsByNamespace = new HashMap<>();
        for (Subject subject : subjects) {
            String ns = subject.id().namespace();
            List<PodFacts> pods = subject.pods().stream().map(EvidenceReader::pod).toList();
            List<ReplicaSet> owned = subject.workload().filter(EvidenceCollector::isDeployment)
                    .flatMap(w -> replicaSets.map(all -> RolloutHistory.owned((Deployment) w.object(), all)))
                    .orElse(List.of());
            Optional<RolloutFacts> rollout = owned.isEmpty() ? Optional.empty() : RolloutHistory.of(owned);
            Set<String> claims = new TreeSet<>();
            pods.forEach(p -> claims.addAll(p.claims()));
            subject.workload().ifPresent(w -> claims.addAll(templateClaims(w, pods)));
            partials.put(subject.id(), new Partial(subject, pods, owned, rollout, claims));

            pods.forEach(p -> p.node().ifPresent(nodeNames::add));
            subject.workload().ifPresent(w -> eventObjects.add(new EventIndex.Key(ns, w.apiKind(), w.id().name())));
            owned.forEach(rs -> eventObjects.add(new EventIndex.Key(ns, "ReplicaSet", rs.getMetadata().getName())));
            pods.forEach(p -> eventObjects.add(new EventIndex.Key(ns, "Pod", p.name())));
            claims.forEach(c -> eventObjects.add(new EventIndex.Key(ns, "PersistentVolumeClaim", c)));
            claimsByNamespace.computeIfAbsent(ns, n -> new HashSet<>()).addAll(claims);
        }
        nodeNames.forEach(n -> eventObjects.add(EventIndex.Key.node(n)));

        Map<ServiceId, PersistentVolumeClaim> claimObjects = new HashMap<>();
        boolean claimsRead = claimsByNamespace.values().stream().allMatch(Set::isEmpty)
                || reads.bestEffortEach("PersistentVolumeClaims", client.persistentVolumeClaims(),
                        "claims without phase",
                        pvc -> {
                            ServiceId id = Workload.idOf(pvc.getMetadata());
                            if (claimsByNamespace.getOrDefault(id.namespace(), Set.of()).contains(id.name())) {
                                claimObjects.put(id, pvc);
                            }
                        });

        EventIndex events = new EventIndex(eventObjects);
        if (!subjects.isEmpty()) {
            reads.bestEffortEach("Events", client.v1().events(), "evidence without events", events::add);
            if (!nodeNames.isEmpty() && !namespaces.isAll()
                    && !namespaces.namespaces().contains(NODE_EVENTS_NAMESPACE)) {
                ClusterReads.bestEffort("Events", "namespace " + NODE_EVENTS_NAMESPACE, "nodes without events",
                        () -> ClusterReads.forEach(client.v1().events().inNamespace(NODE_EVENTS_NAMESPACE),
                                events::add));
            }
        }

        Map<String, NodeFacts> nodes = new TreeMap<>();
        if (!nodeNames.isEmpty()) {
            ClusterReads.bestEffort("Nodes", "the cluster", "no node facts",
                    () -> ClusterReads.forEach(client.nodes(), node -> {
                        String name = node.getMetadata().getName();
                        if (nodeNames.contains(name)) {
                            nodes.put(name, EvidenceReader.node(node,
                                    events.about(List.of(EventIndex.Key.node(name)), MAX_NODE_EVENTS)));
                        }
                    }));
        }

        Map<ServiceId, WorkloadEvidence> evidence = new LinkedHashMap<>();
        for (Partial partial : partials.values()) {
            String ns = partial.subject.id().namespace();
            List<EventIndex.Key> about = new ArrayList<>();
            partial.subject.workload().ifPresent(w -> about.add(new EventIndex.Key(ns, w.apiKind(), w.id().name())));
            partial.replicaSets
                    .forEach(rs -> about.add(new EventIndex.Key(ns, "ReplicaSet", rs.getMetadata().getName())));
            partial.pods.forEach(p -> about.add(new EventIndex.Key(ns, "Pod", p.name())));
            partial.claims.forEach(c -> about.add(new EventIndex.Key(ns, "PersistentVolumeClaim", c)));
            List<ClaimFacts> claims = partial.claims.stream()
                    .map(c -> EvidenceReader.claim(c, claimObjects.get(new ServiceId(ns, c)), claimsRead)).toList();
            evidence.put(partial.subject.id(), new WorkloadEvidence(partial.subject.workload().map(Workload::ref),
                    partial.pods, partial.rollout, events.about(about, MAX_EVENTS), claims));
        }
        return new Result(evidence, nodes);
    }

    private record Partial(Subject subject, List<PodFacts> pods, List<ReplicaSet> replicaSets,
            Optional<RolloutFacts> rollout,
            Set<String> claims) {
    }

    private static boolean isDeployment(Optional<Workload> workload) {
        return workload.filter(EvidenceCollector::isDeployment).isPresent();
    }

    private static boolean isDeployment(Workload workload) {
        return workload.kind() == WorkloadKind.DEPLOYMENT && workload.object() instanceof Deployment;
    }

    /**
     * A StatefulSet's claims from its volume claim templates: {@code <template>-<sts>-<ordinal>} for
     * the ordinals below its replicas and those of its pods ({@code <sts>-<ordinal>}), at most
     * {@value #MAX_ORDINALS} per template.
     */
    static Set<String> templateClaims(Workload workload, List<PodFacts> pods) {
        Set<String> claims = new TreeSet<>();
        if (workload.claimTemplates().isEmpty()) {
            return claims;
        }
        String sts = workload.id().name();
        Set<Integer> ordinals = new TreeSet<>();
        for (int i = 0; i < Math.min(workload.desired(), MAX_ORDINALS); i++) {
            ordinals.add(i);
        }
        for (PodFacts pod : pods) {
            if (pod.name().startsWith(sts + "-")) {
                String rest = pod.name().substring(sts.length() + 1);
                if (rest.matches("\\d{1,9}") && ordinals.size() < MAX_ORDINALS) {
                    ordinals.add(Integer.parseInt(rest));
                }
            }
        }
        for (String template : workload.claimTemplates()) {
            ordinals.forEach(o -> claims.add(template + "-" + sts + "-" + o));
        }
        return claims;
    }
}
