package io.awoooi.kube.finops;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * How a request to the Prometheus HTTP API is authorised: nothing, a bearer token, or (for Amazon
 * Managed Service for Prometheus) an AWS SigV4 signature, which lives with the AWS adapters
 * ({@code io.awoooi.aws.SigV4PrometheusAuth}) and is plugged in here.
 */
@FunctionalInterface
public interface PrometheusAuth {
    /**
     * Adds the authorisation headers for this exact request.
     *
     * @param body the form body of a POST (signatures cover it)
     */
    void authorise(HttpRequest.Builder request, String method, URI uri, byte[] body);

    static PrometheusAuth none() {
        return (request, method, uri, body) -> {
        };
    }

    static PrometheusAuth bearer(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank");
        }
        return (request, method, uri, body) -> request.header("Authorization", "Bearer " + token.strip());
    }
}
