package io.awoooi.kube.finops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.finops.ClusterInventory;
import io.awoooi.core.finops.UsageHistory;
import io.awoooi.core.finops.UsageHistory.PodUsage;
import io.awoooi.core.finops.UsageSource;
import io.awoooi.core.failure.UsageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Usage from the Prometheus HTTP API ({@code POST /api/v1/query_range}, form-encoded, so long
 * namespace lists and SigV4 signatures both fit), hourly over the window, batched by namespace
 * (at most {@value #PODS_PER_BATCH} pods' series per answer):
 * <ul>
 * <li>CPU: {@value #CPU}</li>
 * <li>memory: {@value #MEMORY}</li>
 * <li>claims in use (kube-state-metrics, best effort): {@value #CLAIMS}</li>
 * </ul>
 * ({@code %s} is the namespace matcher). An unreachable server, a non-2xx answer or a body that is not
 * a matrix fails the whole read with {@link UsageUnavailableException} naming the query and the
 * failure (never a body); the claims query only logs, since it only refines an orphan's age. Answers
 * are read as a stream, so a large one is never held as a tree.
 */
public final class PrometheusUsage implements UsageSource {
    static final String CPU = "sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!=\"\",container!=\"POD\",%s}[1h]))";
    static final String MEMORY = "sum by (namespace, pod) (max_over_time(container_memory_working_set_bytes{container!=\"\",container!=\"POD\",%s}[1h]))";
    static final String CLAIMS = "max by (namespace, persistentvolumeclaim) (kube_pod_spec_volumes_persistentvolumeclaims_info{%s})";
    static final int PODS_PER_BATCH = 2_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(PrometheusUsage.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI rangeUri;
    private final HttpClient http;
    private final Duration timeout;
    private final PrometheusAuth auth;

    public PrometheusUsage(URI prometheusUrl, PrometheusAuth auth) {
        this(prometheusUrl, auth, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                DEFAULT_TIMEOUT);
    }

    /**
     * @param prometheusUrl the base URL ({@code http://prometheus:9090}, or an AMP workspace's
     *     {@code https://aps-workspaces.<region>.amazonaws.com/workspaces/<id>}); {@code /api/v1/query_range} is appended
     */
    public PrometheusUsage(URI prometheusUrl, PrometheusAuth auth, HttpClient http, Duration timeout) {
        Objects.requireNonNull(prometheusUrl, "prometheusUrl");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String base = prometheusUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.rangeUri = URI.create(base + "/api/v1/query_range");
    }

    @Override
    public UsageHistory read(ClusterInventory cluster, Instant from, Instant to, Duration step) {
        Map<String, PodUsage> pods = new HashMap<>();
        Map<String, Instant> claims = new HashMap<>();
        for (String matcher : namespaceBatches(cluster)) {
            Map<String, Series> cpu = queryRange("CPU", CPU.formatted(matcher), from, to, step, "pod");
            Map<String, Series> memory = queryRange("memory", MEMORY.formatted(matcher), from, to, step, "pod");
            cpu.forEach((pod, s) -> {
                Series mem = memory.get(pod);
                PodUsage u = new PodUsage(s.first, s.last, s.samples, s.max,
                        mem == null ? OptionalDouble.empty() : OptionalDouble.of(mem.max));
                pods.merge(pod, u, PodUsage::merge);
            });
            try {
                queryRange("claims", CLAIMS.formatted(matcher), from, to, step, "persistentvolumeclaim")
                        .forEach((claim, s) -> claims.merge(claim, s.last, (a, b) -> a.isAfter(b) ? a : b));
            } catch (UsageUnavailableException e) {
                LOG.log(Level.WARNING, "claims in use unknown (orphans aged by creation only): {0}", e.getMessage());
            }
        }
        return new UsageHistory(from, to, step, pods, claims, Optional.empty());
    }

    /** Namespace matchers ({@code namespace=~"a|b"}) grouping namespaces up to {@value #PODS_PER_BATCH} pods. */
    static List<String> namespaceBatches(ClusterInventory cluster) {
        Map<String, Integer> perNamespace = new TreeMap<>();
        cluster.pods().forEach(p -> perNamespace.merge(p.namespace(), 1, Integer::sum));
        cluster.claims().forEach(c -> perNamespace.merge(c.namespace(), 0, Integer::sum));
        List<String> out = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int pods = 0;
        for (Map.Entry<String, Integer> e : perNamespace.entrySet()) {
            if (!batch.isEmpty() && pods + e.getValue() > PODS_PER_BATCH) {
                out.add(matcher(batch));
                batch = new ArrayList<>();
                pods = 0;
            }
            batch.add(e.getKey());
            pods += e.getValue();
        }
        if (!batch.isEmpty()) {
            out.add(matcher(batch));
        }
        return out;
    }

    /** Namespace names are DNS labels ([a-z0-9-]): nothing to escape in a regex, but refuse anything else. */
    private static String matcher(List<String> namespaces) {
        for (String ns : namespaces) {
            if (!ns.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new IllegalArgumentException("not a namespace name");
            }
        }
        return "namespace=~\"" + String.join("|", namespaces) + "\"";
    }

    /** One series: its first and last sample time, how many samples, and the highest value. */
    record Series(Instant first, Instant last, long samples, double max) {
    }

    /** {@code namespace/<label>} to the series. */
    Map<String, Series> queryRange(String what, String query, Instant from, Instant to, Duration step, String label) {
        String form = "query=" + enc(query) + "&start=" + from.getEpochSecond() + "&end=" + to.getEpochSecond()
                + "&step=" + step.toSeconds() + "s";
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(rangeUri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        auth.authorise(request, "POST", rangeUri, body);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UsageUnavailableException("Prometheus " + what + " query failed: " + e.getClass().getSimpleName(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageUnavailableException("Prometheus " + what + " query interrupted", e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new UsageUnavailableException("Prometheus answered HTTP " + response.statusCode() + " to the "
                        + what + " query");
            }
            return parseMatrix(in, label, what);
        } catch (IOException e) {
            throw new UsageUnavailableException(
                    "Prometheus " + what + " answer unreadable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Streams {@code {"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[t,"v"],...]}]}}}.
     */
    static Map<String, Series> parseMatrix(InputStream in, String label, String what) throws IOException {
        Map<String, Series> out = new LinkedHashMap<>();
        String status = null;
        String resultType = null;
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UsageUnavailableException("Prometheus " + what + " answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("status")) {
                    status = p.getValueAsString();
                } else if (field.equals("data") && p.currentToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        if (f.equals("resultType")) {
                            resultType = p.getValueAsString();
                        } else if (f.equals("result") && p.currentToken() == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                readSeries(p, label, out);
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageUnavailableException("Prometheus " + what + " answer is not JSON", e);
        }
        if (!"success".equals(status)) {
            throw new UsageUnavailableException("Prometheus " + what + " answer status is not success");
        }
        if (!"matrix".equals(resultType)) {
            throw new UsageUnavailableException("Prometheus " + what + " answer is not a range vector");
        }
        return out;
    }

    private static void readSeries(JsonParser p, String label, Map<String, Series> out) throws IOException {
        String namespace = null;
        String name = null;
        Instant first = null;
        Instant last = null;
        long samples = 0;
        double max = Double.NEGATIVE_INFINITY;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("metric") && p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if (key.equals("namespace")) {
                        namespace = p.getValueAsString();
                    } else if (key.equals(label)) {
                        name = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            } else if (field.equals("values") && p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    double t = p.getValueAsDouble();
                    p.nextToken();
                    double v;
                    try {
                        v = Double.parseDouble(p.getValueAsString());
                    } catch (NumberFormatException | NullPointerException e) {
                        v = Double.NaN;
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                    }
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        continue;
                    }
                    Instant at = Instant.ofEpochMilli(Math.round(t * 1000));
                    first = first == null || at.isBefore(first) ? at : first;
                    last = last == null || at.isAfter(last) ? at : last;
                    samples++;
                    max = Math.max(max, v);
                }
            } else {
                p.skipChildren();
            }
        }
        if (namespace != null && name != null && samples > 0) {
            Series s = new Series(first, last, samples, max);
            out.merge(namespace + "/" + name, s, (a, b) -> new Series(a.first.isBefore(b.first) ? a.first : b.first,
                    a.last.isAfter(b.last) ? a.last : b.last, a.samples + b.samples, Math.max(a.max, b.max)));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // host and port only: a URL's user-info part may hold credentials
        return "PrometheusUsage[" + rangeUri.getHost() + (rangeUri.getPort() > 0 ? ":" + rangeUri.getPort() : "") + "]";
    }
}
