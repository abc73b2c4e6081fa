package io.awoooi.kube;

import io.awoooi.core.drift.DriftSource;
import io.awoooi.core.drift.FieldsV1;
import io.awoooi.core.drift.LiveWorkload;
import io.awoooi.core.drift.ManagedFieldsEntry;
import io.awoooi.core.drift.WorkloadRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The drift scan's reads (issue #15): Deployments, StatefulSets and DaemonSets of a namespace with
 * their managedFields, and the namespace's HorizontalPodAutoscalers (autoscaling/v2) to know whose
 * replicas an HPA drives; every list paged. A failed read fails the namespace (a
 * {@link DriftSource.DriftSourceException} naming the kind and the HTTP code, never a value): the
 * scan reports it as not scanned rather than guessing (without the HPAs, replicas could read as drift).
 * With all namespaces selected, the API server's own ({@value #SYSTEM_PREFIX}*) are skipped.
 */
public final class KubernetesDriftSource implements DriftSource {
    static final String SYSTEM_PREFIX = "kube-";
    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private final KubernetesClient client;
    private final NamespaceSelection namespaces;

    public KubernetesDriftSource(KubernetesClient client, NamespaceSelection namespaces) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
    }

    @Override
    public List<String> namespaces() {
        if (!namespaces.isAll()) {
            return namespaces.namespaces();
        }
        List<String> out = new ArrayList<>();
        read("Namespaces", () -> ClusterReads.<Namespace, io.fabric8.kubernetes.api.model.NamespaceList>forEach(
                client.namespaces(), n -> {
                    String name = n.getMetadata().getName();
                    if (!name.startsWith(SYSTEM_PREFIX)) {
                        out.add(name);
                    }
                }));
        return out.stream().sorted().toList();
    }

    @Override
    public List<LiveWorkload> workloads(String namespace) {
        Set<String> scaled = hpaTargets(namespace);
        List<HasMetadata> objects = new ArrayList<>();
        read("Deployments",
                () -> ClusterReads.forEach(client.apps().deployments().inNamespace(namespace), objects::add));
        read("StatefulSets",
                () -> ClusterReads.forEach(client.apps().statefulSets().inNamespace(namespace), objects::add));
        read("DaemonSets", () -> ClusterReads.forEach(client.apps().daemonSets().inNamespace(namespace), objects::add));
        return objects.stream().map(o -> toLive(o, scaled)).toList();
    }

    @Override
    public Optional<LiveWorkload> workload(WorkloadRef ref) {
        if (!KINDS.contains(ref.kind())) {
            return Optional.empty();
        }
        Set<String> scaled = hpaTargets(ref.namespace());
        HasMetadata[] found = new HasMetadata[1];
        read(ref.kind() + "s", () -> found[0] = switch (ref.kind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get();
            default -> client.apps().daemonSets().inNamespace(ref.namespace()).withName(ref.name()).get();
        });
        return Optional.ofNullable(found[0]).map(o -> toLive(o, scaled));
    }

    private Set<String> hpaTargets(String namespace) {
        Set<String> out = new HashSet<>();
        read("HorizontalPodAutoscalers",
                () -> ClusterReads.<HorizontalPodAutoscaler, io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerList>forEach(
                        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace), h -> {
                            if (h.getSpec() != null && h.getSpec().getScaleTargetRef() != null) {
                                out.add(h.getSpec().getScaleTargetRef().getKind() + "/"
                                        + h.getSpec().getScaleTargetRef().getName());
                            }
                        }));
        return out;
    }

    @SuppressWarnings("unchecked")
    private LiveWorkload toLive(HasMetadata o, Set<String> scaled) {
        var md = o.getMetadata();
        WorkloadRef ref = new WorkloadRef(o.getKind(), md.getNamespace(), md.getName());
        List<ManagedFieldsEntry> fields = new ArrayList<>();
        if (md.getManagedFields() != null) {
            for (var e : md.getManagedFields()) {
                if (e.getManager() == null) {
                    continue;
                }
                Map<String, Object> v1 = e.getFieldsV1() == null || e.getFieldsV1().getAdditionalProperties() == null
                        ? Map.of() : e.getFieldsV1().getAdditionalProperties();
                fields.add(new ManagedFieldsEntry(e.getManager(), e.getOperation(), time(e.getTime()),
                        FieldsV1.paths(v1)));
            }
        }
        Map<String, Object> object = new LinkedHashMap<>(
                client.getKubernetesSerialization().convertValue(o, Map.class));
        object.remove("status");
        if (object.get("metadata") instanceof Map<?, ?> m) {
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) m);
            metadata.remove("managedFields");
            object.put("metadata", metadata);
        }
        return new LiveWorkload(ref, md.getUid(), md.getResourceVersion(), object, fields,
                scaled.contains(o.getKind() + "/" + md.getName()));
    }

    private static Instant time(String t) {
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void read(String kind, Runnable read) {
        try {
            read.run();
        } catch (KubernetesClientException e) {
            throw new DriftSourceException(
                    "cannot list " + kind + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : ""), e);
        }
    }
}
