package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code ./awoooi invoke}, {@code fault}, {@code redrive}, {@code incidents}, {@code incident} and {@code alert}: talk
 * to the running stack's control server (which adds the API tokens for the last three).
 */
final class ControlClient {

    static final String NOT_RUNNING = "no local stack is running (start one with ./awoooi up)";

    private final Path stateDir;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ControlClient(Path stateDir, PrintStream out, PrintStream err) {
        this.stateDir = stateDir;
        this.out = out;
        this.err = err;
    }

    /** invoke FN [--event FILE]: prints the response; exit 1 on a function error. */
    int invoke(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--event"))) {
            err.println("awoooi: usage: ./awoooi invoke FUNCTION [--event FILE]");
            return 2;
        }
        byte[] event = new byte[0];
        if (args.length == 3) {
            try {
                event = Files.readAllBytes(Path.of(args[2]));
            } catch (NoSuchFileException e) {
                err.println("awoooi: no event file " + args[2]);
                return 2;
            } catch (IOException e) {
                err.println("awoooi: cannot read " + args[2] + ": " + e.getMessage());
                return 2;
            }
        }
        Optional<HttpResponse<String>> response = post("/invoke/" + args[0], event);
        if (response.isEmpty()) {
            return 1;
        }
        HttpResponse<String> r = response.get();
        if (r.statusCode() != 200) {
            err.println("awoooi: " + message(r.body()));
            return 1;
        }
        out.println(readable(r.body()));
        if (r.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            err.println("awoooi: " + r.headers().firstValue("X-Awoooi-Function").orElse(args[0]) + " failed ("
                    + r.headers().firstValue("X-Awoooi-Result").orElse("ERROR") + ")");
            return 1;
        }
        return 0;
    }

    /**
     * A function's answer for people: one that carries a text {@code box} (the FinOps scan's FINOPS COST
     * ANALYSIS, the drift scan's report) prints as that box with the report id and where to read it;
     * any other answer as it came.
     */
    static String readable(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(body);
            if (json != null && json.path("box").isTextual()) {
                String id = json.path("reportId").asText("?");
                boolean drift = id.startsWith("drf_");
                return json.path("box").asText() + "report " + id
                        + (json.path("latest").asBoolean(false)
                                ? " (the latest: GET /v1/" + (drift ? "drift" : "finops") + "/reports/latest)" : "")
                        + (drift ? "" : "; approval links of its recommendations: GET /local/outbox");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: as it came
        }
        return body;
    }

    /** fault dynamodb down|up. */
    int fault(String[] args) {
        if (args.length != 2 || !args[0].equals("dynamodb") || !(args[1].equals("down") || args[1].equals("up"))) {
            err.println("awoooi: usage: ./awoooi fault dynamodb down|up");
            return 2;
        }
        Optional<HttpResponse<String>> response = post("/fault/dynamodb/" + args[1], new byte[0]);
        if (response.isEmpty()) {
            return 1;
        }
        if (response.get().statusCode() != 200) {
            err.println("awoooi: " + message(response.get().body()));
            return 1;
        }
        out.println("awoooi: DynamoDB is " + args[1]);
        return 0;
    }

    /** redrive QUEUE: moves a dead-letter queue's messages back to their source queue, prints how many. */
    int redrive(String[] args) {
        if (args.length != 1 || args[0].isBlank() || args[0].contains("/")) {
            err.println("awoooi: usage: ./awoooi redrive QUEUE");
            request("GET", "/redrive", null).filter(r -> r.statusCode() == 200).ifPresent(r -> {
                err.println("awoooi: the running stack's dead-letter queues:");
                Json.parse(r.body()).path("deadLetterQueues").forEach(q -> err.println("  " + q.asText()));
            });
            return 2;
        }
        Optional<HttpResponse<String>> response = post("/redrive/" + args[0], new byte[0]);
        if (response.isEmpty()) {
            return 1;
        }
        if (response.get().statusCode() != 200) {
            err.println("awoooi: " + message(response.get().body()));
            return response.get().statusCode() == 404 ? 2 : 1;
        }
        JsonNode moved = Json.parse(response.get().body());
        out.println("awoooi: moved " + moved.path("moved").asInt() + " message(s) from " + moved.path("from").asText()
                + " back to " + moved.path("to").asText());
        return 0;
    }

    /**
     * incidents [--status FIRING|RESOLVED] [--since T] [--until T] [--limit N] [--next TOKEN] [--json]:
     * the incident list for people (T: an ISO-8601 instant or 30m, 2h, 7d before now).
     */
    int incidents(String[] args) {
        StringBuilder query = new StringBuilder();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String name = switch (args[i]) {
                case "--status" -> "status";
                case "--since" -> "since";
                case "--until" -> "until";
                case "--limit" -> "limit";
                case "--next" -> "nextToken";
                default -> null;
            };
            if (args[i].equals("--json")) {
                json = true;
            } else if (name != null && i + 1 < args.length) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(args[++i], java.nio.charset.StandardCharsets.UTF_8));
            } else {
                err.println("awoooi: usage: ./awoooi incidents [--status FIRING|RESOLVED] [--since T] [--until T]"
                        + " [--limit N] [--next TOKEN] [--json]   (T: 2026-11-25T03:00:00Z, or 30m, 2h, 7d ago)");
                return 2;
            }
        }
        return show(request("GET", "/api/v1/incidents" + query, null), json, IncidentViews::list);
    }

    /** incident ID [--json]: one incident's story. */
    int incident(String[] args) {
        boolean json = args.length == 2 && args[1].equals("--json");
        if (args.length != 1 && !json || !args[0].matches("[A-Za-z0-9_]{1,64}")) {
            err.println("awoooi: usage: ./awoooi incident ID [--json]   (IDs: ./awoooi incidents)");
            return 2;
        }
        return show(request("GET", "/api/v1/incidents/" + args[0], null), json, IncidentViews::incident);
    }

    /** alert [FILE]: posts an Alertmanager webhook (the demo's bundled one without FILE), prints the incident. */
    int alert(String[] args) {
        byte[] body;
        if (args.length == 0) {
            body = DemoContext.webhook();
        } else if (args.length == 1) {
            try {
                body = Files.readAllBytes(Path.of(args[0]));
            } catch (NoSuchFileException e) {
                err.println("awoooi: no webhook file " + args[0]);
                return 2;
            } catch (IOException e) {
                err.println("awoooi: cannot read " + args[0] + ": " + e.getMessage());
                return 2;
            }
        } else {
            err.println(
                    "awoooi: usage: ./awoooi alert [FILE]   (an Alertmanager webhook; the demo's sample without FILE)");
            return 2;
        }
        Optional<HttpResponse<String>> response = request("POST", "/api/v1/alerts", body);
        if (response.isEmpty()) {
            return 1;
        }
        HttpResponse<String> r = response.get();
        if (r.statusCode() != 202) {
            err.println("awoooi: HTTP " + r.statusCode() + ": " + detail(r.body()));
            return 1;
        }
        JsonNode accepted = Json.parse(r.body());
        out.println("awoooi: accepted, incident " + accepted.path("incidentId").asText()
                + " (./awoooi incident " + accepted.path("incidentId").asText() + ")");
        return 0;
    }

    private int show(Optional<HttpResponse<String>> response, boolean json,
            java.util.function.Function<JsonNode, java.util.List<String>> view) {
        if (response.isEmpty()) {
            return 1;
        }
        HttpResponse<String> r = response.get();
        if (r.statusCode() != 200) {
            err.println("awoooi: HTTP " + r.statusCode() + ": " + detail(r.body()));
            return 1;
        }
        if (json) {
            out.println(r.body());
        } else {
            view.apply(Json.parse(r.body())).forEach(out::println);
        }
        return 0;
    }

    /** The API's error detail ({@code {"error", "detail"}}), else the control server's message. */
    private static String detail(String body) {
        try {
            JsonNode node = Json.parse(body);
            return node.has("detail") ? node.path("detail").asText() : node.path("message").asText(body);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    private Optional<HttpResponse<String>> post(String path, byte[] body) {
        return request("POST", path, body);
    }

    private Optional<HttpResponse<String>> request(String method, String path, byte[] body) {
        Optional<StackFile> stack = StackFile.read(StackFile.path(stateDir)).filter(StackFile::alive);
        if (stack.isEmpty() || stack.get().controlPort() == 0) {
            err.println("awoooi: " + NOT_RUNNING);
            return Optional.empty();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.get().controlPort() + path))
                .method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90))
                .build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (ConnectException e) {
            err.println("awoooi: " + NOT_RUNNING);
            return Optional.empty();
        } catch (IOException e) {
            err.println("awoooi: the local stack did not answer: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String message(String body) {
        try {
            JsonNode node = Json.parse(body);
            return node.path("message").asText(body);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }
}
