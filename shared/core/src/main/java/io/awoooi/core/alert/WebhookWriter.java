package io.awoooi.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a webhook back as Alertmanager webhook v4 JSON that {@link WebhookParser} reads as the same
 * webhook: the fields AWOOOI reads, maps in their order (labels are numbered in order of first
 * appearance), the fingerprint always present, a firing alert's missing endsAt as Go's zero time.
 * Fields AWOOOI does not read are not written.
 */
public final class WebhookWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private WebhookWriter() {
    }

    /** The webhook as UTF-8 JSON. */
    public static byte[] write(AlertmanagerWebhook webhook) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", webhook.version());
        n.put("groupKey", webhook.groupKey());
        n.put("truncatedAlerts", webhook.truncatedAlerts());
        n.put("status", webhook.status().wireName());
        n.put("receiver", webhook.receiver());
        putMap(n, "groupLabels", webhook.groupLabels());
        putMap(n, "commonLabels", webhook.commonLabels());
        putMap(n, "commonAnnotations", webhook.commonAnnotations());
        n.put("externalURL", webhook.externalURL());
        var alerts = n.putArray("alerts");
        webhook.alerts().forEach(a -> alerts.add(node(a)));
        return bytes(n);
    }

    /** One alert as UTF-8 JSON, as it appears inside {@link #write}. */
    public static byte[] write(Alert alert) {
        return bytes(node(alert));
    }

    private static ObjectNode node(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", a.status().wireName());
        putMap(n, "labels", a.labels());
        putMap(n, "annotations", a.annotations());
        n.put("startsAt", a.startsAt().toString());
        n.put("endsAt", a.endsAt().map(Instant::toString).orElse(GO_ZERO_TIME));
        n.put("generatorURL", a.generatorURL());
        n.put("fingerprint", a.fingerprint());
        return n;
    }

    private static void putMap(ObjectNode parent, String field, Map<String, String> values) {
        ObjectNode m = parent.putObject(field);
        values.forEach(m::put);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook tree could not be written as JSON", e);
        }
    }

    /** {@link #write(AlertmanagerWebhook)} as text. */
    public static String writeString(AlertmanagerWebhook webhook) {
        return new String(write(webhook), StandardCharsets.UTF_8);
    }
}
