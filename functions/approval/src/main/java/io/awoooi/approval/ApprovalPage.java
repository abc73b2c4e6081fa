package io.awoooi.approval;

import io.awoooi.core.approval.ApprovalMessages;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DecideApproval;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.Role;
import io.awoooi.core.approval.Signature;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The approval card and the pages around it, as plain HTML without scripts: what the approver
 * needs to decide (the redacted alerts, the narrative, root causes, blast radius, the dry-run, the
 * risk and why, who signed so far, the expiry) and two buttons that POST the link's token.
 * Everything shown is pseudonymized already; everything is HTML-escaped anyway.
 */
final class ApprovalPage {
    private ApprovalPage() {
    }

    /** The card of a request; the buttons only while it is pending. */
    static String card(DecideApproval.Result.Shown shown, Optional<Map<String, Object>> incident, String token) {
        ApprovalRequest r = shown.request();
        ApprovalStatus status = r.statusAt(shown.now());
        StringBuilder b = new StringBuilder();
        b.append("<p class=who>Signed in by your link as <b>").append(esc(shown.approver().name()))
                .append("</b> (").append(esc(roles(shown.approver().roles()))).append(")</p>");
        b.append("<h2>").append(esc(r.action().toString())).append("</h2>");
        b.append("<p><span class=\"risk risk-").append(r.risk().level()).append("\">").append(r.risk().level())
                .append("</span> <span class=status id=status>").append(status).append("</span></p>");
        b.append("<ul class=reasons>");
        r.risk().reasons().forEach(reason -> b.append("<li>").append(esc(reason)));
        b.append("</ul>");
        b.append("<p>Needs: ").append(esc(ApprovalMessages.needs(r.quorum()))).append("</p>");
        b.append("<h3>Signatures</h3>");
        if (shown.signatures().isEmpty()) {
            b.append("<p id=signatures>none yet</p>");
        } else {
            b.append("<ul id=signatures>");
            for (Signature s : shown.signatures()) {
                b.append("<li>").append(esc(s.approverId())).append(" (").append(s.role().wireName()).append("): ")
                        .append(s.decision().wireName()).append(" at ").append(s.at());
            }
            b.append("</ul>");
        }
        if (status == ApprovalStatus.PENDING) {
            Duration left = Duration.between(shown.now(), r.expiresAt());
            b.append("<p>Expires at ").append(r.expiresAt()).append(" (in ").append(Math.max(0, left.toMinutes()))
                    .append(" min)</p>");
            b.append("<form method=post action=\"/v1/approvals/").append(esc(r.id())).append("\">")
                    .append("<input type=hidden name=t value=\"").append(esc(token)).append("\">")
                    .append("<button id=approve name=decision value=approve>Approve</button> ")
                    .append("<button id=reject name=decision value=reject class=reject>Reject</button></form>");
        } else {
            r.reason().ifPresent(reason -> b.append("<p>").append(esc(reason)).append("</p>"));
        }
        incident.ifPresent(doc -> incidentPart(b, doc));
        b.append("<h3>Dry-run</h3><ul class=checks>");
        for (DryRunCheck c : r.dryRun().checks()) {
            b.append("<li class=").append(c.passed() ? "pass" : "fail").append('>')
                    .append(c.passed() ? "pass" : c.overridable() ? "fail (overridable)" : "fail").append(" ")
                    .append(esc(c.name())).append(": ").append(esc(c.reason()));
        }
        b.append("</ul><p class=small>Request ").append(esc(r.id())).append(" on incident ")
                .append(esc(r.incidentId())).append("</p>");
        return page("Approval: " + r.action().type().id(), b.toString());
    }

    /** After a POST: what was recorded and where the request stands. */
    static String recorded(DecideApproval.Result.Shown shown) {
        ApprovalRequest r = shown.request();
        Signature s = shown.recorded().orElseThrow();
        String headline = s.decision().wireName().equals("approve") ? "Approved" : "Rejected";
        StringBuilder b = new StringBuilder();
        b.append("<h2 id=confirmation>").append(headline).append(": your decision is recorded</h2>");
        b.append("<p>").append(esc(r.action().toString())).append("</p>");
        b.append("<p>Request status: <span id=status>").append(r.statusAt(shown.now())).append("</span></p>");
        b.append("<p>Signatures: ").append(shown.signatures().size()).append(" (").append(esc(ApprovalMessages.needs(r.quorum())))
                .append(")</p>");
        return page(headline, b.toString());
    }

