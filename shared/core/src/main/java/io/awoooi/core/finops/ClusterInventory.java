package io.awoooi.core.finops;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the scan reads of a cluster, reduced to what it prices: nodes, pods, claims and the claims
 * workload templates refer to. A list that could not be read is absent and its reason is in
 * {@link #unreadable()}: the analysis then leaves out exactly what depended on it and says so.
 *
 * @param unreadable list name ({@code nodes}, {@code pods}, {@code claims}, {@code workloads}) to why
 *     it could not be read
 */
public record ClusterInventory(List<Node> nodes, List<Pod> pods, List<Claim> claims, List<Workload> workloads,
        Map<String, String> unreadable) {
    public static final String NODES = "nodes";
    public static final String PODS = "pods";
    public static final String CLAIMS = "claims";
    public static final String WORKLOADS = "workloads";
    /** PersistentVolumes (their zones): unreadable, no pod with a claim is moved by the bin-packing. */
    public static final String VOLUMES = "persistentvolumes";

    public ClusterInventory {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        claims = List.copyOf(claims);
        workloads = List.copyOf(workloads);
        unreadable = java.util.Collections.unmodifiableMap(new TreeMap<>(unreadable));
    }

    public static ClusterInventory of(List<Node> nodes, List<Pod> pods, List<Claim> claims, List<Workload> workloads) {
        return new ClusterInventory(nodes, pods, claims, workloads, Map.of());
    }

    public boolean readable(String list) {
        return !unreadable.containsKey(list);
    }

    /**
     * A node.
     *
     * @param instanceType the {@code node.kubernetes.io/instance-type} label, empty when absent
     * @param cpuCores allocatable CPU
     * @param memoryBytes allocatable memory
     * @param unschedulable cordoned ({@code spec.unschedulable})
     * @param ready its Ready condition is True: a node that is not takes no pod a plan moves
     * @param taints its taints: a pod lands there only when it tolerates every NoSchedule and
     *     NoExecute one
     * @param zone its {@code topology.kubernetes.io/zone} label, empty when absent
     */
    public record Node(String name, Optional<String> instanceType, double cpuCores, double memoryBytes,
            boolean unschedulable, boolean ready, List<Taint> taints, Optional<String> zone) {
        public Node {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(instanceType, "instanceType");
            taints = List.copyOf(taints);
            Objects.requireNonNull(zone, "zone");
        }

        /** A Ready node without taints, in no known zone. */
        public Node(String name, Optional<String> instanceType, double cpuCores, double memoryBytes,
                boolean unschedulable) {
            this(name, instanceType, cpuCores, memoryBytes, unschedulable, true, List.of(), Optional.empty());
        }

        /** Whether the scheduler would place a new pod here: schedulable and Ready. */
        public boolean acceptsPods() {
            return !unschedulable && ready;
        }
    }

    /** A node taint; {@code effect} is NoSchedule, PreferNoSchedule or NoExecute. */
    public record Taint(String key, String value, String effect) {
        public static final String NO_SCHEDULE = "NoSchedule";
        public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
        public static final String NO_EXECUTE = "NoExecute";

        public Taint {
            key = Objects.requireNonNullElse(key, "");
            value = Objects.requireNonNullElse(value, "");
            effect = Objects.requireNonNullElse(effect, "");
        }

        /** NoSchedule and NoExecute keep an intolerant pod away; PreferNoSchedule only discourages it. */
        public boolean repels() {
            return !effect.equals(PREFER_NO_SCHEDULE);
        }

        @Override
        public String toString() {
            return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect;
        }
    }

    /**
     * A pod toleration, matched as the scheduler matches it: an empty key with {@code Exists}
     * tolerates every taint; otherwise the keys are equal and, with {@code Equal} (the default
     * operator), so are the values; an empty effect tolerates every effect. A toleration of NoExecute
     * for a number of seconds ({@code tolerationSeconds}, as every pod gets for not-ready and
     * unreachable nodes) only delays the eviction: it does not let the pod stay there.
     */
    public record Toleration(String key, String operator, String value, String effect, boolean forSeconds) {
        public Toleration {
            key = Objects.requireNonNullElse(key, "");
            operator = operator == null || operator.isEmpty() ? "Equal" : operator;
            value = Objects.requireNonNullElse(value, "");
            effect = Objects.requireNonNullElse(effect, "");
        }

        /** A toleration without tolerationSeconds. */
        public Toleration(String key, String operator, String value, String effect) {
            this(key, operator, value, effect, false);
        }

        public boolean tolerates(Taint taint) {
            if (!effect.isEmpty() && !effect.equals(taint.effect())) {
                return false;
            }
            if (forSeconds && taint.effect().equals(Taint.NO_EXECUTE)) {
                return false;
            }
            if (key.isEmpty()) {
                return operator.equals("Exists");
            }
            if (!key.equals(taint.key())) {
                return false;
            }
            return operator.equals("Exists") || operator.equals("Equal") && value.equals(taint.value());
        }
    }

    /** The workload that owns a pod (a ReplicaSet's pods are owned by its Deployment). */
    public record Owner(String kind, String name) {
        public static final String DEPLOYMENT = "Deployment";
        public static final String STATEFUL_SET = "StatefulSet";
        public static final String DAEMON_SET = "DaemonSet";
        public static final String REPLICA_SET = "ReplicaSet";
        public static final String JOB = "Job";
        /** A static pod's mirror is owned by its node. */
        public static final String NODE = "Node";

        public Owner {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A pod.
     *
     * @param node the node it runs on, empty while unscheduled
     * @param phase {@code Running}, {@code Pending}, {@code Succeeded}, ...
     * @param createdAt its creation time (a pod younger than the usage window is never a zombie)
     * @param owner its workload, empty for a bare pod
     * @param cpuRequest the sum of its containers' CPU requests, in cores
     * @param memoryRequest the sum of its containers' memory requests, in bytes
     * @param claims the claims it mounts, by name
     * @param pinned whether it may only run on some nodes (a node selector beyond os/arch, a required
     *     node affinity): the bin-packing does not model that, so its node is never proposed for removal
     * @param uid its {@code metadata.uid} (empty when unknown): a deletion names the very pod the scan saw
     * @param tolerations its tolerations, against the taints of the nodes it could move to
     * @param mirror a static pod (the kubelet's mirror of a manifest on the node): it goes with its node
     *     and only the node's manifest removes it
     */
    public record Pod(String namespace, String name, Optional<String> node, String phase, Instant createdAt,
            Optional<Owner> owner, double cpuRequest, double memoryRequest, List<String> claims, boolean pinned,
            String uid, List<Toleration> tolerations, boolean mirror) {
        public Pod {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(owner, "owner");
            claims = List.copyOf(claims);
            uid = Objects.requireNonNullElse(uid, "");
            tolerations = List.copyOf(tolerations);
        }

        /** A pod without uid, tolerations or mirror mark. */
        public Pod(String namespace, String name, Optional<String> node, String phase, Instant createdAt,
                Optional<Owner> owner, double cpuRequest, double memoryRequest, List<String> claims, boolean pinned) {
            this(namespace, name, node, phase, createdAt, owner, cpuRequest, memoryRequest, claims, pinned, "",
                    List.of(), false);
        }

        /** Whether it tolerates every taint of the node that keeps pods away. */
        public boolean tolerates(List<Taint> taints) {
            return taints.stream().filter(Taint::repels)
                    .allMatch(t -> tolerations.stream().anyMatch(tol -> tol.tolerates(t)));
        }

        public String key() {
            return namespace + "/" + name;
        }

        /** Finished pods hold no node resources and mount nothing any more. */
        public boolean terminated() {
            return phase.equals("Succeeded") || phase.equals("Failed");
        }

        public boolean daemon() {
            return owner.filter(o -> o.kind().equals(Owner.DAEMON_SET)).isPresent();
        }

        /** A static pod: marked as a mirror, or owned by its node. */
        public boolean staticPod() {
            return mirror || owner.filter(o -> o.kind().equals(Owner.NODE)).isPresent();
        }
    }

    /**
     * A PersistentVolumeClaim.
     *
     * @param storageClass its storage class, empty when it has none
     * @param phase {@code Bound}, {@code Pending}, {@code Lost}
     * @param sizeBytes its capacity (status), else its request
     * @param snapshotClass the VolumeSnapshotClass of its CSI driver, when there is one
     * @param zones the zones its volume can be attached in (its PersistentVolume's required node
     *     affinity on {@code topology.kubernetes.io/zone} or its zone label); empty: anywhere or unknown
     */
    public record Claim(String namespace, String name, Optional<String> storageClass, String phase, double sizeBytes,
            Instant createdAt, Optional<String> snapshotClass, java.util.Set<String> zones) {
        public Claim {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(storageClass, "storageClass");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(snapshotClass, "snapshotClass");
            zones = java.util.Set.copyOf(zones);
        }

        /** A claim whose volume is bound to no zone (or whose zone is unknown). */
        public Claim(String namespace, String name, Optional<String> storageClass, String phase, double sizeBytes,
                Instant createdAt, Optional<String> snapshotClass) {
            this(namespace, name, storageClass, phase, sizeBytes, createdAt, snapshotClass, java.util.Set.of());
        }

        public String key() {
            return namespace + "/" + name;
        }
    }

    /**
     * A workload template's references to claims.
     *
     * @param kind Deployment, StatefulSet, DaemonSet, Job or CronJob
     * @param claims the claims its pod template mounts by name
     * @param claimTemplates a StatefulSet's volumeClaimTemplates: it owns the claims
     *     {@code <template>-<statefulset>-<ordinal>}, even those of ordinals it is scaled below
     */
    public record Workload(String kind, String namespace, String name, List<String> claims,
            List<String> claimTemplates) {
        public Workload {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            claims = List.copyOf(claims);
            claimTemplates = List.copyOf(claimTemplates);
        }
    }
}
