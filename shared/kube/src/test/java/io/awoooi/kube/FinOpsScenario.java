package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The FinOps test cluster and its 8 days of metrics, every figure chosen to be worked out by hand.
 *
 * <p>Prices ({@link #PRICES}): vCPU-hour $0.04 : GiB-hour $0.005 (8 : 1); m.xlarge = 4 vCPU, 16 GiB,
 * $0.20/h, so on it one GiB-hour costs 0.20 / (4 x 8 + 16) = 0.20/48 and one vCPU-hour 8 x that.
 *
 * <pre>
 * node-busy  m.xlarge 4 CPU 16 GiB: busy-api-1 requests 2 CPU / 4 GiB, uses 2 CPU / 4 GiB; mounts data-mounted
 * node-idle  m.xlarge 4 CPU 16 GiB: report-gen-1 (30 days) requests 0.5 CPU / 1 GiB, uses 0.002 CPU / 100 MiB
 *                                   young-idle-1 (3 days)  requests 0.5 CPU / 1 GiB, uses 0 CPU / 50 MiB
 * claims (gp3 $0.08/GiB-month): old-export 100 GiB, 20 days, mounted by nothing ever seen     -> orphan
 *                               data-mounted 20 GiB, mounted by busy-api-1                    -> kept
 *                               data-db-0 10 GiB, StatefulSet db (0 replicas) template "data" -> kept
 *                               recent-scratch 50 GiB, 20 days, last mounted 3 days ago       -> kept (3 < 7)
 * </pre>
 */
final class FinOpsScenario {
    static final String NS = "shop";
    static final long STEP = 900; // a sample every 15 minutes: four in every 1h rate window
    static final long GIB = 1024L * 1024 * 1024;

    static final String PRICES = """
            {"source": "test prices", "asOf": "2026-12-01", "vcpuHour": "0.04", "gibHour": "0.005",
             "instanceTypes": {
               "m.large":  {"vcpu": 2, "memoryGib": 8,  "hourly": "0.10"},
               "m.xlarge": {"vcpu": 4, "memoryGib": 16, "hourly": "0.20"}},
             "storageClasses": {"gp3": "0.08"}}""";

    private FinOpsScenario() {
    }

    static List<HasMetadata> cluster(Instant now) {
        List<HasMetadata> out = new ArrayList<>();
        out.add(node("node-busy", "m.xlarge"));
        out.add(node("node-idle", "m.xlarge"));
        for (String d : List.of("busy-api", "report-gen", "young-idle")) {
            out.add(new DeploymentBuilder().withNewMetadata().withNamespace(NS).withName(d).endMetadata()
                    .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", d).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", d).endMetadata().withNewSpec()
                    .addNewContainer().withName("app").withImage("example/" + d).endContainer().endSpec().endTemplate()
                    .endSpec().build());
            out.add(new ReplicaSetBuilder().withNewMetadata().withNamespace(NS).withName(d + "-5d8f")
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(d)
                    .withUid("uid-" + d).withController(true).endOwnerReference().endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", d).endSelector().endSpec().build());
        }
        out.add(new StatefulSetBuilder().withNewMetadata().withNamespace(NS).withName("db").endMetadata()
                .withNewSpec().withReplicas(0).withServiceName("db").withNewSelector().addToMatchLabels("app", "db")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec()
                .addNewContainer().withName("db").withImage("postgres").endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().endVolumeClaimTemplate()
                .endSpec().build());
        out.add(pod("busy-api-1", "busy-api", "node-busy", now.minus(Duration.ofDays(30)), "2", "4Gi", "data-mounted"));
        out.add(pod("report-gen-1", "report-gen", "node-idle", now.minus(Duration.ofDays(30)), "500m", "1Gi", null));
        out.add(pod("young-idle-1", "young-idle", "node-idle", now.minus(Duration.ofDays(3)), "500m", "1Gi", null));
        out.add(claim("old-export", "100Gi", now.minus(Duration.ofDays(20))));
        out.add(claim("data-mounted", "20Gi", now.minus(Duration.ofDays(30))));
        out.add(claim("data-db-0", "10Gi", now.minus(Duration.ofDays(30))));
        out.add(claim("recent-scratch", "50Gi", now.minus(Duration.ofDays(20))));
        return out;
    }

    static HasMetadata node(String name, String type) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("node.kubernetes.io/instance-type", type)).endMetadata()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi")))
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    static Pod pod(String name, String deployment, String node, Instant created, String cpu, String memory,
            String claim) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(NS).withName(name)
                .withCreationTimestamp(created.toString())
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(deployment + "-5d8f")
                .withUid("uid-rs-" + deployment).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("example/" + deployment)
                .withNewResources().withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
                .endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(created.toString()).endStatus();
        if (claim != null) {
            b.editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().endVolume().endSpec();
        }
        return b.build();
    }

    static HasMetadata claim(String name, String size, Instant created) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(NS).withName(name)
                .withCreationTimestamp(created.toString()).endMetadata()
                .withNewSpec().withStorageClassName("gp3").withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources().endSpec()
                .withNewStatus().withPhase("Bound").withCapacity(Map.of("storage", new Quantity(size))).endStatus()
                .build();
    }

    /**
     * OpenMetrics text: a sample every 15 minutes, on multiples of 900 s, from 8 days ago to now.
     * CPU counters grow by rate x 900 s per sample; memory gauges are constant; kube-state-metrics'
     * claim series exist while a pod mounts the claim.
     */
    static String metrics(Instant now) {
        long end = now.getEpochSecond() / STEP * STEP;
        long start = end - Duration.ofDays(8).toSeconds();
        long youngStart = end - Duration.ofDays(3).toSeconds();
        StringBuilder om = new StringBuilder();
        cpu(om, "busy-api-1", 2.0, start, end);
        cpu(om, "report-gen-1", 0.002, start, end);
        cpu(om, "young-idle-1", 0.0, youngStart, end);
        memory(om, "busy-api-1", 4 * GIB, start, end);
        memory(om, "report-gen-1", 100L * 1024 * 1024, start, end);
        memory(om, "young-idle-1", 50L * 1024 * 1024, youngStart, end);
        claimInUse(om, "busy-api-1", "data-mounted", start, end);
        claimInUse(om, "scratch-job-1", "recent-scratch", start, end - Duration.ofDays(3).toSeconds());
        om.append("# EOF\n");
        return om.toString();
    }

    private static void cpu(StringBuilder om, String pod, double cores, long start, long end) {
        double total = 1000;
        for (long t = start; t <= end; t += STEP) {
            om.append("container_cpu_usage_seconds_total{namespace=\"").append(NS).append("\",pod=\"").append(pod)
                    .append("\",container=\"app\"} ").append(total).append(' ').append(t).append('\n');
            total += cores * STEP;
        }
    }

    private static void memory(StringBuilder om, String pod, long bytes, long start, long end) {
        for (long t = start; t <= end; t += STEP) {
            om.append("container_memory_working_set_bytes{namespace=\"").append(NS).append("\",pod=\"").append(pod)
                    .append("\",container=\"app\"} ").append(bytes).append(' ').append(t).append('\n');
        }
    }

    private static void claimInUse(StringBuilder om, String pod, String claim, long start, long end) {
        for (long t = start; t <= end; t += STEP) {
            om.append("kube_pod_spec_volumes_persistentvolumeclaims_info{namespace=\"").append(NS).append("\",pod=\"")
                    .append(pod).append("\",persistentvolumeclaim=\"").append(claim).append("\",volume=\"data\"} 1 ")
                    .append(t).append('\n');
        }
    }
}
