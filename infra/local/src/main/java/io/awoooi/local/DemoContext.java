package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** What the demo steps share: the stack, an HTTP client, and facts earlier steps found out. */
final class DemoContext {

    static final String WEBHOOK_RESOURCE = "/demo/alertmanager-webhook.json";

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> facts = new HashMap<>();

    DemoContext(LocalStack stack) {
        this.stack = stack;
    }

    LocalStack stack() {
        return stack;
    }

    /** Records something later steps need, e.g. the incident id. */
    void remember(String key, String value) {
        facts.put(key, value);
    }

    /** A fact an earlier step may have recorded. */
    java.util.Optional<String> known(String key) {
        return java.util.Optional.ofNullable(facts.get(key));
    }

    /** A fact of an earlier step; StepFailed naming that step when it is missing. */
    String fact(String key, String fromStep) throws DemoStep.StepFailed {
        String value = facts.get(key);
        if (value == null) {
            throw new DemoStep.StepFailed("no " + key + " (step " + fromStep + " did not provide one)");
        }
        return value;
    }

    /** The bundled Alertmanager webhook (a v4 notification of two firing alerts). */
    static byte[] webhook() {
        try (InputStream in = DemoContext.class.getResourceAsStream(WEBHOOK_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo webhook " + WEBHOOK_RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> post(String path, String token, byte[] json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Follows a link the way a browser does (an absolute URL, e.g. from a notification), optionally
     * posting a form; asks for JSON so the answer can be checked.
     */
    HttpResponse<String> follow(String url, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json"), form);
    }

    /**
     * A console page (GET) or form (POST, url-encoded) with the session cookie when given; redirects
     * are answered, not followed.
     */
    HttpResponse<String> console(String path, String cookie, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request, form);
    }

    /** GET, or POST of the url-encoded form when there is one. */
    private HttpResponse<String> send(HttpRequest.Builder request, String form)
            throws IOException, InterruptedException {
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's status must be {@code expected}; the body, when JSON, is returned. */
    static JsonNode expect(HttpResponse<String> response, int expected) throws DemoStep.StepFailed {
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (IllegalArgumentException e) {
            body = null;
        }
        if (response.statusCode() != expected) {
            String detail = body != null && body.has("error")
                    ? body.path("error").asText() + " " + body.path("detail").asText("")
                    : body != null && body.has("message") ? body.path("message").asText() : "";
            throw new DemoStep.StepFailed("expected HTTP " + expected + ", got " + response.statusCode()
                    + (detail.isBlank() ? "" : " (" + detail.trim() + ")"));
        }
        if (body == null) {
            throw new DemoStep.StepFailed("HTTP " + expected + " but the body is not JSON");
        }
        return body;
    }

    private URI url(String path) {
        return stack.apiUrl().resolve(path);
    }
}
