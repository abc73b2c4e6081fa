package io.awoooi.kube;

import java.util.Objects;

/**
 * One observed call in the service graph: {@code client} called {@code server}. The names are
 * what the tracing pipeline reports (usually the OpenTelemetry service.name); topology discovery
 * maps them onto nodes by name, then by Service alias ("namespace/name" is matched exactly).
 */
public record ServiceGraphEdge(String client, String server) {
    public ServiceGraphEdge {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
    }
}