    static String problem(int status, String title, String detail) {
        return page(title, "<h2 id=problem>" + esc(title) + "</h2><p>" + esc(detail) + "</p><p class=small>HTTP "
                + status + "</p>");
    }

    @SuppressWarnings("unchecked")
    private static void incidentPart(StringBuilder b, Map<String, Object> doc) {
        b.append("<h3>Alerts</h3><ul>");
        for (Object o : (List<Object>) doc.getOrDefault("alerts", List.of())) {
            Map<String, Object> a = (Map<String, Object>) o;
            Map<String, Object> ann = (Map<String, Object>) a.getOrDefault("annotations", Map.of());
            b.append("<li><b>").append(esc(String.valueOf(a.get("alertname")))).append("</b> ")
                    .append(esc(String.valueOf(a.get("status")))).append(" ")
                    .append(esc(String.valueOf(ann.getOrDefault("summary", "")))).append("</li>");
        }
        b.append("</ul>");
        Object analysis = doc.get("analysis");
        if (analysis instanceof Map<?, ?> an && an.get("diagnosis") instanceof Map<?, ?> d) {
            b.append("<h3>Diagnosis</h3><p id=diagnosis>").append(esc(String.valueOf(d.get("summary")))).append("</p>");
            if (d.get("ruleInWords") != null) {
                b.append("<p id=diagnosis-rule>Why this action: ").append(esc(String.valueOf(d.get("ruleInWords"))))
                        .append("</p>");
            }
            b.append("<ul id=diagnosis-evidence>");
            for (Object e : d.get("evidence") instanceof List<?> evidence ? evidence : List.of()) {
                b.append("<li>").append(esc(String.valueOf(e))).append("</li>");
            }
            b.append("</ul>");
        }
        if (analysis instanceof Map<?, ?> an) {
            b.append("<h3>Narrative</h3><p id=narrative>").append(esc(String.valueOf(an.get("narrative"))))
                    .append("</p><h3>Root causes</h3><ol id=root-causes>");
            for (Object o : (List<Object>) an.get("rootCauses")) {
                Map<String, Object> rc = (Map<String, Object>) o;
                b.append("<li>").append(esc(String.valueOf(rc.get("service")))).append(" (")
                        .append(esc(String.valueOf(rc.get("kind")))).append(", depth ").append(rc.get("depth"))
                        .append("): ").append(esc(String.join("; ", (List<String>) rc.get("evidence"))));
            }
            b.append("</ol><h3>Blast radius</h3><p id=blast-radius>");
            b.append(esc(((List<Object>) an.get("blastRadius")).stream()
                    .map(o -> ((Map<String, Object>) o).get("service") + " (" + ((Map<String, Object>) o).get("depth") + ")")
                    .collect(Collectors.joining(", "))));
            b.append("</p>");
        }
    }

    private static String roles(java.util.Set<Role> roles) {
        return roles.stream().map(Role::wireName).collect(Collectors.joining("/"));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=en><head><meta charset=utf-8>"
                + "<meta name=viewport content=\"width=device-width, initial-scale=1\"><title>" + esc(title)
                + " - AWOOOI</title><style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
                + "padding:0 1rem;color:#222}.risk{padding:.1rem .5rem;border-radius:.3rem;color:#fff;background:#555}"
                + ".risk-HIGH,.risk-CRITICAL{background:#b00020}.risk-MEDIUM{background:#b36b00}"
                + ".risk-LOW{background:#2e7d32}.fail{color:#b00020}.small,.who{color:#666;font-size:.9rem}"
                + "button{font-size:1.1rem;padding:.5rem 1.5rem;margin-right:1rem}.reject{background:#fdd}"
                + "</style></head><body><h1>AWOOOI</h1>" + body + "</body></html>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
