package io.awoooi.core.topology;

import java.util.Objects;

/**
 * {@code from} depends on {@code to} (from calls to). Upstream of a service = whoever depends on
 * it (its blast radius); downstream = what it depends on (where root causes are).
 *
 * @param source where the edge came from: "annotation" (awoooi.io/depends-on), "env" (a Service's
 *     DNS name in a container's environment value), "configmap" (in a ConfigMap the pod template
 *     references) or "servicegraph" (traces_service_graph_request_total in Prometheus)
 */
public record Dependency(ServiceId from, ServiceId to, String source) {
    public Dependency {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(source, "source");
    }
}
