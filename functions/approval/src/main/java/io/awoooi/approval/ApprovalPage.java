package io.awoooi.approval;

import io.awoooi.core.HumanTime;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DecideApproval;
import io.awoooi.core.approval.Decision;
import io.awoooi.core.approval.Role;
import io.awoooi.core.approval.Signature;
import io.awoooi.core.incident.view.AlertView;
import io.awoooi.core.incident.view.IncidentView;
import io.awoooi.core.notify.Link;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The approval card as a page, plain HTML without scripts, mobile first (one column, nothing wider
 * than the screen: long names wrap). In the order an approver reads it: the headline (the alert's
 * summary, severity, since), the diagnosis and the root cause, the blast radius, the action and its
 * risk, the dry-run warnings the approver accepts by signing, the quorum as a checklist, and the two
 * buttons that POST the link's token ({@code Approve & execute}, {@code Reject} with an optional
 * reason). Once this approver has decided, or the request is no longer pending, the page shows where
 * it stands instead of the buttons. Everything shown is pseudonymized already; everything is
 * HTML-escaped anyway.
 */
final class ApprovalPage {
    /** The longest reject reason kept (the form's maxlength). */
    static final int MAX_REASON = 300;

    private ApprovalPage() {
    }

    /**
     * The card of a request for the approver of the link.
     *
     * @param incident the incident document, for the alerts and the narrative under "details"
     * @param token the link's token, posted back by the buttons
     */
    static String card(DecideApproval.Result.Shown shown, ApprovalCard card, Optional<IncidentView> incident,
            String token) {
        ApprovalStatus status = card.status();
        StringBuilder b = new StringBuilder();
        shown.recorded().filter(s -> !shown.repeated())
                .ifPresent(s -> b.append("<p class=\"notice ok\" id=confirmation>")
                        .append(s.decision() == Decision.APPROVE ? "Approved" : "Rejected")
                        .append(": your decision is recorded</p>"));
        if (shown.recorded().isPresent() && shown.repeated()) {
            Signature s = shown.recorded().get();
            b.append("<p class=\"notice\" id=confirmation>You ").append(s.decision() == Decision.APPROVE ? "approved"
                    : "rejected").append(" at ").append(esc(HumanTime.at(s.at())))
                    .append(": your decision stands, nothing more to do</p>");
        }
        b.append("<p class=who>Signed in by your link as <b>").append(esc(shown.approver().name()))
                .append("</b> (").append(esc(roles(shown.approver().roles()))).append(")</p>");

        // 1. the headline: what is wrong
        b.append("<header id=headline-part><h1 id=headline>").append(esc(card.headline())).append("</h1>");
        if (!card.firing().isEmpty()) {
            b.append("<p class=firing id=firing>").append(esc(card.firing())).append("</p>");
        }
        b.append("<p><span class=\"risk risk-").append(card.risk()).append("\">").append(card.risk())
                .append("</span> <span class=status id=status>").append(status).append("</span></p></header>");

        // 2. the diagnosis and the root cause
        if (card.diagnosis().isPresent()) {
            b.append("<section id=diagnosis-part><h2>Diagnosis").append(card.diagnosisKind().isEmpty() ? ""
                    : ": " + esc(card.diagnosisKind())).append("</h2><p id=diagnosis>")
                    .append(esc(card.diagnosis().get())).append("</p>");
            list(b, "diagnosis-evidence", "ul", card.evidence());
            card.humanStep().ifPresent(h -> b.append("<p>A person should: ").append(esc(h)).append("</p>"));
            b.append("</section>");
        }
        b.append("<section id=root-cause-part><h2>")
                .append(card.rootCauses().size() == 1 ? "Root cause" : "Root causes")
                .append("</h2>");
        if (card.rootCauses().isEmpty()) {
            b.append("<p id=root-causes>none found in the topology</p>");
        } else {
            list(b, "root-causes", "ol", card.rootCauses());
        }
        b.append("</section>");

        // 3. the blast radius, by name
        if (!card.blastRadius().isEmpty()) {
            b.append("<section id=blast-radius-part><h2>Blast radius</h2><p id=blast-radius>")
                    .append(esc(card.blastRadius())).append("</p></section>");
        }

        // 4. the action and its risk
        b.append("<section id=action-part><h2>Action</h2><p class=action id=action>").append(esc(card.action()))
                .append("</p><p class=call><code id=action-call>").append(esc(card.actionCall())).append("</code></p>")
                .append("<p class=small>").append(esc(card.dryRun())).append("</p>")
                .append("<h3>Risk ").append(card.risk()).append("</h3><p id=risk-story>").append(esc(card.riskStory()))
                .append("</p>");
        list(b, "risk-reasons", "ul", card.riskReasons());
        if (!card.source().isEmpty()) {
            b.append("<p class=small id=source>").append(esc(card.source())).append("</p>");
        }
        b.append("</section>");

        // 5. the dry-run warnings, prominent
        if (!card.warnings().isEmpty()) {
            b.append("<section class=warn id=warnings><h2>&#9888; Dry-run warnings</h2>"
                    + "<p>Signing accepts these:</p>");
            list(b, "warning-list", "ul", card.warnings());
            b.append("</section>");
        }

        // 6. the quorum as a checklist
        b.append("<section id=quorum><h2>Approvals</h2><p>Needs ").append(esc(card.needs())).append("</p>");
        if (card.checklist().isEmpty()) {
            b.append("<p id=checklist>nobody asked</p>");
        } else {
            b.append("<ul class=checklist id=checklist>");
            for (ApprovalCard.Signer s : card.checklist()) {
                b.append("<li class=").append(s.mark().name().toLowerCase(java.util.Locale.ROOT)).append('>')
                        .append(esc(s.line())).append("</li>");
            }
            b.append("</ul>");
        }
        if (!card.stillNeeded().isEmpty()) {
            b.append("<p id=still-needed>Still needed: ").append(esc(card.stillNeeded())).append("</p>");
        }
        if (!card.expiry().isEmpty()) {
            b.append("<p id=expiry>Expires ").append(esc(card.expiry())).append("; your link works once.</p>");
        }
        b.append("</section>");

        // 7. the buttons, or where the request stands
        if (status == ApprovalStatus.PENDING && shown.recorded().isEmpty()) {
            String action = "/v1/approvals/" + esc(card.requestId());
            b.append("<section id=decide><form method=post action=\"").append(action).append("\">")
                    .append("<input type=hidden name=t value=\"").append(esc(token)).append("\">")
                    .append("<input type=hidden name=decision value=approve>")
                    .append("<button id=approve class=approve>Approve &amp; execute</button></form>")
                    .append("<form method=post action=\"").append(action).append("\" id=reject-form>")
                    .append("<input type=hidden name=t value=\"").append(esc(token)).append("\">")
                    .append("<input type=hidden name=decision value=reject>")
                    .append("<label for=reason id=reject>Reason (optional)</label>")
                    .append("<textarea id=reason name=reason rows=2 maxlength=").append(MAX_REASON)
                    .append(" placeholder=\"why not? (no personal data)\"></textarea>")
                    .append("<button id=reject-button class=reject>Reject</button></form></section>");
        } else {
            b.append("<section id=state><h2>Where it stands</h2><p id=state-line>")
                    .append(esc(stateLine(card, shown))).append("</p></section>");
        }

        if (!card.references().isEmpty()) {
            b.append("<section id=links><h2>Links</h2><ul>");
            for (Link l : card.references()) {
                b.append("<li><a rel=\"noopener noreferrer\" href=\"").append(esc(l.url())).append("\">")
                        .append(esc(l.label())).append("</a></li>");
            }
            b.append("</ul></section>");
        }
        incident.ifPresent(doc -> details(b, doc));
        b.append("<p class=small>Request ").append(esc(card.requestId())).append(" on incident ")
                .append(esc(card.incidentId())).append("</p>");
        return page(card.risk() + ": " + card.headline(), b.toString());
    }

