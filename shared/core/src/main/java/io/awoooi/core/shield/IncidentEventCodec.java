package io.awoooi.core.shield;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.alert.AlertStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The incidents-queue message body (JSON, format 1). */
public final class IncidentEventCodec {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentEventCodec() {
    }

    public static String encode(IncidentEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("incidentId", e.incidentId());
        n.put("notificationKey", e.notificationKey());
        n.put("groupKeyHash", e.groupKeyHash());
        n.put("status", e.status().wireName());
        n.put("receivedAt", e.receivedAt().toString());
        putMap(n, "groupLabels", e.groupLabels());
        putMap(n, "commonLabels", e.commonLabels());
        putMap(n, "commonAnnotations", e.commonAnnotations());
        ArrayNode alerts = n.putArray("alerts");
        for (RedactedAlert a : e.alerts()) {
            ObjectNode an = alerts.addObject();
            an.put("fingerprint", a.fingerprint());
            an.put("startsAt", a.startsAt().toString());
            an.put("status", a.status().wireName());
            a.endsAt().ifPresent(t -> an.put("endsAt", t.toString()));
            putMap(an, "labels", a.labels());
            putMap(an, "annotations", a.annotations());
            an.put("generatorURL", a.generatorURL());
        }
        return n.toString();
    }

    public static IncidentEvent decode(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException("not an incident event of format " + FORMAT);
            }
            List<RedactedAlert> alerts = new ArrayList<>();
            for (JsonNode a : n.path("alerts")) {
                alerts.add(new RedactedAlert(a.path("fingerprint").asText(), Instant.parse(a.path("startsAt").asText()),
                        status(a.path("status").asText()),
                        a.hasNonNull("endsAt") ? Optional.of(Instant.parse(a.path("endsAt").asText()))
                                : Optional.empty(),
                        map(a.path("labels")), map(a.path("annotations")), a.path("generatorURL").asText("")));
            }
            return new IncidentEvent(n.path("incidentId").asText(), n.path("notificationKey").asText(),
                    n.path("groupKeyHash").asText(), status(n.path("status").asText()),
                    Instant.parse(n.path("receivedAt").asText()), map(n.path("groupLabels")),
                    map(n.path("commonLabels")), map(n.path("commonAnnotations")), alerts);
        } catch (IOException e) {
            throw new IllegalArgumentException("incident event is not valid JSON", e);
        }
    }

    private static AlertStatus status(String wire) {
        return AlertStatus.fromWire(wire).orElseThrow(() -> new IllegalArgumentException("unknown status"));
    }

    private static void putMap(ObjectNode parent, String field, Map<String, String> values) {
        ObjectNode m = parent.putObject(field);
        new TreeMap<>(values).forEach(m::put);
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
