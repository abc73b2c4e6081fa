package io.awoooi.kube;

import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment, StatefulSet or DaemonSet reduced to what discovery needs, with its real kind.
 *
 * @param object the object as read (a Deployment's ReplicaSets are matched by its uid and selector)
 * @param desired {@code spec.replicas} (default 1); a DaemonSet's {@code status.desiredNumberScheduled}
 * @param available {@code status.availableReplicas}; a StatefulSet's ready replicas when it reports
 *     no available ones; a DaemonSet's {@code numberAvailable}, else {@code numberReady}
 * @param claimTemplates a StatefulSet's volumeClaimTemplates names
 */
record Workload(WorkloadKind kind, ServiceId id, HasMetadata object, LabelSelector selector, PodTemplateSpec template,
        int desired, int available, List<String> claimTemplates) {
    Workload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        claimTemplates = List.copyOf(claimTemplates);
    }

    ObjectMeta meta() {
        return object.getMetadata();
    }

    /** The API kind as events name it: Deployment, StatefulSet, DaemonSet. */
    String apiKind() {
        return object.getKind() != null ? object.getKind() : switch (kind) {
            case DEPLOYMENT -> "Deployment";
            case STATEFULSET -> "StatefulSet";
            case DAEMONSET -> "DaemonSet";
        };
    }

    WorkloadRef ref() {
        return new WorkloadRef(kind, id.name(), desired, available);
    }

    static Workload of(Deployment d) {
        var spec = d.getSpec();
        var status = d.getStatus();
        int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        int available = status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
        return new Workload(WorkloadKind.DEPLOYMENT, idOf(d.getMetadata()), d, spec == null ? null : spec.getSelector(),
                spec == null ? null : spec.getTemplate(), desired, available, List.of());
    }

    static Workload of(StatefulSet s) {
        var spec = s.getSpec();
        var status = s.getStatus();
        int desired = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
        Integer reported = status == null ? null
                : status.getAvailableReplicas() != null ? status.getAvailableReplicas() : status.getReadyReplicas();
        List<String> templates = spec == null || spec.getVolumeClaimTemplates() == null ? List.of()
                : spec.getVolumeClaimTemplates().stream()
                        .map(t -> t.getMetadata() == null ? null : t.getMetadata().getName()).filter(Objects::nonNull).toList();
        return new Workload(WorkloadKind.STATEFULSET, idOf(s.getMetadata()), s, spec == null ? null : spec.getSelector(),
                spec == null ? null : spec.getTemplate(), desired, reported == null ? 0 : reported, templates);
    }

    static Workload of(DaemonSet d) {
        var spec = d.getSpec();
        var status = d.getStatus();
        int desired = status == null || status.getDesiredNumberScheduled() == null ? 0 : status.getDesiredNumberScheduled();
        Integer reported = status == null ? null
                : status.getNumberAvailable() != null ? status.getNumberAvailable() : status.getNumberReady();
        return new Workload(WorkloadKind.DAEMONSET, idOf(d.getMetadata()), d, spec == null ? null : spec.getSelector(),
                spec == null ? null : spec.getTemplate(), desired, reported == null ? 0 : reported, List.of());
    }

    static ServiceId idOf(ObjectMeta meta) {
        return new ServiceId(meta.getNamespace() == null ? "default" : meta.getNamespace(), meta.getName());
    }
}
