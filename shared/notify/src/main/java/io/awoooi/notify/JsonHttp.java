package io.awoooi.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.notify.NotificationFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * POSTs a JSON document for one channel and maps every way it can go wrong to a
 * {@link NotificationFailedException} that names the channel and at most an HTTP status. The URL
 * never appears in a message and no cause is attached: webhook URLs and the Telegram bot token are
 * secrets, and the JDK's exception messages can carry the address.
 */
final class JsonHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration requestTimeout;

    /** 3 s to connect, 10 s for the whole answer. */
    JsonHttp() {
        this(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    JsonHttp(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // HTTP/1.1: no h2c upgrade dance with plain-HTTP test servers and the local outbox
                .version(HttpClient.Version.HTTP_1_1)
                // a redirect would carry the body to an address nobody configured
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** The status and body of a 2xx answer. */
    record Answer(int status, String body) {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * @param channel names the channel in failure messages
     * @param url where to post; an unusable URL fails without being echoed
     * @throws NotificationFailedException on a non-2xx answer, a timeout or a connection error
     */
    Answer post(String channel, String url, ObjectNode body) {
        Answer answer = exchange(channel, "POST", url, body, java.util.Map.of());
        if (answer.status() < 200 || answer.status() > 299) {
            throw new NotificationFailedException(channel + ": HTTP " + answer.status());
        }
        return answer;
    }

    /**
     * Sends a JSON document with this method and headers (an {@code Authorization} header is a
     * secret like the URL: never in a message) and answers whatever status came back, so the caller
     * can read an API's error body (Telegram's "message to edit not found", Slack's {@code ok: false}).
     *
     * @throws NotificationFailedException on a timeout or a connection error
     */
    Answer exchange(String channel, String method, String url, ObjectNode body, java.util.Map<String, String> headers) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url.strip()))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotificationFailedException(channel + ": the configured URL is not a usable http(s) URL");
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new NotificationFailedException(channel + ": timed out");
        } catch (IOException e) {
            throw new NotificationFailedException(
                    channel + ": connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailedException(channel + ": interrupted");
        } catch (IllegalArgumentException e) {
            // e.g. a scheme the client does not speak; its message would name the URL
            throw new NotificationFailedException(channel + ": the configured URL is not a usable http(s) URL");
        }
        return new Answer(response.statusCode(), response.body());
    }

    /** The answer's body as JSON, or null when it is not JSON. */
    static com.fasterxml.jackson.databind.JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification as JSON", e);
        }
    }
}
