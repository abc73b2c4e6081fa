package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.testing.RepoRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run) sends its
 * webhooks to the local stack: what it really posts must open an incident with the fingerprints
 * Alertmanager computed, and its resolved notification must close it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerEndToEndTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(45);

    private Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private Process alertmanager;
    private URI alertmanagerUrl;
    private final String run = UUID.randomUUID().toString();

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                fail(BINARY + " is missing: .ci/run installs prometheus-alertmanager with apt-get");
            }
            assumeTrue(false,
                    BINARY + " is not installed (apt-get install prometheus-alertmanager); skipped outside CI");
        }
        Path root = RepoRoot.find();
        assumeTrue(Files.isRegularFile(root.resolve("functions/intake/target/function.zip")),
                "function.zip files not built");
        stack = LocalStack.builder().stateDir(dir.resolve("stack")).environment(Map.of()).start();

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        alertmanagerUrl = URI.create("http://127.0.0.1:" + port);
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: awoooi
                  group_by: [alertname, run]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: awoooi
                    webhook_configs:
                      - url: %s/v1/alerts
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(stack.apiUrl().toString().replaceAll("/$", ""), stack.intakeToken()));
        alertmanager = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        waitFor(() -> get(alertmanagerUrl.resolve("/-/ready"), null).map(r -> r.statusCode() == 200).orElse(false),
                "Alertmanager ready");
    }

    @AfterAll
    void stop() {
        if (alertmanager != null) {
            alertmanager.destroy();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void realAlertmanager_firesThenResolves_incidentFollowsWithAlertmanagersFingerprints() throws Exception {
        // GIVEN two alerts of one group pushed into Alertmanager, as Prometheus would
        Instant startsAt = Instant.now().minusSeconds(60);
        postAlerts(startsAt, Optional.empty());
        Set<String> alertmanagerFingerprints = alertmanagerFingerprints();
        assertThat(alertmanagerFingerprints).hasSize(2);

        // WHEN Alertmanager delivers its webhook
        JsonNode incident = waitForIncident(i -> fingerprints(i).equals(alertmanagerFingerprints));

        // THEN one FIRING incident holds both alerts under Alertmanager's own fingerprints
        assertThat(incident.path("status").asText()).isEqualTo("FIRING");
        assertThat(incident.path("alerts")).hasSize(2);
        assertThat(incident.path("alerts").get(0).path("alertname").asText()).isEqualTo("PostgresDown");

        // WHEN both alerts resolve
        postAlerts(startsAt, Optional.of(Instant.now()));

        // THEN Alertmanager's resolved notification closes the same incident
        String id = incident.path("id").asText();
        JsonNode resolved = waitForIncident(i -> i.path("id").asText().equals(id)
                && i.path("status").asText().equals("RESOLVED"));
        assertThat(resolved.path("alerts"))
                .allSatisfy(a -> assertThat(a.path("status").asText()).isEqualTo("RESOLVED"));

        // AND no label value reached a function log
        String logs = stack.allFunctionLogs();
        assertThat(logs).contains("accepted notification").doesNotContain("10.66.0.1:5432", "10.66.0.2:5432", run);
    }

    private void postAlerts(Instant startsAt, Optional<Instant> endsAt) throws Exception {
        ArrayNode alerts = Json.MAPPER.createArrayNode();
        for (String instance : List.of("10.66.0.1:5432", "10.66.0.2:5432")) {
            ObjectNode alert = alerts.addObject();
            alert.putObject("labels").put("alertname", "PostgresDown").put("severity", "critical")
                    .put("instance", instance).put("run", run);
            alert.putObject("annotations").put("summary", "PostgreSQL on " + instance + " is down");
            alert.put("startsAt", startsAt.toString());
            endsAt.ifPresent(t -> alert.put("endsAt", t.toString()));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(alertmanagerUrl.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alerts.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private Set<String> alertmanagerFingerprints() throws Exception {
        JsonNode alerts = Json.parse(get(alertmanagerUrl.resolve("/api/v2/alerts?filter=run%3D%22" + run + "%22"), null)
                .orElseThrow().body());
        Set<String> out = new TreeSet<>();
        alerts.forEach(a -> out.add(a.path("fingerprint").asText()));
        return out;
    }

    private static Set<String> fingerprints(JsonNode incident) {
        Set<String> out = new TreeSet<>();
        incident.path("alerts").forEach(a -> out.add(a.path("fingerprint").asText()));
        return out;
    }

    private JsonNode waitForIncident(Predicate<JsonNode> wanted) throws Exception {
        JsonNode[] found = new JsonNode[1];
        waitFor(() -> {
            Optional<HttpResponse<String>> list = get(stack.apiUrl().resolve("/v1/incidents?limit=50"),
                    stack.operatorToken());
            if (list.isEmpty() || list.get().statusCode() != 200) {
                return false;
            }
            JsonNode incidents = Json.parse(list.get().body()).path("incidents");
            found[0] = StreamSupport.stream(incidents.spliterator(), false).filter(wanted).findFirst().orElse(null);
            return found[0] != null;
        }, "the incident Alertmanager's webhook should produce");
        return found[0];
    }

    private Optional<HttpResponse<String>> get(URI uri, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return Optional.of(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        String amLog = Files.exists(dir.resolve("alertmanager.log")) ? Files.readString(dir.resolve("alertmanager.log"))
                : "";
        fail("timed out waiting for " + what + "; Alertmanager log tail:\n"
                + amLog.substring(Math.max(0, amLog.length() - 2000)));
    }
}
