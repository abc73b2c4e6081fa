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
     */
    public record Node(String name, Optional<String> instanceType, double cpuCores, double memoryBytes,
            boolean unschedulable) {
        public Node {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(instanceType, "instanceType");
        }
    }

    /** The workload that owns a pod (a ReplicaSet's pods are owned by its Deployment). */
    public record Owner(String kind, String name) {
        public static final String DEPLOYMENT = "Deployment";
        public static final String STATEFUL_SET = "StatefulSet";
        public static final String DAEMON_SET = "DaemonSet";
        public static final String REPLICA_SET = "ReplicaSet";
        public static final String JOB = "Job";

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
     */
    public record Pod(String namespace, String name, Optional<String> node, String phase, Instant createdAt,
            Optional<Owner> owner, double cpuRequest, double memoryRequest, List<String> claims, boolean pinned) {
        public Pod {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(owner, "owner");
            claims = List.copyOf(claims);
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
    }

    /**
     * A PersistentVolumeClaim.
     *
     * @param storageClass its storage class, empty when it has none
     * @param phase {@code Bound}, {@code Pending}, {@code Lost}
     * @param sizeBytes its capacity (status), else its request
     * @param snapshotClass the VolumeSnapshotClass of its CSI driver, when there is one
     */
    public record Claim(String namespace, String name, Optional<String> storageClass, String phase, double sizeBytes,
            Instant createdAt, Optional<String> snapshotClass) {
        public Claim {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(storageClass, "storageClass");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(snapshotClass, "snapshotClass");
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
