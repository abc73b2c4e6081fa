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
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The raw-alerts queue message body: a small JSON envelope with the notification gzip-compressed
 * and base64-encoded. Alert JSON compresses about tenfold, which keeps a 1 MiB notification well
 * inside the SQS message limit; one encoding for every size keeps the consumer simple.
 */
public final class RawAlertEnvelope {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawAlertEnvelope() {
    }

    public static String encode(RawAlertMessage message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("incidentId", message.incidentId());
        node.put("notificationKey", message.notificationKey());
        node.put("groupKeyHash", message.groupKeyHash());
        node.put("receivedAt", message.receivedAt().toString());
        node.put("payloadEncoding", "gzip+base64");
        node.put("payload", Base64.getEncoder().encodeToString(gzip(message.rawPayload())));
        return node.toString();
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
