package io.awoooi.local;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Eight days of usage of the local cluster's pods, as OpenMetrics text for the local Prometheus
 * (backfilled with promtool): what cAdvisor and kube-state-metrics would have recorded. A sample every
 * 15 minutes (four in every 1h rate window): each running pod uses a steady 5% of a core (50 millicores),
 * or what its annotation {@value #CPU_ANNOTATION} says (the demo's idle pod: 0.001), and 64 MiB, and its
 * claims are in use throughout. The FinOps scan then measures every pod and judges it by its requests:
 * what is waste follows from the cluster's objects, not from this series.
 */
final class DemoMetrics {
    static final long STEP = 900;
    static final double CORES = 0.05;
    static final long MEMORY = 64L * 1024 * 1024;
    /** A demo pod's steady CPU use in cores, when not {@value #CORES}. */
    static final String CPU_ANNOTATION = "demo.awoooi.io/cpu-cores";

    private DemoMetrics() {
    }

    static String of(KubernetesClient client, Instant now) {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        long end = now.getEpochSecond() / STEP * STEP;
        long start = end - Duration.ofDays(8).toSeconds();
        StringBuilder om = new StringBuilder();
        for (Pod p : pods) {
            if (!"Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase())) {
                continue;
            }
            String labels = "namespace=\"" + p.getMetadata().getNamespace() + "\",pod=\"" + p.getMetadata().getName()
                    + "\",container=\"main\"";
            double cores = cores(p);
            double total = 0;
            for (long t = start; t <= end; t += STEP) {
                om.append("container_cpu_usage_seconds_total{").append(labels).append("} ").append(total).append(' ')
                        .append(t).append('\n');
                total += cores * STEP;
            }
        }
        for (Pod p : pods) {
            if (!"Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase())) {
                continue;
            }
            String labels = "namespace=\"" + p.getMetadata().getNamespace() + "\",pod=\"" + p.getMetadata().getName()
                    + "\",container=\"main\"";
            for (long t = start; t <= end; t += STEP) {
                om.append("container_memory_working_set_bytes{").append(labels).append("} ").append(MEMORY).append(' ')
                        .append(t).append('\n');
            }
        }
        for (Pod p : pods) {
            List<Volume> volumes = p.getSpec() == null || p.getSpec().getVolumes() == null ? List.of()
                    : p.getSpec().getVolumes();
            for (Volume v : volumes) {
                if (v.getPersistentVolumeClaim() == null) {
                    continue;
                }
                String labels = "namespace=\"" + p.getMetadata().getNamespace() + "\",pod=\""
                        + p.getMetadata().getName()
                        + "\",persistentvolumeclaim=\"" + v.getPersistentVolumeClaim().getClaimName() + "\",volume=\""
                        + v.getName() + "\"";
                for (long t = start; t <= end; t += STEP) {
                    om.append("kube_pod_spec_volumes_persistentvolumeclaims_info{").append(labels).append("} 1 ")
                            .append(t).append('\n');
                }
            }
        }
        return om.append("# EOF\n").toString();
    }

    /** The pod's steady CPU use: its annotation when it holds a number from 0 to 64, else {@value #CORES}. */
    static double cores(Pod p) {
        String value = p.getMetadata().getAnnotations() == null ? null
                : p.getMetadata().getAnnotations().get(CPU_ANNOTATION);
        if (value == null) {
            return CORES;
        }
        try {
            double cores = Double.parseDouble(value.strip());
            return cores >= 0 && cores <= 64 ? cores : CORES;
        } catch (NumberFormatException e) {
            return CORES;
        }
    }
}
