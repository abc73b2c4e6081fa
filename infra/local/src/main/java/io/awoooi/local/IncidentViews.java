package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.core.HumanTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident API's documents as people read them in a terminal: {@code ./awoooi incidents} (a few
 * lines per incident), {@code ./awoooi incident ID} (the whole story of one) and the demo's story.
 * Pure: JSON in, lines out; everything shown is what the API shows (pseudonymized).
 */
final class IncidentViews {

    private IncidentViews() {
    }

    /** A page of GET /v1/incidents: three lines per incident, and how to get the next page. */
    static List<String> list(JsonNode page) {
        List<String> out = new ArrayList<>();
        JsonNode incidents = page.path("incidents");
        if (incidents.isEmpty()) {
            out.add("no incidents");
            return out;
        }
        for (JsonNode i : incidents) {
            List<String> names = new ArrayList<>();
            i.path("alerts").forEach(a -> {
                if (!names.contains(a.path("alertname").asText())) {
                    names.add(a.path("alertname").asText());
                }
            });
            out.add(i.path("id").asText() + "  " + i.path("status").asText() + "  " + text(i, "severity", "no severity")
                    + "  " + text(i, "age", "?") + " old  " + String.join(", ", names));
            StringBuilder what = new StringBuilder("    ");
            what.append(
                    i.path("diagnosis").isObject() ? i.path("diagnosis").path("inWords").asText() : "not analysed yet");
            if (i.hasNonNull("rootCause")) {
                what.append(" at ").append(i.path("rootCause").asText());
            }
            if (i.path("proposedAction").isObject()) {
                what.append(" -> ").append(
                        text(i.path("proposedAction"), "inWords", i.path("proposedAction").path("id").asText()));
            }
            out.add(what.toString());
            List<String> state = new ArrayList<>();
            if (i.path("approval").isObject()) {
                JsonNode a = i.path("approval");
                state.add("approval " + a.path("status").asText() + ", risk " + risk(a));
            }
            if (i.path("execution").isObject()) {
                JsonNode e = i.path("execution");
                state.add("execution " + e.path("status").asText()
                        + (e.has("outcome") ? ", " + e.path("outcome").asText() : ""));
            }
            if (i.path("failure").isObject()) {
                state.add("failed at " + i.path("failure").path("stage").asText() + ": "
                        + i.path("failure").path("reason").asText());
            }
            state.add("updated " + at(i.path("updatedAt").asText()));
            out.add("    " + String.join(" · ", state));
        }
        if (page.hasNonNull("nextToken")) {
            out.add("more: --next " + page.path("nextToken").asText());
        }
        return out;
    }

