package io.awoooi.approval;

import static io.awoooi.approval.ApprovalPage.esc;

import io.awoooi.core.HumanTime;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.TrustPolicy;
import io.awoooi.core.approval.TrustScores;
import io.awoooi.core.incident.view.AlertView;
import io.awoooi.core.incident.view.AnalysisView;
import io.awoooi.core.incident.view.ApprovalView;
import io.awoooi.core.incident.view.ExecutionView;
import io.awoooi.core.incident.view.IncidentPage;
import io.awoooi.core.incident.view.IncidentSummary;
import io.awoooi.core.incident.view.IncidentView;
import io.awoooi.core.incident.view.TimelineEntry;
import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.notify.Link;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web console's pages: plain server-rendered HTML without scripts or anything loaded from
 * elsewhere (the styles are inline), one column on a phone (nothing wider than 390 px: tables turn
 * into stacked rows, long names wrap), landmarks (a skip link, {@code header} with the navigation,
 * {@code main}), one {@code h1} per page, labelled form controls. Everything shown comes from the
 * incident API's documents and the approval card, which are pseudonymized ({@code [IP_1]}); it is
 * HTML-escaped anyway. Pages that show live state poll: one small script of our own
 * ({@link #POLL_SCRIPT}, served from {@code /console/poll.js}, the only script the CSP allows) fetches
 * the page again every {@value #REFRESH_SECONDS} s and swaps the main content in when it changed and
 * nothing in it has the focus or is unfolded (a keyboard user keeps their place). Without JavaScript
 * the pages work the same, only without the polling (not a {@code meta refresh}: a page that reloads
 * itself on a timer fails WCAG 2.2.1).
 */
final class ConsolePages {
    static final String BASE = "/console";
    static final int REFRESH_SECONDS = 30;

    private ConsolePages() {
    }

    /** The sign-in form; {@code problem} says why the last attempt failed. */
    static String signIn(Optional<String> problem) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Sign in to the console</h1>");
        problem.ifPresent(p -> b.append("<p class=\"notice bad\" role=alert id=sign-in-problem>").append(esc(p))
                .append("</p>"));
        b.append("<p>Operators sign in with the operator token (the one the incident API takes as a bearer"
                + " token) and see everything. Approvers sign in with their own console token and can also"
                + " approve or reject the requests they may sign. The console keeps you signed in with a cookie"
                + " for 8 hours at most.</p>")
                .append("<form method=post action=\"").append(BASE).append("/sign-in\" id=sign-in-form>")
                .append("<label for=token>Operator token or your approver token</label>")
                .append("<input id=token name=token type=password autocomplete=current-password required"
                        + " spellcheck=false>")
                .append("<button id=sign-in class=primary>Sign in</button></form>");
        return page("Sign in", Optional.empty(), "", b.toString(), false);
    }

    /** The incident list with its filters and the link to the next page. */
    static String incidents(IncidentPage page, Filters filters, String csrf, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Incidents</h1>");
        b.append("<form method=get action=\"").append(BASE).append("/incidents\" id=filters class=filters"
                + " aria-label=\"Filter incidents\">")
                .append("<div><label for=status>Status</label><select id=status name=status>");
        for (String s : List.of("", "FIRING", "RESOLVED")) {
            b.append("<option value=\"").append(s).append('"').append(s.equals(filters.status()) ? " selected" : "")
                    .append('>').append(s.isEmpty() ? "any" : s.toLowerCase(Locale.ROOT)).append("</option>");
        }
        b.append("</select></div>")
                .append("<div><label for=since>Created since</label><input id=since name=since value=\"")
                .append(esc(filters.since())).append("\" placeholder=\"2h, 7d or 2026-01-31T08:00:00Z\"></div>")
                .append("<div><label for=until>Created until</label><input id=until name=until value=\"")
                .append(esc(filters.until())).append("\" placeholder=\"30m or an instant\"></div>")
                .append("<div><button id=apply-filters>Show</button></div></form>");
        List<IncidentSummary> items = page.incidents();
        if (items.isEmpty()) {
            b.append("<p id=no-incidents>No incidents match.</p>");
        } else {
            b.append("<table id=incident-table class=stack><caption>").append(items.size())
                    .append(items.size() == 1 ? " incident" : " incidents").append(", newest first</caption><thead><tr>"
                            + "<th scope=col>Incident</th><th scope=col>Status</th><th scope=col>Severity</th>"
                            + "<th scope=col>Root cause</th><th scope=col>Action</th><th scope=col>Approval</th>"
                            + "<th scope=col>Age</th></tr></thead><tbody>");
            for (IncidentSummary i : items) {
                String id = i.facts().id();
                b.append("<tr><td data-label=Incident><a href=\"").append(BASE).append("/incidents/")
                        .append(esc(id)).append("\">").append(esc(alertNames(i.alertNames(), id)))
                        .append("</a><br><span class=small>").append(esc(id)).append("</span></td>")
                        .append("<td data-label=Status>").append(esc(i.facts().status()))
                        .append(i.facts().failure().isPresent() ? " <span class=bad>(a stage failed)</span>" : "")
                        .append("</td>")
                        .append("<td data-label=Severity>").append(esc(i.facts().severity().orElse("-")))
                        .append("</td>")
                        .append("<td data-label=\"Root cause\">").append(esc(i.rootCause().orElse("-")))
                        .append("</td><td data-label=Action>").append(esc(action(i))).append("</td>")
                        .append("<td data-label=Approval>").append(esc(approval(i))).append("</td>")
                        .append("<td data-label=Age>").append(esc(i.facts().age())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        page.nextToken().ifPresent(next -> b.append("<p><a id=older rel=next href=\"").append(BASE)
                .append("/incidents?").append(esc(filters.query())).append(filters.query().isEmpty() ? "" : "&amp;")
                .append("nextToken=").append(esc(URLEncoder.encode(next, StandardCharsets.UTF_8)))
                .append("\">Older incidents</a></p>"));
        return page("Incidents", Optional.of("incidents"), csrf, b.toString(), true);
    }

    /**
     * What the signed-in approver may do with an incident's request.
     *
     * @param name their name, as the directory has it
     * @param actionHash the action the buttons decide on (posted with the form); empty when they may not decide
     * @param state why there are no buttons (they decided, the request ended, they cannot sign)
     */
    record Signer(String name, Optional<String> actionHash, String state) {
        static Signer mayDecide(String name, String actionHash) {
            return new Signer(name, Optional.of(actionHash), "");
        }

        static Signer decided(String name, String state) {
            return new Signer(name, Optional.empty(), state);
        }
    }

    /** An incident for the operator: no decision buttons. */
    static String incident(IncidentView doc, Optional<ApprovalCard> card, List<AiTrace> traces, String csrf,
            Instant now) {
        return incident(doc, card, traces, csrf, now, Optional.empty());
    }

    /**
     * An incident: what is wrong, the warnings first, the analysis, the action, the quorum (with the
     * approver's buttons when {@code signer} may decide), the outcome, the AI.
     */
    static String incident(IncidentView doc, Optional<ApprovalCard> card, List<AiTrace> traces, String csrf,
            Instant now, Optional<Signer> signer) {
        StringBuilder b = new StringBuilder();
        String id = doc.facts().id();
        Optional<AnalysisView> analysis = doc.analysis();
        String headline = card.map(ApprovalCard::headline).filter(h -> !h.isBlank())
                .orElse(alertNames(doc.alertNames(), id));
        b.append("<p class=small><a href=\"").append(BASE).append("/incidents\">&larr; All incidents</a></p>")
                .append("<h1 id=headline>").append(esc(headline)).append("</h1>")
                .append("<p id=incident-facts><span class=status>").append(esc(doc.facts().status())).append("</span>");
        doc.facts().severity().ifPresent(severity -> b.append(" · ").append(esc(severity)));
        b.append(" · opened ").append(esc(when(doc.facts().createdAt(), now))).append(" · ").append(esc(id))
                .append("</p>");

        // the dry-run warnings first: what signing accepts
        card.filter(c -> !c.warnings().isEmpty()).ifPresent(c -> {
            b.append("<section class=warn id=warnings aria-labelledby=warnings-h><h2 id=warnings-h>&#9888; Dry-run"
                    + " warnings</h2><p>Signing the action accepts these:</p>");
            list(b, "warning-list", "ul", c.warnings());
            b.append("</section>");
        });
        doc.facts().failure()
                .ifPresent(failure -> b.append("<section class=warn id=failure aria-labelledby=failure-h><h2"
                        + " id=failure-h>A stage could not process this incident</h2><p>").append(esc(failure.stage()))
                        .append(": ").append(esc(failure.reason())).append(" (").append(esc(when(failure.at(), now)))
                        .append(")</p></section>"));

        // the alerts
        b.append(section("alerts-part", "Alerts"));
        b.append("<ul id=alerts>");
        for (AlertView a : doc.alerts()) {
            b.append("<li><b>").append(esc(a.alertname())).append("</b> ").append(esc(a.status()))
                    .append(", ").append(esc(a.severity())).append(", since ").append(esc(when(a.startsAt(), now)));
            if (a.annotations().get("summary") != null) {
                b.append("<br>").append(esc(a.annotations().get("summary")));
            }
            if (!a.labels().isEmpty()) {
                b.append("<br><span class=small>");
                a.labels().forEach((k, v) -> b.append("<code>").append(esc(k)).append('=').append(esc(str(v)))
                        .append("</code> "));
                b.append("</span>");
            }
            b.append("</li>");
        }
        b.append("</ul>");
        card.ifPresent(c -> {
            if (!c.references().isEmpty()) {
                b.append("<p id=references>Links: ");
                boolean first = true;
                for (Link l : c.references()) {
                    b.append(first ? "" : " · ").append("<a rel=\"noopener noreferrer\" href=\"").append(esc(l.url()))
                            .append("\">").append(esc(l.label())).append("</a>");
                    first = false;
                }
                b.append("</p>");
            }
        });
        b.append("</section>");

        // the diagnosis and its evidence
        analysis.flatMap(AnalysisView::diagnosis).ifPresent(diagnosis -> {
            b.append(section("diagnosis-part", "Diagnosis: " + diagnosis.inWords()))
                    .append("<p id=diagnosis>").append(esc(diagnosis.summary())).append("</p>");
            list(b, "diagnosis-evidence", "ul", diagnosis.evidence());
            diagnosis.humanStep().ifPresent(step -> b.append("<p id=human-step><b>A person should:</b> ")
                    .append(esc(step)).append("</p>"));
            b.append("</section>");
        });

        // root causes and blast radius, by name
        List<AnalysisView.RootCause> rootCauses = analysis.map(AnalysisView::rootCauses).orElse(List.of());
        b.append(section("root-cause-part", rootCauses.size() == 1 ? "Root cause" : "Root causes"));
        if (analysis.isEmpty()) {
            b.append("<p id=root-causes>not analyzed yet</p>");
        } else if (rootCauses.isEmpty()) {
            b.append("<p id=root-causes>none found in the topology</p>");
        } else {
            b.append("<ol id=root-causes>");
            for (AnalysisView.RootCause rc : rootCauses) {
                b.append("<li><b>").append(esc(rc.service())).append("</b> (")
                        .append(esc(rc.kind().toLowerCase(Locale.ROOT))).append(')');
                if (!rc.evidence().isEmpty()) {
                    b.append(": ").append(esc(String.join("; ", rc.evidence())));
                }
                b.append("</li>");
            }
            b.append("</ol>");
        }
        b.append("</section>");
        analysis.ifPresent(a -> {
            b.append(section("blast-radius-part", "Blast radius"));
            List<AnalysisView.Impact> blast = a.blastRadius();
            if (blast.isEmpty()) {
                b.append("<p id=blast-radius>nothing depends on it</p>");
            } else {
                b.append("<p>").append(blast.size()).append(blast.size() == 1 ? " service depends" : " services depend")
                        .append(" on it:</p><ul id=blast-radius>");
                for (AnalysisView.Impact impact : blast) {
                    b.append("<li>").append(esc(impact.service())).append(" <span class=small>(")
                            .append(impact.depth()).append(impact.depth() == 1 ? " hop" : " hops")
                            .append(" away)</span></li>");
                }
                b.append("</ul>");
            }
            graph(b, a);
            b.append("</section>");
        });

        // the action, its risk, the quorum
        if (card.isPresent()) {
            ApprovalCard c = card.get();
            b.append(section("action-part", "Action")).append("<p class=action id=action>").append(esc(c.action()))
                    .append("</p><p><code id=action-call>").append(esc(c.actionCall())).append("</code></p>")
                    .append("<p class=small>").append(esc(c.dryRun())).append("</p><h3>Risk <span class=\"risk risk-")
                    .append(c.risk()).append("\">").append(c.risk()).append("</span></h3><p id=risk-story>")
                    .append(esc(c.riskStory())).append("</p>");
            list(b, "risk-reasons", "ul", c.riskReasons());
            if (!c.source().isEmpty()) {
                b.append("<p class=small id=source>").append(esc(c.source())).append("</p>");
            }
            b.append("</section>");
            b.append(section("quorum", "Approvals: " + c.status().name())).append("<p>Needs ").append(esc(c.needs()))
                    .append("</p>");
            if (c.checklist().isEmpty()) {
                b.append("<p id=checklist>nobody asked</p>");
            } else {
                b.append("<ul class=checklist id=checklist>");
                for (ApprovalCard.Signer s : c.checklist()) {
                    b.append("<li class=").append(s.mark().name().toLowerCase(Locale.ROOT)).append('>')
                            .append(esc(s.line())).append("</li>");
                }
                b.append("</ul>");
            }
            if (!c.stillNeeded().isEmpty()) {
                b.append("<p id=still-needed>Still needed: ").append(esc(c.stillNeeded())).append("</p>");
            }
            if (!c.expiry().isEmpty()) {
                b.append("<p id=expiry>Expires ").append(esc(c.expiry())).append('.')
                        .append(signer.isPresent() ? "" : " Approvers decide through their own signed links, or here"
                                + " when signed in with their own console token.")
                        .append("</p>");
            }
            c.outcome().ifPresent(o -> b.append("<p id=approval-outcome>").append(esc(o)).append("</p>"));
            signer.ifPresent(s -> decision(b, id, s, csrf));
            b.append("</section>");
        } else {
            analysis.flatMap(AnalysisView::proposedAction).ifPresent(proposed -> b.append(section("action-part",
                    "Action")).append("<p class=action id=action>").append(esc(proposed.inWords().orElse("")))
                    .append("</p><p class=small>").append(proposed.humanRequired()
                            .map(why -> "Not offered for approval: " + esc(why)).orElse("No approval request (yet)."))
                    .append("</p></section>"));
        }

        // the outcome
        b.append(section("outcome-part", "Outcome"));
        doc.execution().ifPresentOrElse(execution -> {
            b.append("<p id=outcome><b>").append(esc(execution.status())).append("</b>");
            execution.outcome().ifPresent(outcome -> b.append(", then <b>").append(esc(outcome)).append("</b>")
                    .append(execution.verifiedAt().map(at -> " (checked " + esc(when(at, now)) + ")").orElse("")));
            b.append(" · ").append(esc(when(execution.at(), now))).append("</p>");
            execution.reason()
                    .ifPresent(reason -> b.append("<p id=outcome-reason>").append(esc(reason)).append("</p>"));
        }, () -> b.append("<p id=outcome>Nothing executed.</p>"));
        b.append("</section>");

        // the AI's reasoning and its trace
        b.append(section("ai-part", "The AI's reasoning"));
        analysis.ifPresentOrElse(a -> {
            b.append("<p id=narrator class=small>Narrated by ").append(esc(a.narrator()))
                    .append(a.proposedAction().map(p -> "; the action was chosen by " + esc(p.source())
                            + p.rule().map(rule -> " (rule " + esc(rule) + ")").orElse("")).orElse(""))
                    .append("</p>");
            b.append("<p id=narrative>").append(esc(a.narrative())).append("</p>");
            if (!a.hypotheses().isEmpty()) {
                b.append("<h3>Hypotheses</h3>");
                list(b, "hypotheses", "ol", a.hypotheses());
            }
        }, () -> b.append("<p>Not analyzed yet.</p>"));
        if (traces.isEmpty()) {
            b.append("<p id=ai-trace class=small>No model was asked about this incident (the rules decided).</p>");
        } else {
            b.append("<h3>Model calls</h3><ol id=ai-trace>");
            for (AiTrace t : traces) {
                b.append("<li><p>").append(esc(t.model())).append(", attempt ").append(t.attempt()).append(": ")
                        .append(esc(t.outcome())).append(" in ").append(t.durationMs()).append(" ms, ")
                        .append(esc(HumanTime.at(t.at()))).append("</p><details><summary>Prompt and response (as"
                                + " sent: pseudonymized)</summary><h4>Prompt</h4><pre>")
                        .append(esc(t.prompt()))
                        .append("</pre><h4>Response</h4><pre>").append(esc(t.response().isEmpty() ? "(none)"
                                : t.response()))
                        .append("</pre></details></li>");
            }
            b.append("</ol>");
        }
        b.append("</section>");

        // the timeline
        b.append(section("timeline-part", "Timeline")).append("<ol id=timeline>");
        for (TimelineEntry e : doc.timeline()) {
            b.append("<li><b>").append(esc(e.type().replace('_', ' '))).append("</b> by ")
                    .append(esc(e.actor())).append(", ").append(esc(when(e.at(), now))).append("</li>");
        }
        b.append("</ol></section>");
        return page(headline, Optional.of("incidents"), csrf, b.toString(), true);
    }

    /** The approver's part of the card: the buttons while they may decide, else where they stand. */
    private static void decision(StringBuilder b, String incidentId, Signer s, String csrf) {
        b.append("<div id=your-decision class=decide><p id=signed-in-as>Signed in as ").append(esc(s.name()))
                .append(", an approver.</p>");
        if (s.actionHash().isEmpty()) {
            b.append("<p id=decision-state>").append(esc(s.state())).append("</p></div>");
            return;
        }
        // two forms: Enter in the reason field rejects, never approves
        String action = BASE + "/incidents/" + incidentId + "/decision";
        String hidden = "<input type=hidden name=csrf value=\"" + esc(csrf)
                + "\"><input type=hidden name=action value=\""
                + esc(s.actionHash().get()) + "\">";
        b.append("<form method=post action=\"").append(esc(action)).append("\" id=approve-form>").append(hidden)
                .append("<input type=hidden name=decision value=approve>")
                .append("<button id=approve class=primary>Approve &amp; execute</button></form>")
                .append("<form method=post action=\"").append(esc(action)).append("\" id=reject-form>").append(hidden)
                .append("<input type=hidden name=decision value=reject>")
                .append("<label for=reason>Reason for a rejection (optional)</label>")
                .append("<input id=reason name=reason maxlength=500 autocomplete=off>")
                .append("<button id=reject-button class=reject>Reject</button></form></div>");
    }

    /**
     * The blast radius as a small picture: layers from the farthest caller down to the root causes,
     * each a row of boxes, joined by "depends on" arrows. Plain HTML and CSS (wraps on a phone; a
     * screen reader reads it as a list of layers).
     */
    private static void graph(StringBuilder b, AnalysisView analysis) {
        java.util.TreeMap<Integer, List<String>> callers = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (AnalysisView.Impact impact : analysis.blastRadius()) {
            callers.computeIfAbsent(impact.depth(), d -> new java.util.ArrayList<>()).add(impact.service());
        }
        List<String> targets = analysis.targets();
        List<String> causes = analysis.rootCauses().stream().map(AnalysisView.RootCause::service).toList();
        if (callers.isEmpty() && causes.isEmpty()) {
            return;
        }
        b.append("<figure id=blast-graph><figcaption>Who is hit: each row depends on the row below it</figcaption>"
                + "<ol class=layers>");
        boolean first = true;
        for (var layer : callers.entrySet()) {
            first = layer(b, "affected, " + layer.getKey() + (layer.getKey() == 1 ? " hop" : " hops") + " away",
                    "caller", layer.getValue(), first);
        }
        List<String> alerting = targets.stream().filter(t -> !causes.contains(t)).toList();
        if (!alerting.isEmpty()) {
            first = layer(b, "alerting", "target", alerting, first);
        }
        if (!causes.isEmpty()) {
            layer(b, causes.size() == 1 ? "root cause" : "root causes", "cause", causes, first);
        }
        b.append("</ol></figure>");
    }

    private static boolean layer(StringBuilder b, String name, String kind, List<String> nodes, boolean first) {
        b.append("<li>");
        if (!first) {
            b.append("<span class=arrow aria-hidden=true>&darr; depends on</span>");
        }
        b.append("<span class=layer-name>").append(esc(name)).append("</span><ul class=nodes>");
        nodes.forEach(n -> b.append("<li class=\"node ").append(kind).append("\">").append(esc(n)).append("</li>"));
        b.append("</ul></li>");
        return false;
    }

    /** The requests waiting for signatures, each as its card's summary (the operator's view). */
    static String approvals(List<ApprovalCard> pending, String csrf, Instant now) {
        return approvals(pending, csrf, now, Optional.empty());
    }

    /**
     * What made a pending request, which says where the console shows it and how it is decided: an
     * incident's own request on the incident's page (its buttons); an outside agent's proposal, a
     * FinOps saving or a drift rollback with the signed link each approver was sent.
     */
    enum Source {
        INCIDENT,
        AGENT,
        FINOPS,
        DRIFT,
        OTHER;

        static Source of(ApprovalCard c) {
            if (io.awoooi.core.incident.IncidentIds.isWellFormed(c.incidentId())) {
                return c.requestId().equals(io.awoooi.core.approval.ApprovalRequest.idFor(c.incidentId()))
                        ? INCIDENT : AGENT;
            }
            if (c.incidentId().startsWith(io.awoooi.core.finops.RequestSavings.SUBJECT_PREFIX)) {
                return FINOPS;
            }
            if (c.incidentId().startsWith(io.awoooi.core.drift.RollbackDrift.SUBJECT_PREFIX)) {
                return DRIFT;
            }
            return OTHER;
        }

        /** What it is, when the card's headline does not say (an incident's own request says it all). */
        String words() {
            return switch (this) {
                case AGENT -> "An outside agent's proposal about the incident.";
                case FINOPS -> "A FinOps saving (the FinOps page has the report).";
                case DRIFT -> "A drift rollback (the drift page has the report).";
                case INCIDENT, OTHER -> "";
            };
        }

        /** How an approver decides it. */
        String howToDecide() {
            return this == INCIDENT ? "open the incident to approve or reject."
                    : "approve or reject with the link you were sent.";
        }

        /** The console page that shows it. */
        String page(ApprovalCard c) {
            return switch (this) {
                case INCIDENT, AGENT -> BASE + "/incidents/" + esc(c.incidentId());
                case FINOPS -> BASE + "/finops";
                case DRIFT -> BASE + "/drift";
                case OTHER -> BASE + "/approvals";
            };
        }
    }

    /**
     * The requests waiting for signatures, soonest expiry first, whatever made them, each as its card's
     * summary linked to the page that shows it; for a signed-in approver, the ones still asking for
     * their signature say so and how to decide.
     */
    static String approvals(List<ApprovalCard> pending, String csrf, Instant now, Optional<String> approverId) {
        StringBuilder b = new StringBuilder("<h1>Pending approvals</h1>");
        if (pending.isEmpty()) {
            b.append("<p id=no-approvals>Nothing waits for a signature.</p>");
        } else {
            b.append("<ul id=approvals class=cards>");
            for (ApprovalCard c : pending) {
                Source source = Source.of(c);
                b.append("<li><h2><a href=\"").append(source.page(c)).append("\">").append(esc(c.headline()))
                        .append("</a></h2><p><span class=\"risk risk-")
                        .append(c.risk()).append("\">").append(c.risk()).append("</span> ").append(esc(c.action()))
                        .append("</p><ul class=checklist>");
                for (ApprovalCard.Signer s : c.checklist()) {
                    b.append("<li class=").append(s.mark().name().toLowerCase(Locale.ROOT)).append('>')
                            .append(esc(s.line())).append("</li>");
                }
                b.append("</ul>");
                approverId.filter(me -> c.checklist().stream().anyMatch(s -> s.approverId().equals(me)
                        && s.mark() == ApprovalCard.Mark.WAITING)).ifPresent(me -> b.append(
                                "<p class=yours><b>Your"
                                        + " signature is asked:</b> ")
                                .append(source.howToDecide()).append("</p>"));
                if (!source.words().isEmpty()) {
                    b.append("<p class=source>").append(source.words()).append("</p>");
                }
                b.append("<p>Still needed: ").append(esc(c.stillNeeded().isEmpty() ? "nothing" : c.stillNeeded()))
                        .append(c.expiry().isEmpty() ? "" : "; expires " + esc(c.expiry())).append("</p>");
                if (!c.warnings().isEmpty()) {
                    b.append("<p class=bad>&#9888; ").append(c.warnings().size())
                            .append(c.warnings().size() == 1 ? " dry-run warning" : " dry-run warnings").append("</p>");
                }
                b.append("</li>");
            }
            b.append("</ul>");
        }
        return page("Pending approvals", Optional.of("approvals"), csrf, b.toString(), true);
    }

    /** Trust per action pattern, with what it changes. */
    static String trust(List<TrustScores.Entry> entries, String csrf, Instant now) {
        StringBuilder b = new StringBuilder("<h1>Trust per action pattern</h1>")
                .append("<p>An approved action that turned out effective adds one to its pattern; a rejection or an"
                        + " ineffective outcome resets it. At ")
                .append(TrustPolicy.MEDIUM_TO_LOW)
                .append(" a MEDIUM action needs no signature; at ").append(TrustPolicy.HIGH_TO_MEDIUM)
                .append(" a HIGH action needs what a MEDIUM one needs. CRITICAL never changes.</p>");
        if (entries.isEmpty()) {
            b.append("<p id=no-trust>No pattern has earned trust yet.</p>");
        } else {
            b.append("<table id=trust-table class=stack><caption>Highest first</caption><thead><tr>"
                    + "<th scope=col>Pattern</th><th scope=col>Score</th><th scope=col>Effect</th>"
                    + "<th scope=col>Changed</th></tr></thead><tbody>");
            for (TrustScores.Entry e : entries) {
                b.append("<tr><td data-label=Pattern><code>").append(esc(e.pattern())).append("</code></td>")
                        .append("<td data-label=Score>").append(e.score()).append("</td><td data-label=Effect>")
                        .append(esc(effect(e.score()))).append("</td><td data-label=Changed>")
                        .append(esc(e.updatedAt().map(t -> HumanTime.atAgo(t, now)).orElse("-")))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        return page("Trust", Optional.of("trust"), csrf, b.toString(), false);
    }

    /**
     * The latest FinOps report as {@code GET /v1/finops/reports/latest} serves it: the totals, the top
     * recommendations with their saving and risk, and what could not be measured or priced.
     */
    static String finOps(Optional<Map<String, Object>> report, String csrf, Instant now) {
        StringBuilder b = new StringBuilder("<h1>FinOps report</h1>");
        if (report.isEmpty()) {
            b.append("<p id=no-finops>No FinOps report yet: the weekly scan has not written one.</p>");
            return page("FinOps", Optional.of("finops"), csrf, b.toString(), false);
        }
        Map<String, Object> doc = report.get();
        Map<String, Object> totals = map(doc.get("totals"));
        Map<String, Object> scope = map(doc.get("scope"));
        String currency = str(doc.getOrDefault("currency", "USD"));
        b.append("<p id=finops-scanned class=small>Report <code>").append(esc(str(doc.get("id"))))
                .append("</code>, scanned ").append(esc(when(doc.get("scannedAt"), now))).append("; ")
                .append(esc(str(scope.get("nodes")))).append(" nodes, ").append(esc(str(scope.get("pods"))))
                .append(" pods, ").append(esc(str(scope.get("claims")))).append(" volume claims; prices: ")
                .append(esc(str(doc.get("prices")))).append("</p>");
        b.append(section("finops-totals", "Totals")).append("<dl id=totals>");
        for (String[] t : new String[][] {{"monthly", "Monthly waste"}, {"realizable", "Realizable now"},
                {"freed", "Capacity freed"}, {"annual", "Annual"}}) {
            b.append("<dt>").append(t[1]).append("</dt><dd id=total-").append(t[0]).append('>')
                    .append(esc(money(totals.get(t[0]), currency))).append("</dd>");
        }
        b.append("</dl></section>");

        List<Object> findings = list(doc.get("findings"));
        List<Map<String, Object>> top = list(doc.get("top")).stream()
                .map(r -> findings.stream().map(ConsolePages::map).filter(f -> str(f.get("rank")).equals(str(r)))
                        .findFirst().orElse(Map.of()))
                .filter(f -> !f.isEmpty()).toList();
        b.append(section("finops-top", "Top recommendations"));
        if (top.isEmpty()) {
            b.append("<p id=no-recommendations>Nothing to recommend.</p>");
        } else {
            b.append("<ol id=recommendations class=cards>");
            for (Map<String, Object> f : top) {
                String risk = str(f.get("risk"));
                b.append("<li><p class=action>").append(esc(str(f.get("recommendation")))).append("</p><p>")
                        .append("<code>").append(esc(str(f.get("resource")))).append("</code> (")
                        .append(esc(str(f.get("category")).replace('_', ' '))).append(")</p><p>Saving: ")
                        .append(f.get("monthly") != null ? esc(money(f.get("monthly"), currency)) + " a month ("
                                + esc(str(f.get("savingKind")).toLowerCase(Locale.ROOT).replace('_', ' ')) + ")"
                                : "not priced" + (f.get("unpriced") == null ? "" : ": " + esc(str(f.get("unpriced")))))
                        .append("; risk <span class=\"risk risk-").append(esc(risk)).append("\">").append(esc(risk))
                        .append("</span></p></li>");
            }
            b.append("</ol>");
        }
        b.append("<p class=small>").append(esc(str(doc.get("findingsTotal"))))
                .append(" findings in all.</p></section>");

        List<Object> gaps = list(doc.get("notMeasuredOrPriced"));
        List<Map<String, Object>> unpriced = findings.stream().map(ConsolePages::map)
                .filter(f -> f.get("unpriced") != null).toList();
        b.append(section("finops-gaps", "Not measured or priced"));
        if (!unpriced.isEmpty()) {
            // findings without a saving: worth doing, but their money is not counted in the totals
            b.append("<ul id=unpriced>");
            for (Map<String, Object> f : unpriced) {
                b.append("<li><code>").append(esc(str(f.get("resource")))).append("</code>: ")
                        .append(esc(str(f.get("recommendation")))).append(" (not priced: ")
                        .append(esc(str(f.get("unpriced")))).append(")</li>");
            }
            b.append("</ul>");
        }
        if (gaps.isEmpty() && unpriced.isEmpty()) {
            b.append("<p id=no-gaps>Everything in scope was measured and priced.</p>");
        } else if (!gaps.isEmpty()) {
            b.append("<ul id=gaps>");
            for (Object o : gaps) {
                Map<String, Object> g = map(o);
                b.append("<li><code>").append(esc(str(g.get("subject")))).append("</code>: ")
                        .append(esc(str(g.get("reason")))).append("</li>");
            }
            b.append("</ul>");
            if (doc.get("gapsTotal") instanceof Number n && n.intValue() > gaps.size()) {
                b.append("<p class=small>and ").append(n.intValue() - gaps.size()).append(" more.</p>");
            }
        }
        b.append("</section>");
        return page("FinOps", Optional.of("finops"), csrf, b.toString(), false);
    }

    /**
     * The latest drift report as {@code GET /v1/drift/reports/latest} serves it: when it ran, the drift
     * lines (already in redacted words), the narrative, what was not scanned.
     */
    static String drift(Optional<Map<String, Object>> report, String csrf, Instant now) {
        StringBuilder b = new StringBuilder("<h1>Drift report</h1>");
        if (report.isEmpty()) {
            b.append("<p id=no-drift>No drift scan has run yet.</p>");
            return page("Drift", Optional.of("drift"), csrf, b.toString(), false);
        }
        Map<String, Object> doc = report.get();
        Map<String, Object> counts = map(doc.get("counts"));
        b.append("<p id=drift-scanned class=small>Report <code>").append(esc(str(doc.get("id"))))
                .append("</code>, ran ").append(esc(when(doc.get("scannedAt"), now))).append("; ")
                .append(esc(str(doc.get("itemsScanned")))).append(" workloads in ")
                .append(esc(str(doc.get("namespacesScanned")))).append(" namespaces scanned</p>")
                .append("<p id=drift-counts>").append(esc(str(counts.getOrDefault("items", 0))))
                .append(" drifted fields in ").append(esc(str(counts.getOrDefault("workloads", 0))))
                .append(" workloads</p>");
        Map<String, Object> narrative = map(doc.get("narrative"));
        b.append(section("drift-narrative", "In words"));
        if (narrative.get("summary") == null || str(narrative.get("summary")).isBlank()) {
            b.append("<p id=no-narrative class=small>No narrative for this report.</p>");
        } else {
            b.append("<p id=narrative>").append(esc(str(narrative.get("summary")))).append("</p>");
        }
        b.append("</section>").append(section("drift-lines", "Drift"));
        List<Object> workloads = list(doc.get("workloads"));
        if (workloads.isEmpty()) {
            b.append("<p id=no-drift-lines>No drift: every scanned workload matches what was applied.</p>");
        } else {
            b.append("<ul id=drift class=cards>");
            for (Object o : workloads) {
                Map<String, Object> w = map(o);
                String highest = str(w.get("highest"));
                b.append("<li><h3>").append(esc(str(w.get("workload")))).append(" <span class=\"risk risk-")
                        .append(esc(highest)).append("\">").append(esc(highest)).append("</span></h3><ul>");
                for (Object i : list(w.get("items"))) {
                    Map<String, Object> item = map(i);
                    b.append("<li>").append(esc(str(item.get("line"))))
                            .append(Boolean.TRUE.equals(item.get("restorable")) ? ""
                                    : " <span class=small>(not restorable)</span>")
                            .append("</li>");
                }
                b.append("</ul><p class=small>Desired state from ").append(esc(str(w.get("source"))))
                        .append("</p></li>");
            }
            b.append("</ul>");
        }
        b.append("</section>");
        List<String> notScanned = strings(doc.get("notScanned"));
        List<String> problems = strings(doc.get("problems"));
        if (!notScanned.isEmpty() || !problems.isEmpty()) {
            b.append(section("drift-gaps", "Not scanned"));
            list(b, "not-scanned", "ul", notScanned);
            list(b, "drift-problems", "ul", problems);
            b.append("</section>");
        }
        return page("Drift", Optional.of("drift"), csrf, b.toString(), false);
    }

    /** {@code $1,234.50} from a plain decimal string; the text as given otherwise. */
    private static String money(Object amount, String currency) {
        if (amount == null) {
            return "-";
        }
        try {
            String n = String.format(Locale.ROOT, "%,.2f", new java.math.BigDecimal(str(amount)));
            return "USD".equals(currency) ? "$" + n : n + " " + currency;
        } catch (NumberFormatException e) {
            return str(amount);
        }
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? List.copyOf(l.stream().map(x -> (Object) x).filter(x -> x != null).toList())
                : List.of();
    }

    static String problem(int status, String title, String detail, boolean signedIn, String csrf) {
        return page(title, signedIn ? Optional.of("") : Optional.empty(), csrf, "<h1 id=problem>" + esc(title)
                + "</h1><p>" + esc(detail) + "</p><p class=small>HTTP " + status + "</p>", false);
    }

    private static String effect(int score) {
        if (score >= TrustPolicy.HIGH_TO_MEDIUM) {
            return "HIGH needs what MEDIUM needs; MEDIUM needs no signature";
        }
        if (score >= TrustPolicy.MEDIUM_TO_LOW) {
            return "MEDIUM needs no signature; HIGH " + (TrustPolicy.HIGH_TO_MEDIUM - score) + " more to go";
        }
        return "full quorum; " + (TrustPolicy.MEDIUM_TO_LOW - score) + " more until MEDIUM needs none";
    }

    /** The filters of the incident list as given (echoed into the form and the next page's link). */
    record Filters(String status, String since, String until) {
        String query() {
            StringBuilder q = new StringBuilder();
            add(q, "status", status);
            add(q, "since", since);
            add(q, "until", until);
            return q.toString();
        }

        private static void add(StringBuilder q, String name, String value) {
            if (!value.isEmpty()) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    private static String section(String id, String title) {
        return "<section id=" + id + " aria-labelledby=" + id + "-h><h2 id=" + id + "-h>" + esc(title) + "</h2>";
    }

    /** The alerts' names; {@code Incident <id>} when it has none. */
    private static String alertNames(String names, String id) {
        return names.isEmpty() ? "Incident " + id : names;
    }

    /** The approval's action, else the proposed one, else none with the diagnosis's reason. */
    private static String action(IncidentSummary item) {
        if (item.approval().isPresent()) {
            return item.approval().get().action().inWords();
        }
        return item.proposedAction().map(p -> p.inWords().orElse(p.id()))
                .orElseGet(() -> item.diagnosis().map(d -> "none (" + d.inWords() + ")").orElse("-"));
    }

    private static String approval(IncidentSummary item) {
        if (item.approval().isEmpty()) {
            return "-";
        }
        ApprovalView.Summary approval = item.approval().get();
        String s = approval.status() + " (" + approval.risk() + ")";
        Optional<ExecutionView.Summary> execution = item.execution();
        if (execution.isPresent() && !execution.get().status().equals(approval.status())) {
            s += ", " + execution.get().status();
        }
        if (execution.flatMap(ExecutionView.Summary::outcome).isPresent()) {
            s += ", " + execution.get().outcome().get();
        }
        return s;
    }

    /** {@code 2026-05-14 08:41 UTC (12 min ago)}. */
    private static String when(Instant at, Instant now) {
        return HumanTime.atAgo(at, now);
    }

    /** The same from an ISO instant in a stored report; the text as given otherwise. */
    private static String when(Object iso, Instant now) {
        if (iso == null) {
            return "-";
        }
        try {
            return HumanTime.atAgo(Instant.parse(str(iso)), now);
        } catch (DateTimeParseException e) {
            return str(iso);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(ConsolePages::str).toList() : List.of();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static void list(StringBuilder b, String id, String tag, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append('<').append(tag).append(" id=").append(id).append('>');
        items.forEach(i -> b.append("<li>").append(esc(i)).append("</li>"));
        b.append("</").append(tag).append('>');
    }

    /**
     * The page around a body: a skip link, the header with the navigation and the sign-out form (when
     * signed in: {@code nav} present), the main content.
     *
     * @param nav the current section ({@code incidents}, {@code approvals}, {@code trust}, {@code finops},
     *     {@code drift}); empty: signed out
     * @param csrf the session's CSRF token, posted with the sign-out
     */
    private static String page(String title, Optional<String> nav, String csrf, String body, boolean refresh) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=en><head><meta charset=utf-8>")
                .append("<meta name=viewport content=\"width=device-width, initial-scale=1\">");
        if (refresh) {
            h.append("<script src=\"").append(BASE).append("/poll.js\" defer></script>");
        }
        h.append("<title>").append(esc(title)).append(" - AWOOOI console</title><style>").append(CSS)
                .append("</style></head><body><a class=skip href=\"#main\">Skip to the content</a>")
                .append("<header class=top><p class=brand><a href=\"").append(BASE).append("\">AWOOOI console</a></p>");
        nav.ifPresent(current -> {
            h.append("<nav aria-label=Console><ul>");
            for (String[] item : new String[][] {{"incidents", "Incidents"}, {"approvals", "Pending approvals"},
                    {"trust", "Trust"}, {"finops", "FinOps"}, {"drift", "Drift"}}) {
                h.append("<li><a href=\"").append(BASE).append('/').append(item[0]).append('"')
                        .append(item[0].equals(current) ? " aria-current=page" : "").append('>').append(item[1])
                        .append("</a></li>");
            }
            h.append("</ul></nav><form method=post action=\"").append(BASE).append("/sign-out\" class=sign-out>")
                    .append("<input type=hidden name=csrf value=\"").append(esc(csrf)).append("\">")
                    .append("<button id=sign-out>Sign out</button></form>");
        });
        h.append("</header><main id=main tabindex=-1>").append(body).append("</main></body></html>");
        return h.toString();
    }

    /**
     * The console's one script: polls the page it is on and replaces {@code main}'s content when the
     * answer differs (a signed-out session answers the sign-in page: then it stops). Same origin only.
     */
    static final String POLL_SCRIPT = "(function(){'use strict';var every=" + REFRESH_SECONDS + "*1000;"
            + "function busy(m){var a=document.activeElement;return (a&&a!==m&&m.contains(a))"
            + "||!!m.querySelector('details[open]');}"
            + "function tick(){fetch(location.href,{credentials:'same-origin',redirect:'manual',"
            + "headers:{'accept':'text/html'}}).then(function(r){if(r.type==='opaqueredirect'||!r.ok){return null;}"
            + "return r.text();}).then(function(t){if(t===null){return;}var d=new DOMParser().parseFromString(t,"
            + "'text/html');var n=d.querySelector('main');var m=document.querySelector('main');"
            + "if(n&&m&&!busy(m)&&n.innerHTML!==m.innerHTML){m.innerHTML=n.innerHTML;}setTimeout(tick,every);})"
            + "['catch'](function(){setTimeout(tick,every);});}setTimeout(tick,every);})();";

    /** Contrast at least 4.5:1 for text; one column below 40rem, tables become stacked rows there. */
    private static final String CSS = "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}"
            + "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:72rem;"
            + "padding:0 1rem 2rem;color:#1f2328;background:#fff;line-height:1.45;overflow-wrap:anywhere;"
            + "word-break:break-word}"
            + "a{color:#0550ae}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:.2rem solid #0969da;"
            + "outline-offset:.1rem}"
            + ".skip{position:absolute;left:-999rem}.skip:focus{position:static;display:inline-block;padding:.3rem}"
            + ".top{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1rem;border-bottom:1px solid #d0d7de;"
            + "padding:.5rem 0;margin-bottom:.5rem}.brand{font-weight:700;margin:0}.brand a{color:#1f2328;"
            + "text-decoration:none}nav ul{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;margin:0;padding:0}"
            + "nav a[aria-current]{font-weight:700;color:#1f2328}.sign-out{margin:0 0 0 auto}"
            + "h1{font-size:1.4rem;line-height:1.25;margin:.6rem 0}h2{font-size:1.1rem;margin:1.3rem 0 .3rem}"
            + "h3{font-size:1rem;margin:.8rem 0 .2rem}h4{font-size:.95rem;margin:.5rem 0 .2rem}"
            + "ul,ol{padding-left:1.2rem;margin:.3rem 0}"
            + "code,pre{font-size:.85rem;background:#f6f8fa;word-break:break-all}code{white-space:pre-wrap;"
            + "padding:.05rem .2rem}pre{white-space:pre-wrap;padding:.5rem;}"
            + ".small{color:#57606a;font-size:.9rem}.status{font-weight:600}.bad{color:#a40e26}"
            + ".risk{padding:.05rem .45rem;border-radius:.3rem;color:#fff;background:#57606a;font-weight:600}"
            + ".risk-HIGH,.risk-CRITICAL{background:#a40e26}.risk-MEDIUM{background:#8a4600}.risk-LOW{background:#1a7f37}"
            + ".action{font-size:1.1rem;font-weight:600;margin:.2rem 0}"
            + ".warn{background:#fff8c5;border-left:.3rem solid #8a4600;padding:.2rem .8rem .6rem;margin:1rem 0}"
            + ".checklist{list-style:none;padding-left:0}.checklist .approved{color:#1a7f37}.checklist .rejected{color:#a40e26}"
            + ".notice{background:#ddf4ff;border-left:.3rem solid #0969da;padding:.5rem .8rem}"
            + ".notice.bad{background:#ffebe9;border-left-color:#a40e26;color:#1f2328}"
            + "label{display:block;font-size:.9rem;font-weight:600;margin:.4rem 0 .1rem}"
            + "input,select{font:inherit;padding:.4rem;border:1px solid #6e7781;border-radius:.3rem;width:100%;"
            + "max-width:24rem}button{font:inherit;padding:.45rem 1rem;border-radius:.35rem;border:1px solid #6e7781;"
            + "background:#f6f8fa;color:#1f2328;cursor:pointer}button.primary{background:#1a7f37;border-color:#1a7f37;"
            + "color:#fff;margin-top:.6rem}"
            + ".decide{border:1px solid #d0d7de;border-radius:.4rem;padding:.2rem .8rem .8rem;margin:.8rem 0}"
            + "button.reject{margin-top:.4rem;border-color:#a40e26;color:#a40e26;background:#fff}"
            + ".filters{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:flex-end;margin:.5rem 0 1rem}"
            + ".filters div{flex:1 1 12rem}.filters button{margin-top:.4rem}"
            + "table{border-collapse:collapse;width:100%}caption{text-align:left;color:#57606a;padding:.3rem 0}"
            + "th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #d0d7de}"
            + "#blast-graph{margin:.6rem 0;padding:.5rem;border:1px solid #d0d7de;border-radius:.4rem}"
            + "#blast-graph figcaption{font-size:.9rem;color:#57606a}.layers,.nodes{list-style:none;padding:0;margin:0}"
            + ".layers>li{margin:.3rem 0;text-align:center}.layer-name{display:block;font-size:.85rem;color:#57606a}"
            + ".arrow{display:block;font-size:.85rem;color:#57606a}.nodes{display:flex;flex-wrap:wrap;gap:.3rem;"
            + "justify-content:center}.node{border:1px solid #6e7781;border-radius:1rem;padding:.1rem .6rem;"
            + "background:#f6f8fa}.node.target{background:#fff8c5;border-color:#8a4600}.node.cause{background:#ffebe9;"
            + "border-color:#a40e26;font-weight:600}"
            + ".cards{list-style:none;padding:0}.cards>li{border:1px solid #d0d7de;border-radius:.4rem;"
            + "padding:.2rem .8rem .6rem;margin:.6rem 0}.cards h2{margin-top:.4rem}"
            + "@media (max-width:40rem){table.stack thead{position:absolute;left:-999rem}table.stack,table.stack tbody,"
            + "table.stack tr,table.stack td,table.stack caption{display:block;width:100%}table.stack tr{border:1px solid #d0d7de;"
            + "border-radius:.4rem;margin:.5rem 0;padding:.2rem .4rem}table.stack td{border:0;padding:.15rem 0}"
            + "table.stack td::before{content:attr(data-label) \": \";font-weight:600}}";
}
