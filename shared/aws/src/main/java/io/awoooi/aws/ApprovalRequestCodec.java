package io.awoooi.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.action.ActionCatalog;
import io.awoooi.core.action.ParseResult;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.AlertFacts;
import io.awoooi.core.approval.IncidentBrief;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.Quorum;
import io.awoooi.core.approval.RiskAssessment;
import io.awoooi.core.approval.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link ApprovalRequest} as the JSON document the state table keeps:
 * <pre>
 * {"schema": 1, "id": "apr_...", "incidentId": "inc_...", "notificationKey": "...",
 *  "action": {"type": "restart_pod", "params": {"namespace": "shop", "pod": "..."}},
 *  "actionHash": "...", "pattern": "restart_pod:shop/nginx-*",
 *  "risk": {"base": "LOW", "level": "MEDIUM", "reasons": ["..."]}, "trust": 3,
 *  "quorum": {"level": "MEDIUM", "count": 1, "eligible": ["admin", "devops", "sre"], "mustInclude": []},
 *  "dryRun": {"checks": [{"name": "rbac", "passed": true, "reason": "...", "overridable": true}],
 *             "stateFingerprint": "..."},
 *  "status": "PENDING", "notified": ["alice"], "dispatched": false, "reason": null,
 *  "createdAt": "...", "expiresAt": "...", "updatedAt": "...",
 *  "brief": {"alert": {"headline": "...", "severity": "critical", "since": "...", "alerts": 2,
 *                      "runbookUrl": "https://...", "generatorUrl": "https://..."},
 *            "diagnosis": {"kind": "CRASH_LOOP", "inWords": "...", "summary": "...", "evidence": ["..."],
 *                          "ruleInWords": "...", "humanStep": "...", "unambiguous": true},
 *            "rootCauses": ["..."], "blastRadius": ["shop/frontend"], "blastRadiusTotal": 1,
 *            "proposalSource": "deterministic", "narrator": "deterministic", "narrative": "..."}}
 * </pre>
 * The brief is what the approval card shows; a document without one (written before briefs) reads
 * as a request without a brief, and so does one whose brief cannot be read: it never keeps a request
 * from its decision or its execution.
 * Instants are ISO-8601 (nanoseconds kept), roles their wire names, levels and statuses enum names.
 * The action goes back through {@link ActionCatalog#parse} on the way in: a stored action the
 * catalog no longer accepts is refused, never executed as it is.
 */
public final class ApprovalRequestCodec {
    static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApprovalRequestCodec() {
    }

    public static String toJson(ApprovalRequest r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("id", r.id()).put("incidentId", r.incidentId()).put("notificationKey", r.notificationKey());
        ObjectNode action = n.putObject("action");
        action.put("type", r.action().type().id());
        ObjectNode params = action.putObject("params");
        r.action().params().forEach(params::put);
        n.put("actionHash", r.actionHash());
        n.put("pattern", r.pattern().value());
        ObjectNode risk = n.putObject("risk");
        risk.put("base", r.risk().base().name()).put("level", r.risk().level().name());
        r.risk().reasons().forEach(risk.putArray("reasons")::add);
        n.put("trust", r.trust());
        ObjectNode quorum = n.putObject("quorum");
        quorum.put("level", r.quorum().level().name()).put("count", r.quorum().count());
        roles(quorum.putArray("eligible"), r.quorum().eligible());
        roles(quorum.putArray("mustInclude"), r.quorum().mustInclude());
        ObjectNode dryRun = n.putObject("dryRun");
        ArrayNode checks = dryRun.putArray("checks");
        for (DryRunCheck c : r.dryRun().checks()) {
            checks.addObject().put("name", c.name()).put("passed", c.passed()).put("reason", c.reason())
                    .put("overridable", c.overridable());
        }
        dryRun.put("stateFingerprint", r.dryRun().stateFingerprint());
        n.put("status", r.status().name());
        r.notified().forEach(n.putArray("notified")::add);
        n.put("dispatched", r.dispatched());
        if (r.reason().isPresent()) {
            n.put("reason", r.reason().get());
        } else {
            n.putNull("reason");
        }
        n.put("createdAt", r.createdAt().toString()).put("expiresAt", r.expiresAt().toString())
                .put("updatedAt", r.updatedAt().toString());
        if (!r.brief().equals(IncidentBrief.none())) {
            brief(n.putObject("brief"), r.brief());
        }
        return n.toString();
    }

    /** @throws IllegalStateException when the document is not a stored approval request */
    public static ApprovalRequest fromJson(String document) {
        JsonNode n;
        try {
            n = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored approval request is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalStateException("stored approval request is not a JSON object");
        }
        try {
            JsonNode risk = object(n, "risk");
            JsonNode quorum = object(n, "quorum");
            JsonNode dryRun = object(n, "dryRun");
            List<DryRunCheck> checks = new ArrayList<>();
            for (JsonNode c : array(dryRun, "checks")) {
                checks.add(new DryRunCheck(text(c, "name"), bool(c, "passed"), text(c, "reason"),
                        bool(c, "overridable")));
            }
            JsonNode reason = n.get("reason");
            return new ApprovalRequest(text(n, "id"), text(n, "incidentId"), text(n, "notificationKey"),
                    action(object(n, "action")), text(n, "actionHash"), new ActionPattern(text(n, "pattern")),
                    new RiskAssessment(level(risk, "base"), level(risk, "level"), texts(risk, "reasons")),
                    integer(n, "trust"),
                    new Quorum(level(quorum, "level"), integer(quorum, "count"), roles(quorum, "eligible"),
                            roles(quorum, "mustInclude")),
                    new DryRunReport(checks, text(dryRun, "stateFingerprint")),
                    ApprovalStatus.valueOf(text(n, "status")), texts(n, "notified"), bool(n, "dispatched"),
                    reason == null || reason.isNull() ? Optional.empty() : Optional.of(reason.asText()),
                    instant(n, "createdAt"), instant(n, "expiresAt"), instant(n, "updatedAt"), brief(n.get("brief")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // IllegalArgumentException covers unknown enum names and the records' own checks
            throw new IllegalStateException("stored approval request is malformed: " + e.getMessage(), e);
        }
    }

    private static void brief(ObjectNode out, IncidentBrief b) {
        ObjectNode alert = out.putObject("alert");
        AlertFacts a = b.alert();
        alert.put("headline", a.headline()).put("severity", a.severity());
        a.since().ifPresent(t -> alert.put("since", t.toString()));
        alert.put("alerts", a.alerts());
        a.runbookUrl().ifPresent(u -> alert.put("runbookUrl", u));
        a.generatorUrl().ifPresent(u -> alert.put("generatorUrl", u));
        b.diagnosis().ifPresent(d -> {
            ObjectNode dn = out.putObject("diagnosis");
            dn.put("kind", d.kind()).put("inWords", d.inWords()).put("summary", d.summary());
            d.evidence().forEach(dn.putArray("evidence")::add);
            d.ruleInWords().ifPresent(x -> dn.put("ruleInWords", x));
            d.humanStep().ifPresent(x -> dn.put("humanStep", x));
            dn.put("unambiguous", d.unambiguous());
        });
        b.rootCauses().forEach(out.putArray("rootCauses")::add);
        b.blastRadius().forEach(out.putArray("blastRadius")::add);
        out.put("blastRadiusTotal", b.blastRadiusTotal());
        out.put("proposalSource", b.proposalSource()).put("narrator", b.narrator()).put("narrative", b.narrative());
    }

    /** The stored brief, leniently: what cannot be read is left out, never an error. */
    static IncidentBrief brief(JsonNode n) {
        if (n == null || !n.isObject()) {
            return IncidentBrief.none();
        }
        try {
            JsonNode a = n.path("alert");
            AlertFacts alert = new AlertFacts(a.path("headline").asText(""), a.path("severity").asText(""),
                    optionalText(a, "since").map(Instant::parse), a.path("alerts").asInt(0),
                    optionalText(a, "runbookUrl"), optionalText(a, "generatorUrl"));
            JsonNode d = n.get("diagnosis");
            Optional<IncidentBrief.DiagnosisBrief> diagnosis = d == null || !d.isObject() ? Optional.empty()
                    : Optional.of(new IncidentBrief.DiagnosisBrief(d.path("kind").asText(""),
                            d.path("inWords").asText(""), d.path("summary").asText(""), lenientTexts(d, "evidence"),
                            optionalText(d, "ruleInWords"), optionalText(d, "humanStep"),
                            d.path("unambiguous").asBoolean(false)));
            return new IncidentBrief(alert, diagnosis, lenientTexts(n, "rootCauses"), lenientTexts(n, "blastRadius"),
                    n.path("blastRadiusTotal").asInt(0), n.path("proposalSource").asText(""),
                    n.path("narrator").asText(""), n.path("narrative").asText(""));
        } catch (RuntimeException e) {
            return IncidentBrief.none();
        }
    }

    private static Optional<String> optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
    }

    private static List<String> lenientTexts(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get(field);
        if (v != null && v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private static ProposedAction action(JsonNode action) {
        Map<String, String> params = new LinkedHashMap<>();
        object(action, "params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        ParseResult parsed = ActionCatalog.parse(text(action, "type"), params);
        if (parsed instanceof ParseResult.Valid valid) {
            return valid.action();
        }
        throw new IllegalStateException("stored approval request's action is refused by the catalog: "
                + ((ParseResult.Invalid) parsed).reason());
    }

    private static void roles(ArrayNode out, Set<Role> roles) {
        // EnumSet order, so the same quorum is always the same document
        (roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles)).forEach(r -> out.add(r.wireName()));
    }

    private static Set<Role> roles(JsonNode n, String field) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonNode r : array(n, field)) {
            roles.add(Role.fromWire(r.asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown role in " + field)));
        }
        return roles;
    }

    private static RiskLevel level(JsonNode n, String field) {
        return RiskLevel.valueOf(text(n, field));
    }

    private static Instant instant(JsonNode n, String field) {
        return Instant.parse(text(n, field));
    }

    private static List<String> texts(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        array(n, field).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode object(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException("misses " + field);
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("misses " + field);
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("misses " + field);
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException("misses " + field);
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("misses " + field);
        }
        return v.asBoolean();
    }
}
