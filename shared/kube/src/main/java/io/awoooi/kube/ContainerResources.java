package io.awoooi.kube;

import io.awoooi.core.action.ContainerResource;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.Quantity;
import io.awoooi.core.action.ResourceChange;
import io.awoooi.core.action.ResourceField;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A container's resources in a pod template, read for {@code set_resources} (its bounds, its fingerprint). */
final class ContainerResources {
    private ContainerResources() {
    }

    /** What set_resources asks for, from its (rehydrated or plain) parameters. */
    record Wanted(String container, ContainerResource resource, ResourceField field, Quantity value) {
        static Wanted of(ProposedAction action) {
            String container = action.param("container").orElseThrow();
            ContainerResource resource = ContainerResource.fromId(action.param("resource").orElseThrow()).orElseThrow();
            ResourceField field = ResourceField.fromId(action.param("field").orElse(ResourceField.LIMIT.id()))
                    .orElseThrow();
            Quantity value = Quantity.parse(action.param("value").orElseThrow()).orElseThrow();
            return new Wanted(container, resource, field, value);
        }

        /** The change against the container as it is. */
        ResourceChange against(Container c) {
            return new ResourceChange(container, resource, field, current(c, resource, ResourceField.LIMIT),
                    current(c, resource, ResourceField.REQUEST), value);
        }
    }

    /** The template's (regular) containers, in order; empty when it has none. */
    static List<Container> containers(PodTemplateSpec template) {
        return template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                ? List.of() : template.getSpec().getContainers();
    }

    /** The position of the named container among the template's containers, or -1. */
    static int indexOf(PodTemplateSpec template, String name) {
        List<Container> containers = containers(template);
        for (int i = 0; i < containers.size(); i++) {
            if (name.equals(containers.get(i).getName())) {
                return i;
            }
        }
        return -1;
    }

    /** {@code api, sidecar}. */
    static String names(PodTemplateSpec template) {
        return containers(template).stream().map(Container::getName).collect(Collectors.joining(", "));
    }

    /** The container's limit or request of the resource, when set and a quantity. */
    static Optional<Quantity> current(Container c, ContainerResource resource, ResourceField field) {
        ResourceRequirements r = c.getResources();
        Map<String, io.fabric8.kubernetes.api.model.Quantity> values = r == null ? null
                : field == ResourceField.LIMIT ? r.getLimits() : r.getRequests();
        io.fabric8.kubernetes.api.model.Quantity q = values == null ? null : values.get(resource.id());
        return q == null ? Optional.empty() : Quantity.parse(text(q));
    }

    /**
     * {@code limits.cpu=500m limits.memory=512Mi requests.memory=256Mi} (sorted; {@code none} without
     * any): the container's resources as the fingerprint states them.
     */
    static String line(Container c) {
        TreeMap<String, String> values = new TreeMap<>();
        ResourceRequirements r = c.getResources();
        if (r != null) {
            Optional.ofNullable(r.getLimits()).ifPresent(m -> m.forEach((k, v) -> values.put("limits." + k, text(v))));
            Optional.ofNullable(r.getRequests())
                    .ifPresent(m -> m.forEach((k, v) -> values.put("requests." + k, text(v))));
        }
        return values.isEmpty() ? "none" : values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The quantity as written: fabric8 splits {@code 512Mi} into amount and format. */
    static String text(io.fabric8.kubernetes.api.model.Quantity q) {
        return (q.getAmount() == null ? "" : q.getAmount()) + (q.getFormat() == null ? "" : q.getFormat());
    }
}
