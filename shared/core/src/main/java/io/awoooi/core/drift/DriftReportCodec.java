package io.awoooi.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A drift report as JSON and back (what the report store keeps). Env values are digests already. */
public final class DriftReportCodec {
    private DriftReportCodec() {
    }

    public static String toJson(DriftReport r) {
        ObjectNode root = Canonical.JSON.createObjectNode();
        root.put("id", r.id());
        root.put("scannedAt", r.scannedAt().toString());
        strings(root.putArray("namespacesScanned"), r.namespacesScanned());
        ObjectNode not = root.putObject("namespacesNotScanned");
        new java.util.TreeMap<>(r.namespacesNotScanned()).forEach(not::put);
        root.put("itemsScanned", r.itemsScanned());
        strings(root.putArray("problems"), r.problems());
        strings(root.putArray("newFingerprints"), r.newFingerprints());
        ArrayNode workloads = root.putArray("workloads");
        for (WorkloadDrift w : r.workloads()) {
            ObjectNode wn = workloads.addObject();
            wn.put("kind", w.ref().kind()).put("namespace", w.ref().namespace()).put("name", w.ref().name())
                    .put("uid", w.uid()).put("resourceVersion", w.resourceVersion()).put("source", w.source().name());
            ArrayNode items = wn.putArray("items");
            for (DriftItem i : w.items()) {
                ObjectNode in = items.addObject();
                in.put("category", i.category().name()).put("severity", i.severity().name()).put("path", i.path())
                        .put("desired", i.desired()).put("live", i.live()).put("desiredKnown", i.desiredKnown())
                        .put("manager", i.manager());
            }
        }
        try {
            return Canonical.JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a report this codec wrote */
    public static DriftReport fromJson(String json) {
        try {
            JsonNode root = Canonical.JSON.readTree(json);
            List<WorkloadDrift> workloads = new ArrayList<>();
            for (JsonNode wn : root.path("workloads")) {
                List<DriftItem> items = new ArrayList<>();
                for (JsonNode in : wn.path("items")) {
                    items.add(new DriftItem(DriftCategory.valueOf(in.path("category").asText()),
                            Severity.valueOf(in.path("severity").asText()), in.path("path").asText(),
                            text(in.get("desired")), text(in.get("live")), in.path("desiredKnown").asBoolean(),
                            in.path("manager").asText()));
                }
                workloads.add(new WorkloadDrift(new WorkloadRef(wn.path("kind").asText(), wn.path("namespace").asText(),
                        wn.path("name").asText()), wn.path("uid").asText(), wn.path("resourceVersion").asText(),
                        DesiredSource.valueOf(wn.path("source").asText()), items));
            }
            Map<String, String> not = new LinkedHashMap<>();
            root.path("namespacesNotScanned").properties().forEach(e -> not.put(e.getKey(), e.getValue().asText()));
            return new DriftReport(root.path("id").asText(), Instant.parse(root.path("scannedAt").asText()),
                    list(root.path("namespacesScanned")), not, workloads, root.path("itemsScanned").asInt(),
                    list(root.path("problems")), list(root.path("newFingerprints")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a drift report document", e);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
