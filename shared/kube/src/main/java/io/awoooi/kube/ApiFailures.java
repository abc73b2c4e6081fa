package io.awoooi.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * How the Kubernetes readers and writers tell a transient failure from a refusal: no connection, a
 * timeout, 5xx or 429 may pass on retry (the callers throw
 * {@link io.awoooi.core.failure.TopologyUnavailableException}); any other status is the API
 * server's answer.
 */
final class ApiFailures {
    private ApiFailures() {
    }

    /** No connection, a timeout, 5xx, 429: a retry may succeed. */
    static boolean unreachable(KubernetesClientException e) {
        return e.getCode() <= 0 || e.getCode() >= 500 || e.getCode() == 429;
    }

    /** {@code " (HTTP 403)"}, or empty when no answer came back. */
    static String httpCode(KubernetesClientException e) {
        return e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "";
    }
}
