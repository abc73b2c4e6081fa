package io.awoooi.kube;

import io.awoooi.core.failure.TopologyUnavailableException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * How the Kubernetes readers and writers tell a transient failure from a refusal: no connection, a
 * timeout, 5xx or 429 may pass on retry (the callers throw
 * {@link TopologyUnavailableException}); any other status is the API
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

    /** The message of the API's Status; its reason or the HTTP code when it has none. */
    static String reason(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            return status.getMessage().strip();
        }
        if (status != null && status.getReason() != null && !status.getReason().isBlank()) {
            return status.getReason().strip();
        }
        return "the API server refused the request (HTTP " + e.getCode() + ")";
    }

    /** For an action that could not reach the API server: names the action, never its parameters (real names). */
    static TopologyUnavailableException unavailable(KubernetesClientException e, String action) {
        return new TopologyUnavailableException("cannot reach the Kubernetes API server for " + action + httpCode(e),
                e);
    }
}
