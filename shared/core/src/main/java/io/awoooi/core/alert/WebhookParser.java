package io.awoooi.core.alert;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 * (older Alertmanagers) is computed from the labels the way Alertmanager does, from the labels as
 * received.
 *
 * <p>The JSON parser runs under explicit limits ({@link WebhookLimits}: nesting depth, number length,
 * key length, string length, document length). Every way a body can fail to be a webhook is an
 * {@link InvalidWebhookException} whose message names the problem and never quotes the body.
 */
public final class WebhookParser {
    /** Go's zero time: Alertmanager sends it as endsAt of a firing alert. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Times outside years 1 to 9999 are no alert's, and print in more than 30 characters. */
    private static final Instant LAST_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(WebhookLimits.MAX_NESTING_DEPTH)
            .maxNumberLength(WebhookLimits.MAX_NUMBER_CHARS)
            .maxNameLength(WebhookLimits.MAX_KEY_CHARS)
            .maxStringLength(WebhookLimits.MAX_STRING_CHARS)
            .maxDocumentLength(WebhookLimits.MAX_BODY_BYTES)
            .build();

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public AlertmanagerWebhook parse(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new InvalidWebhookException.MalformedJson(overLimit(e));
        } catch (JacksonException e) {
            throw new InvalidWebhookException.MalformedJson(notJson(e));
        } catch (java.io.IOException | RuntimeException e) {
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

    /** Which of the parser's limits the body broke; the parser's own message is not passed on. */
    private static String overLimit(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Document nesting depth")) {
            return "JSON nested deeper than " + WebhookLimits.MAX_NESTING_DEPTH + " levels (limit: nesting depth)";
        }
        if (m.startsWith("Number value length")) {
            return "a JSON number longer than " + WebhookLimits.MAX_NUMBER_CHARS + " characters (limit: number length)";
        }
        if (m.startsWith("Name length")) {
            return "a JSON object key (label or annotation name) longer than " + WebhookLimits.MAX_KEY_CHARS
                    + " characters (limit: key length)";
        }
        if (m.startsWith("String value length")) {
            return "a JSON string longer than " + WebhookLimits.MAX_STRING_CHARS + " characters (limit: string length)";
        }
        if (m.startsWith("Document length")) {
            return "a JSON document longer than " + WebhookLimits.MAX_BODY_BYTES + " bytes (limit: document length)";
        }
        return "the JSON exceeds one of the parser's limits (nesting, number, key or string length)";
    }

    /**
     * What is wrong with a body that is not JSON. Jackson's messages can quote the input (a
     * duplicate key names the key), so only their kind and the position are used.
     */
    private static String notJson(JacksonException e) {
        String m = String.valueOf(e.getOriginalMessage());
        String problem;
        if (m.startsWith("Duplicate field")) {
            problem = "an object has the same key twice";
        } else if (m.startsWith("Invalid UTF-8") || m.startsWith("Invalid UTF8")) {
            problem = "the body is not valid UTF-8";
        } else if (m.contains("surrogate")) {
            problem = "an object key holds a lone surrogate (a \\uD800-\\uDFFF escape without its pair)";
        } else if (m.contains("end-of-input")) {
            problem = "the body ends before the JSON does";
        } else if (m.startsWith("Trailing token")) {
            problem = "there is more after the JSON value";
        } else {
            problem = "body is not valid JSON";
        }
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return problem;
        }
        return problem + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
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
        Instant t;
        try {
            t = OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw shape(path + " must be an RFC 3339 time");
        }
        if (t.isBefore(GO_ZERO_TIME) || t.isAfter(LAST_TIME)) {
            throw shape(path + " must be a time between the years 1 and 9999");
        }
        return t.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(t);
    }

    private static Map<String, String> stringMap(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw shape(path + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = node.properties().iterator(); it.hasNext();) {
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
