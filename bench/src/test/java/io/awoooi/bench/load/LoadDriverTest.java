package io.awoooi.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load driver against an in-process stand-in of the stack's HTTP API (nothing of AWOOOI runs). */
class LoadDriverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PIPELINE = Duration.ofMillis(250);

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void run_twentyNotifications_countsEachOutcomeAndTakesLatencyFromTheTimeline() throws Exception {
        // GIVEN a stand-in that accepts all but the 5th notification (503), and whose incidents show an
        // approval request 250 ms after the notification arrived, except one analysed without one
        // and one never analysed
        AtomicInteger posts = new AtomicInteger();
        Map<String, Instant> received = new ConcurrentHashMap<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/alerts", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer in");
            int n = posts.incrementAndGet();
            if (n == 5) {
                send(exchange, 503, "{\"error\":\"unavailable\"}");
                return;
            }
            String id = "inc_" + n;
            received.put(id, Instant.now());
            assertThat(body.path("groupKey").asText()).contains("load=");
            send(exchange, 202, "{\"incidentId\":\"" + id + "\"}");
        });
        server.createContext("/v1/incidents/", exchange -> {
            assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer op");
            String id = exchange.getRequestURI().getPath().substring("/v1/incidents/".length());
            Instant at = received.get(id).plus(PIPELINE);
            String timeline = switch (id) {
                case "inc_7" -> "[]"; // never analysed
                case "inc_8" -> "[{\"type\":\"analyzed\",\"at\":\"" + at + "\"}]"; // no action proposed
                default -> "[{\"type\":\"analyzed\",\"at\":\"" + at.minusMillis(10) + "\"},"
                        + "{\"type\":\"approval_requested\",\"at\":\"" + at + "\"}]";
            };
            String approval = id.equals("inc_7") || id.equals("inc_8") ? "" : ",\"approval\":{\"status\":\"PENDING\"}";
            send(exchange, 200, "{\"id\":\"" + id + "\",\"timeline\":" + timeline + approval + "}");
        });
        server.start();
        LoadDriver.Settings settings = LoadDriver.Settings.parse(new String[] {"--url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "--rate", "20", "--seconds", "1",
                "--drain-seconds", "1"},
                Map.of("AWOOOI_INTAKE_TOKEN", "in", "AWOOOI_OPERATOR_TOKEN", "op"));

        // WHEN the driver runs
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoadDriver.Report report = new LoadDriver(settings, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

        // THEN every notification was sent once; 19 accepted, one 503; 17 approval requests, one
        // analysed only, one lost (the drain deadline ended the wait); latencies from the timeline
        assertThat(report.sent()).isEqualTo(20);
        assertThat(report.skipped()).isZero();
        assertThat(report.statuses()).containsExactly(Map.entry(202, 19), Map.entry(503, 1));
        assertThat(report.fiveHundreds()).isEqualTo(1);
        assertThat(report.errors()).isEmpty();
        assertThat(report.accepted()).isEqualTo(19);
        assertThat(report.approvals()).isEqualTo(17);
        assertThat(report.analysedOnly()).isEqualTo(1);
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.drainDeadlineHit()).isTrue();
        assertThat(report.latencies()).hasSize(18).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(PIPELINE));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("accepted 19, approval requested 17, analysed without approval 1", "5xx 1");
    }

    @Test
    void settings_onlyLoopbackAndBounded() {
        Map<String, String> tokens = Map.of("AWOOOI_INTAKE_TOKEN", "a", "AWOOOI_OPERATOR_TOKEN", "b");
        LoadDriver.Settings defaults = LoadDriver.Settings.parse(new String[] {"--url", "http://127.0.0.1:8000/"},
                tokens);
        assertThat(defaults.rate()).isEqualTo(200);
        assertThat(defaults.seconds()).isEqualTo(60);
        assertThat(defaults.total()).isEqualTo(12_000);
        assertThat(defaults.drainSeconds()).isEqualTo(300);
        assertThat(defaults.url().toString()).isEqualTo("http://127.0.0.1:8000");
        for (String url : List.of("http://localhost:8000", "http://10.0.0.5:8000", "https://127.0.0.1:8000",
                "http://127.0.0.1")) {
            assertThatThrownBy(() -> LoadDriver.Settings.parse(new String[] {"--url", url}, tokens))
                    .as(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
        }
        assertThatThrownBy(
                () -> LoadDriver.Settings.parse(new String[] {"--url", "http://127.0.0.1:1", "--rate", "1001"},
                        tokens))
                .hasMessageContaining("--rate");
        assertThatThrownBy(
                () -> LoadDriver.Settings.parse(new String[] {"--url", "http://127.0.0.1:1", "--rate", "1000",
                        "--seconds", "101"}, tokens))
                .hasMessageContaining("at most 100000");
        assertThatThrownBy(() -> LoadDriver.Settings.parse(new String[] {"--url", "http://127.0.0.1:1"}, Map.of()))
                .hasMessageContaining("tokens");
        assertThatThrownBy(() -> LoadDriver.Settings.parse(new String[] {"--url", "http://127.0.0.1:1", "--nope", "1"},
                tokens)).hasMessageContaining("nope");
    }

    @Test
    void webhook_eachOneItsOwnAlertGroupAndFingerprints() throws Exception {
        Set<String> groups = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (int n = 0; n < 1000; n++) {
            JsonNode webhook = JSON.readTree(LoadDriver.webhook("run1", n));
            assertThat(webhook.path("version").asText()).isEqualTo("4");
            groups.add(webhook.path("groupKey").asText());
            webhook.path("alerts").forEach(a -> fingerprints.add(a.path("fingerprint").asText()));
            assertThat(webhook.path("alerts").get(0).path("labels").path("alertname").asText())
                    .isEqualTo("PostgresDown");
        }
        assertThat(groups).hasSize(1000);
        assertThat(fingerprints).hasSize(2000).allMatch(f -> f.matches("[0-9a-f]{16}"));
    }

    @Test
    void percentile_nearestRank() {
        List<Duration> sorted = java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(Duration::ofMillis).toList();
        assertThat(LoadDriver.percentile(sorted, 50)).isEqualTo(Duration.ofMillis(100));
        assertThat(LoadDriver.percentile(sorted, 99)).isEqualTo(Duration.ofMillis(198));
        assertThat(LoadDriver.percentile(List.of(Duration.ofMillis(7)), 99)).isEqualTo(Duration.ofMillis(7));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