    /** What the approver is told in place of the buttons. */
    static String stateLine(ApprovalCard card, DecideApproval.Result.Shown shown) {
        if (card.status() == ApprovalStatus.PENDING) {
            return "Waiting" + (card.stillNeeded().isEmpty() ? "" : " for " + card.stillNeeded())
                    + (card.expiry().isEmpty() ? "" : ", until " + card.expiry()) + ".";
        }
        return card.outcome().orElse(card.status().name()) + ".";
    }

    static String problem(int status, String title, String detail) {
        return page(title, "<h1 id=problem>" + esc(title) + "</h1><p>" + esc(detail) + "</p><p class=small>HTTP "
                + status + "</p>");
    }

    private static void list(StringBuilder b, String id, String tag, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append('<').append(tag).append(" id=").append(id).append('>');
        items.forEach(i -> b.append("<li>").append(esc(i)).append("</li>"));
        b.append("</").append(tag).append('>');
    }

    /** The alerts and the narrative, folded away: the card above is what a decision needs. */
    private static void details(StringBuilder b, IncidentView doc) {
        b.append("<details id=details><summary>Alerts and narrative</summary><ul id=alerts>");
        for (AlertView a : doc.alerts()) {
            String summary = a.annotations().get("summary");
            b.append("<li><b>").append(esc(a.alertname())).append("</b> ").append(esc(a.status()))
                    .append(summary == null ? "" : ": " + esc(summary)).append("</li>");
        }
        b.append("</ul>");
        doc.analysis().ifPresent(analysis -> b.append("<p id=narrative>").append(esc(analysis.narrative()))
                .append("</p>"));
        b.append("</details>");
    }

