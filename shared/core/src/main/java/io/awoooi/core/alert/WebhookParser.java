package io.awoooi.core.alert;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an Alertmanager webhook (payload version 4). Unknown fields (notification_reason,
 * routeLabels, ...) are tolerated so that newer Alertmanagers keep working; a missing fingerprint
 * (older Alertmanagers) is computed from the labels the way Alertmanager does.
 */
public final class WebhookParser {
    /** Go's zero time: Alertmanager sends it as endsAt of a firing alert. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public AlertmanagerWebhook parse(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidWebhookException.MalformedJson("body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new InvalidWebhookException.MalformedJson("body could not be read as JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidWebhookException.MalformedJson("body is empty");
        }
        if (!root.isObject()) {
            throw shape("the body must be a JSON object");
        }
        String version = requiredText(root, "version");
        if (!"4".equals(version)) {
            throw shape("version must be \"4\" (Alertmanager webhook payload version 4)");
        }
        String groupKey = requiredText(root, "groupKey");
        if (groupKey.isEmpty()) {
            throw shape("groupKey must not be empty");
        }
        AlertStatus status = status(root, "status");
        JsonNode alertsNode = root.get("alerts");
        if (alertsNode == null || !alertsNode.isArray()) {
            throw shape("alerts must be an array");
        }
        if (alertsNode.isEmpty()) {
            throw shape("alerts must not be empty");
        }
        List<Alert> alerts = new ArrayList<>(alertsNode.size());
        for (int i = 0; i < alertsNode.size(); i++) {
            alerts.add(alert(alertsNode.get(i), "alerts[" + i + "]"));
        }
        return new AlertmanagerWebhook(
                version,
                groupKey,
                optionalInt(root, "truncatedAlerts"),
                status,
                optionalText(root, "receiver", "receiver"),
                stringMap(root.get("groupLabels"), "groupLabels"),
                stringMap(root.get("commonLabels"), "commonLabels"),
                stringMap(root.get("commonAnnotations"), "commonAnnotations"),
                optionalText(root, "externalURL", "externalURL"),
                alerts);
    }

    private Alert alert(JsonNode node, String path) {
        if (!node.isObject()) {
            throw shape(path + " must be an object");
        }
        AlertStatus status = status(node, path + ".status");
        Map<String, String> labels = stringMap(node.get("labels"), path + ".labels");
        if (labels.isEmpty()) {
            throw shape(path + ".labels must not be empty");
        }
        Map<String, String> annotations = stringMap(node.get("annotations"), path + ".annotations");
        Instant startsAt = time(node.get("startsAt"), path + ".startsAt")
                .orElseThrow(() -> shape(path + ".startsAt is required"));
        Optional<Instant> endsAt = time(node.get("endsAt"), path + ".endsAt");
        String fingerprint = optionalText(node, "fingerprint", path + ".fingerprint");
        if (fingerprint.isEmpty()) {
            fingerprint = LabelFingerprint.of(labels);
        }
        return new Alert(status, labels, annotations, startsAt, endsAt,
                optionalText(node, "generatorURL", path + ".generatorURL"), fingerprint);
    }

    private static AlertStatus status(JsonNode parent, String path) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw shape(path + " is required and must be \"firing\" or \"resolved\"");
        }
        return AlertStatus.fromWire(node.asText())
                .orElseThrow(() -> shape(path + " must be \"firing\" or \"resolved\""));
    }

    private static Optional<Instant> time(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw shape(path + " must be an RFC 3339 time string");
        }
        try {
            Instant t = OffsetDateTime.parse(node.asText()).toInstant();
            return t.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(t);
        } catch (DateTimeParseException e) {
            throw shape(path + " must be an RFC 3339 time");
        }
    }

    private static Map<String, String> stringMap(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw shape(path + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw shape(path + " must be an object of strings (a value is " + e.getValue().getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String requiredText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw shape(field + " is required and must be a string");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw shape(path + " must be a string");
        }
        return node.asText();
    }

    private static int optionalInt(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw shape(field + " must be a non-negative integer");
        }
        return node.asInt();
    }

    private static InvalidWebhookException.InvalidShape shape(String detail) {
        return new InvalidWebhookException.InvalidShape(detail);
    }
}