    /** GET /v1/incidents/{id} as its story: alerts, diagnosis, causes, action, approval, execution, timeline. */
    static List<String> incident(JsonNode doc) {
        List<String> out = new ArrayList<>();
        out.add("Incident " + doc.path("id").asText() + ": " + doc.path("status").asText() + ", "
                + text(doc, "severity", "no severity") + ", created " + at(doc.path("createdAt").asText())
                + ", updated "
                + at(doc.path("updatedAt").asText()));
        out.add("Alerts:");
        for (JsonNode a : doc.path("alerts")) {
            String summary = a.path("annotations").path("summary").asText("");
            out.add("  " + a.path("alertname").asText() + " (" + text(a, "severity", "no severity") + ", "
                    + a.path("status").asText().toLowerCase(java.util.Locale.ROOT) + " since "
                    + at(a.path("startsAt").asText())
                    + ")" + (summary.isEmpty() ? "" : ": " + summary));
            a.path("annotations").path("runbook_url").asText("").lines().findFirst()
                    .ifPresent(u -> out.add("    runbook: " + u));
        }
        JsonNode analysis = doc.path("analysis");
        if (analysis.isObject()) {
            JsonNode d = analysis.path("diagnosis");
            if (d.isObject()) {
                out.add("Diagnosis: " + d.path("inWords").asText() + ": " + d.path("summary").asText());
                d.path("evidence").forEach(e -> out.add("  evidence: " + e.asText()));
                if (d.hasNonNull("humanStep")) {
                    out.add("  a person should: " + d.path("humanStep").asText());
                }
            }
            out.add("Root causes: " + join(analysis.path("rootCauses"), "service", "none found"));
            out.add("Blast radius: " + join(analysis.path("blastRadius"), "service", "nothing depends on it"));
            JsonNode p = analysis.path("proposedAction");
            if (p.isObject()) {
                out.add("Proposed: " + text(p, "inWords", p.path("id").asText()) + " (" + p.path("id").asText()
                        + ", catalog risk " + text(p, "baseRisk", "?") + ", "
                        + ("llm".equals(p.path("source").asText()) ? "proposed by the model" : "chosen by the rules")
                        + ")");
            } else {
                out.add("Proposed: nothing (a person has to act)");
            }
        } else {
            out.add("Analysis: not yet");
        }
        JsonNode approval = doc.path("approval");
        if (approval.isObject()) {
            out.add("Approval: " + approval.path("status").asText() + ", risk " + risk(approval) + ", needs "
                    + text(approval.path("required"), "inWords", approval.path("required").path("count").asText()));
            if (approval.hasNonNull("riskStory")) {
                out.add("  " + approval.path("riskStory").asText());
            }
            approval.path("dryRun").path("checks").forEach(c -> {
                if (!c.path("passed").asBoolean()) {
                    out.add("  dry-run warning: " + c.path("name").asText() + ": " + c.path("reason").asText());
                }
            });
            out.add("  asked: " + (approval.path("notified").isEmpty() ? "nobody (no signature needed)"
                    : join(approval.path("notified"), null, "")));
            approval.path("signatures")
                    .forEach(s -> out.add("  [" + ("approve".equals(s.path("decision").asText()) ? "x" : "-")
                            + "] " + s.path("approver").asText() + " (" + s.path("role").asText() + ") "
                            + s.path("decision").asText()
                            + "d at " + at(s.path("at").asText())));
            if (approval.hasNonNull("reason")) {
                out.add("  why: " + approval.path("reason").asText());
            }
        }
        JsonNode execution = doc.path("execution");
        if (execution.isObject()) {
            out.add("Execution: " + execution.path("status").asText() + (execution.hasNonNull("reason")
                    ? ": " + execution.path("reason").asText() : ""));
            if (execution.has("outcome")) {
                out.add("  effect: " + execution.path("outcome").asText() + " (checked "
                        + at(execution.path("verifiedAt").asText())
                        + ")");
            }
        }
        if (doc.path("failure").isObject()) {
            out.add("Failure: at " + doc.path("failure").path("stage").asText() + ": "
                    + doc.path("failure").path("reason").asText());
        }
        if (doc.path("timeline").size() > 0) {
            out.add("Timeline:");
            doc.path("timeline").forEach(t -> out.add("  " + at(t.path("at").asText()) + "  " + t.path("type").asText()
                    + " (" + t.path("actor").asText() + ")"));
        }
        return out;
    }

