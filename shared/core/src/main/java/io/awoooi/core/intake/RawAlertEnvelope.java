package io.awoooi.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The raw-alerts queue message: a small JSON envelope with the notification gzip-compressed and
 * base64-encoded, and the message attributes. Alert JSON compresses about tenfold; one encoding for
 * every size keeps the consumer simple. The body is ASCII whatever the notification holds.
 *
 * <p>Every envelope field but the payload has a fixed width for a given message kind (incident ids,
 * hashes, and receivedAt always with nine fraction digits), so {@link #sqsBytes} of a message built
 * before its incident id is known, with any id of the same length, is the size it will have.
 */
public final class RawAlertEnvelope {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ISO-8601 that Instant.parse reads, always nine fraction digits: a fixed width. */
    private static final DateTimeFormatter RECEIVED_AT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** SQS's name for the type of a string message attribute; it counts toward the message size. */
    private static final String STRING_TYPE = "String";

    private RawAlertEnvelope() {
    }

    public static String encode(RawAlertMessage message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("incidentId", message.incidentId());
        node.put("notificationKey", message.notificationKey());
        node.put("groupKeyHash", message.groupKeyHash());
        node.put("receivedAt", RECEIVED_AT.format(message.receivedAt()));
        node.put("payloadEncoding", "gzip+base64");
        node.put("payload", Base64.getEncoder().encodeToString(gzip(message.rawPayload())));
        return node.toString();
    }

    /** The message attributes sent with the body (string attributes). */
    public static Map<String, String> attributes(RawAlertMessage message) {
        return Map.of("incidentId", message.incidentId());
    }

    /**
     * The size SQS gives the message: the body's bytes plus each attribute's name, type and value
     * (UTF-8), exactly as {@link #encode} and {@link #attributes} make them.
     */
    public static int sqsBytes(RawAlertMessage message) {
        int bytes = encode(message).getBytes(StandardCharsets.UTF_8).length;
        for (var a : attributes(message).entrySet()) {
            bytes += utf8(a.getKey()) + utf8(STRING_TYPE) + utf8(a.getValue());
        }
        return bytes;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    public static RawAlertMessage decode(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException("not a raw-alert envelope of format " + FORMAT);
            }
            return new RawAlertMessage(
                    node.path("incidentId").asText(),
                    node.path("notificationKey").asText(),
                    node.path("groupKeyHash").asText(),
                    Instant.parse(node.path("receivedAt").asText()),
                    gunzip(Base64.getDecoder().decode(node.path("payload").asText())));
        } catch (IOException e) {
            throw new IllegalArgumentException("raw-alert envelope is not valid JSON", e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, text.length() / 8));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] data) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
