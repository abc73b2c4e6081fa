package io.awoooi.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.failure.ServiceGraphUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The service graph from Prometheus: one instant query of
 * {@value #QUERY} against {@code GET {prometheusUrl}/api/v1/query}. Every series with a
 * {@code client} and a {@code server} label and a positive rate is one edge.
 *
 * <p>Failures (connection refused, timeout, non-2xx, a body that is not a Prometheus vector
 * answer) throw {@link ServiceGraphUnavailableException}; its message names the failure, never a
 * response body or a label value.
 */
public final class PrometheusServiceGraph implements ServiceGraphMetrics {
    public static final String QUERY = "sum by (client, server) (rate(traces_service_graph_request_total[5m])) > 0";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI queryUri;
    private final HttpClient http;
    private final Duration timeout;

    /** A client of its own with {@link #DEFAULT_TIMEOUT} for connecting and for the whole request. */
    public PrometheusServiceGraph(URI prometheusUrl) {
        this(prometheusUrl, HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build(), DEFAULT_TIMEOUT);
    }

    /**
     * @param prometheusUrl the Prometheus base URL, e.g. {@code http://prometheus:9090} or one with a
     *     path prefix ({@code https://host/prometheus}); {@code /api/v1/query} is appended
     * @param timeout the request timeout (the connect timeout is the client's)
     */
    public PrometheusServiceGraph(URI prometheusUrl, HttpClient http, Duration timeout) {
        Objects.requireNonNull(prometheusUrl, "prometheusUrl");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String base = prometheusUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.queryUri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8));
    }

    @Override
    public List<ServiceGraphEdge> edges() {
        HttpRequest request = HttpRequest.newBuilder(queryUri).GET().timeout(timeout)
                .header("Accept", "application/json").build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServiceGraphUnavailableException("Prometheus query failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceGraphUnavailableException("Prometheus query interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ServiceGraphUnavailableException("Prometheus answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    static List<ServiceGraphEdge> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ServiceGraphUnavailableException("Prometheus answer is not JSON", e);
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            throw new ServiceGraphUnavailableException("Prometheus answer status is not success");
        }
        JsonNode data = root.path("data");
        if (!"vector".equals(data.path("resultType").asText())) {
            throw new ServiceGraphUnavailableException("Prometheus answer is not an instant vector");
        }
        Set<ServiceGraphEdge> edges = new LinkedHashSet<>();
        for (JsonNode series : data.path("result")) {
            String client = series.path("metric").path("client").asText("");
            String server = series.path("metric").path("server").asText("");
            if (client.isBlank() || server.isBlank() || !positive(series.path("value"))) {
                continue;
            }
            edges.add(new ServiceGraphEdge(client, server));
        }
        return List.copyOf(new ArrayList<>(edges));
    }

    /** value is [timestamp, "number"]; the query already filters "> 0", this guards a changed query. */
    private static boolean positive(JsonNode value) {
        if (!value.isArray() || value.size() < 2) {
            return false;
        }
        try {
            double rate = Double.parseDouble(value.get(1).asText());
            return rate > 0 && !Double.isNaN(rate);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        // host and port only: a URL's user-info part may hold credentials
        return "PrometheusServiceGraph[" + queryUri.getHost() + (queryUri.getPort() > 0 ? ":" + queryUri.getPort() : "")
                + "]";
    }
}
