package io.awoooi.core.alert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies {@link WebhookLimits} to a parsed notification: refuses what cannot be made to fit
 * ({@link InvalidWebhookException}), and returns the rest normalised, with the JSON that carries it
 * on. Pure and deterministic: the same notification always gives the same result, and a normalised
 * notification normalises to itself, so the Privacy Shield, which parses that JSON again, sees
 * exactly what intake checked.
 *
 * <p>Identity is left alone: fingerprints are kept as they came (the parser computed missing ones
 * from the labels as received), and the caller hashes the groupKey as received. Escaping can make two
 * label names one; that notification is refused rather than losing a label.
 */
public final class WebhookNormaliser {
    private static final Pattern FINGERPRINT = Pattern
            .compile("[A-Za-z0-9._:-]{1," + WebhookLimits.MAX_FINGERPRINT_CHARS + "}");

    private WebhookNormaliser() {
    }

    /**
     * @param webhook the notification as parsed
     * @param json    the normalised notification as JSON (UTF-8), what {@link WebhookParser} reads back as {@code webhook}
     */
    public record Normalised(AlertmanagerWebhook webhook, String json, int jsonBytes) {
        @Override
        public String toString() { // never print the notification
            return "Normalised[alerts=" + webhook.alerts().size() + ", jsonBytes=" + jsonBytes + "]";
        }
    }

    public static Normalised normalise(AlertmanagerWebhook received) {
        if (received.alerts().size() > WebhookLimits.MAX_ALERTS) {
            throw tooLarge("the notification has " + received.alerts().size() + " alerts, over the limit of "
                    + WebhookLimits.MAX_ALERTS
                    + " (limit: alerts per notification); set max_alerts in the webhook_config");
        }
        int groupKeyBytes = AlertText.utf8Length(received.groupKey());
        if (groupKeyBytes > WebhookLimits.MAX_GROUP_KEY_BYTES) {
            throw tooLarge(
                    "groupKey is " + groupKeyBytes + " bytes, over the limit of " + WebhookLimits.MAX_GROUP_KEY_BYTES
                            + " (limit: groupKey size); group by fewer or shorter labels");
        }
        List<Alert> alerts = new ArrayList<>(received.alerts().size());
        for (int i = 0; i < received.alerts().size(); i++) {
            alerts.add(alert(received.alerts().get(i), "alerts[" + i + "]"));
        }
        AlertmanagerWebhook normalised = new AlertmanagerWebhook(
                received.version(),
                AlertText.escape(received.groupKey()),
                received.truncatedAlerts(),
                received.status(),
                text(received.receiver(), WebhookLimits.MAX_RECEIVER_BYTES),
                texts(received.groupLabels(), "groupLabels", WebhookLimits.MAX_LABEL_VALUE_BYTES),
                texts(received.commonLabels(), "commonLabels", WebhookLimits.MAX_LABEL_VALUE_BYTES),
                texts(received.commonAnnotations(), "commonAnnotations", WebhookLimits.MAX_ANNOTATION_VALUE_BYTES),
                text(received.externalURL(), WebhookLimits.MAX_URL_BYTES),
                alerts);
        byte[] json = WebhookWriter.write(normalised);
        if (json.length > WebhookLimits.MAX_NOTIFICATION_JSON_BYTES) {
            throw tooLarge("the notification is " + json.length + " bytes as normalised JSON, over the limit of "
                    + WebhookLimits.MAX_NOTIFICATION_JSON_BYTES + " (limit: notification size); set max_alerts in the"
                    + " webhook_config or shorten annotations");
        }
        return new Normalised(normalised, new String(json, StandardCharsets.UTF_8), json.length);
    }

    private static Alert alert(Alert a, String path) {
        if (!FINGERPRINT.matcher(a.fingerprint()).matches()) {
            throw new InvalidWebhookException.InvalidShape(path + ".fingerprint must be 1 to "
                    + WebhookLimits.MAX_FINGERPRINT_CHARS + " letters, digits, '.', '_', ':' or '-' (Alertmanager sends"
                    + " 16 hex digits; leave it out to have it computed from the labels)");
        }
        Alert normalised = new Alert(a.status(),
                texts(a.labels(), path + ".labels", WebhookLimits.MAX_LABEL_VALUE_BYTES),
                texts(a.annotations(), path + ".annotations", WebhookLimits.MAX_ANNOTATION_VALUE_BYTES),
                a.startsAt(), a.endsAt(),
                text(a.generatorURL(), WebhookLimits.MAX_URL_BYTES),
                a.fingerprint());
        int bytes = WebhookWriter.write(normalised).length;
        if (bytes > WebhookLimits.MAX_ALERT_JSON_BYTES) {
            throw tooLarge(path + " is " + bytes + " bytes as normalised JSON, over the limit of "
                    + WebhookLimits.MAX_ALERT_JSON_BYTES
                    + " (limit: alert size); use fewer or shorter labels and annotations");
        }
        return normalised;
    }

    /** Names escaped (refused when that makes them too long or the same); values escaped and cut. */
    private static Map<String, String> texts(Map<String, String> values, String path, int maxValueBytes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            String name = AlertText.escape(e.getKey());
            if (name.length() > WebhookLimits.MAX_KEY_CHARS) {
                throw new InvalidWebhookException.InvalidShape(path + " has a name longer than "
                        + WebhookLimits.MAX_KEY_CHARS + " characters once its control characters are escaped");
            }
            if (out.put(name, text(e.getValue(), maxValueBytes)) != null) {
                throw new InvalidWebhookException.InvalidShape(path + " has two names that are the same once their"
                        + " control characters are escaped");
            }
        }
        return out;
    }

    private static String text(String value, int maxBytes) {
        return AlertText.truncate(AlertText.escape(value), maxBytes);
    }

    private static InvalidWebhookException.TooLarge tooLarge(String detail) {
        return new InvalidWebhookException.TooLarge(detail);
    }
}