    /**
     * The demo's story, told after its checklist: the first incident from the alert to whether the
     * action helped, then why the second one was VOIDED.
     *
     * @param first the first incident's document (GET /v1/incidents/{id})
     * @param voided the second (TOCTOU) incident's document, when the demo got that far
     */
    static List<String> story(JsonNode first, JsonNode voided) {
        List<String> out = new ArrayList<>();
        out.add("The story:");
        JsonNode lead = lead(first.path("alerts"));
        out.add("  The alert:        " + (lead == null ? "none" : lead.path("annotations").path("summary")
                .asText(lead.path("alertname").asText()) + " (" + text(lead, "severity", "no severity") + ", "
                + first.path("alerts").size() + " alert(s) in the incident)"));
        JsonNode analysis = first.path("analysis");
        JsonNode d = analysis.path("diagnosis");
        out.add("  What is wrong:    " + (d.isObject() ? d.path("inWords").asText() + ": " + d.path("summary").asText()
                : "not analysed"));
        out.add("  Root cause:       " + analysis.path("rootCauses").path(0).path("service").asText("none found"));
        out.add("  Blast radius:     " + join(analysis.path("blastRadius"), "service", "nothing depends on it"));
        JsonNode approval = first.path("approval");
        JsonNode action = approval.path("action");
        out.add("  The action:       "
                + text(action, "inWords", analysis.path("proposedAction").path("id").asText("none"))
                + (approval.isObject() ? ", risk " + risk(approval) : ""));
        if (approval.hasNonNull("riskStory")) {
            out.add("                    " + approval.path("riskStory").asText());
            approval.path("riskReasons").forEach(r -> {
                if (r.asText().startsWith("raised: ")) {
                    out.add("                    - " + r.asText().substring("raised: ".length()));
                }
            });
        }
        out.add("  Who was asked:    " + (approval.path("notified").isEmpty() ? "nobody"
                : join(approval.path("notified"), null, "nobody") + " ("
                        + text(approval.path("required"), "inWords", "") + ")"));
        List<String> signed = new ArrayList<>();
        approval.path("signatures").forEach(s -> signed.add(s.path("approver").asText() + " (" + s.path("role").asText()
                + ") " + s.path("decision").asText() + "d at " + at(s.path("at").asText())));
        out.add("  Who signed:       " + (signed.isEmpty() ? "nobody" : String.join(", ", signed)));
        JsonNode execution = first.path("execution");
        out.add("  What ran:         " + (execution.isObject() ? execution.path("status").asText()
                + (execution.hasNonNull("reason") ? ": " + execution.path("reason").asText() : "") : "nothing"));
        out.add("  Did it help:      " + (execution.has("outcome") ? execution.path("outcome").asText()
                + ("EFFECTIVE".equals(execution.path("outcome").asText()) ? " (the target is healthy again)"
                        : " (the target is still unhealthy)")
                : "not checked yet"));
        if (voided != null && voided.isObject()) {
            JsonNode second = voided.path("approval");
            List<String> signers = new ArrayList<>();
            second.path("signatures").forEach(s -> signers.add(s.path("approver").asText()));
            out.add("  The second alert: " + voided.path("id").asText() + " " + text(second, "status", "not approved")
                    + " after " + (signers.isEmpty() ? "no signature" : String.join(" and ", signers) + " approved"));
            out.add("  Why VOIDED:       " + text(voided.path("execution"), "reason", text(second, "reason", "unknown"))
                    + " (the demo scaled the StatefulSet between the signatures: nothing was done)");
        }
        return out;
    }

    /** The firing alert of the worst severity (critical first), else the first. */
    private static JsonNode lead(JsonNode alerts) {
        JsonNode best = null;
        for (JsonNode a : alerts) {
            if (best == null || ("critical".equals(a.path("severity").asText())
                    && !"critical".equals(best.path("severity").asText()))) {
                best = a;
            }
        }
        return best;
    }

    /** {@code HIGH (catalog LOW)}, or just the level when they agree. */
    private static String risk(JsonNode approval) {
        String risk = approval.path("risk").asText("?");
        String base = approval.path("baseRisk").asText(risk);
        return base.equals(risk) ? risk : risk + " (catalog " + base + ")";
    }

    private static String text(JsonNode node, String field, String otherwise) {
        String v = node.path(field).asText("");
        return v.isEmpty() ? otherwise : v;
    }

    private static String join(JsonNode list, String field, String otherwise) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out.isEmpty() ? otherwise : String.join(", ", out);
    }

    /** {@code 2026-11-25 03:00 UTC (12 min ago)}, or the text as it came when it is not an instant. */
    static String at(String iso) {
        try {
            return HumanTime.atAgo(Instant.parse(iso), Instant.now());
        } catch (RuntimeException e) {
            return iso.isEmpty() ? "?" : iso;
        }
    }
}