    private static String roles(java.util.Set<Role> roles) {
        return roles.stream().map(Role::wireName).collect(Collectors.joining("/"));
    }

    /**
     * The page around a body. Mobile first: one column at any width, text that cannot break (pod
     * names, the action's catalog form, URLs) breaks anywhere rather than widen the page; buttons
     * fill the width on a phone and sit side by side from 40rem.
     */
    static String page(String title, String body) {
        return "<!doctype html><html lang=en><head><meta charset=utf-8>"
                + "<meta name=viewport content=\"width=device-width, initial-scale=1\"><title>" + esc(title)
                + " - AWOOOI</title><style>"
                + "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}"
                + "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:46rem;"
                + "padding:.75rem 1rem 2rem;color:#1f2328;line-height:1.45;overflow-wrap:anywhere;word-break:break-word}"
                + "h1{font-size:1.35rem;line-height:1.25;margin:.4rem 0}h2{font-size:1.05rem;margin:1.2rem 0 .3rem}"
                + "h3{font-size:1rem;margin:.8rem 0 .2rem}ul,ol{padding-left:1.2rem;margin:.3rem 0}"
                + "code{white-space:pre-wrap;word-break:break-all;font-size:.85rem;background:#f6f8fa;padding:.1rem .2rem}"
                + ".brand{font-weight:700;letter-spacing:.05em;color:#656d76;margin:0}"
                + ".risk{padding:.1rem .5rem;border-radius:.3rem;color:#fff;background:#555;font-weight:600}"
                + ".risk-HIGH,.risk-CRITICAL{background:#b00020}.risk-MEDIUM{background:#b36b00}"
                + ".risk-LOW{background:#2e7d32}.status{font-weight:600}.firing{color:#444;margin:.2rem 0}"
                + ".small,.who{color:#656d76;font-size:.9rem}.action{font-size:1.1rem;font-weight:600;margin:.2rem 0}"
                + ".warn{background:#fff4e5;border-left:.3rem solid #b36b00;padding:.2rem .8rem .6rem;margin:1rem 0}"
                + ".warn h2{margin-top:.4rem}.checklist{list-style:none;padding-left:0}"
                + ".checklist li{padding:.15rem 0}.checklist .approved{color:#2e7d32}.checklist .rejected{color:#b00020}"
                + ".notice{background:#ddf4ff;border-left:.3rem solid #0969da;padding:.5rem .8rem}"
                + ".notice.ok{background:#dafbe1;border-left-color:#2e7d32}"
                + "#decide{margin-top:1.2rem}form{margin:0 0 .8rem}"
                + "button{display:block;width:100%;font-size:1.1rem;padding:.7rem 1rem;border-radius:.4rem;"
                + "border:1px solid #888;cursor:pointer}.approve{background:#2e7d32;color:#fff;border-color:#2e7d32}"
                + ".reject{background:#fff;color:#b00020;border-color:#b00020;margin-top:.4rem}"
                + "textarea{display:block;width:100%;font:inherit;padding:.4rem;margin:.3rem 0}"
                + "label{font-size:.9rem;color:#444}#reject-form:target,#reject:target{outline:.2rem solid #b00020}"
                + "@media (min-width:40rem){button{display:inline-block;width:auto;min-width:14rem}}"
                + "</style></head><body><p class=brand>AWOOOI</p>" + body + "</body></html>";
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
