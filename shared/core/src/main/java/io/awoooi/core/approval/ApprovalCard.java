package io.awoooi.core.approval;

import io.awoooi.core.HumanTime;
import io.awoooi.core.action.ActionWords;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The approval card: everything an approver reads before deciding, in words, the same on the
 * approval page, in email, on Slack, Discord and Telegram and in the generic webhook. Pure: built
 * from the request (with its {@link IncidentBrief}), its signatures, the approvers and the time,
 * all pseudonymized. Renderers choose the layout; the words are decided here.
 *
 * @param status the request's status as of {@code now}
 * @param headline what is wrong: the alert's summary ({@code frontend 5xx rate > 15%})
 * @param severity the alert's severity label, empty when unknown
 * @param since {@code 2024-05-14 08:41 UTC (12 min ago)}, empty when unknown
 * @param moreAlerts how many other alerts fire in the same incident
 * @param diagnosis the diagnosis in plain words, when the analysis made one (else its narrative)
 * @param diagnosisKind its class in words ({@code a crash loop})
 * @param evidence the facts behind the diagnosis
 * @param rootCauses best first ({@code shop/postgres-db (database): 0/1 ready})
 * @param blastRadius by name ({@code 2 services depend on it: frontend and ingress in shop}); empty when unknown
 * @param action the action in words ({@code Restart pod postgres-db-0 in shop})
 * @param actionBrief the short form for a subject ({@code restart pod postgres-db-0})
 * @param actionCall the catalog form ({@code restart_pod(namespace=shop, pod=postgres-db-0)})
 * @param risk the assessed risk (after raises; what the quorum follows)
 * @param baseRisk the catalog's risk of the action
 * @param riskStory base and raises as one sentence
 * @param riskReasons each raise (and a required human signature) in words
 * @param warnings the dry-run checks that failed and that the approvers accept by signing
 * @param dryRun the dry-run in one line ({@code 4 of 5 checks passed})
 * @param needs what the quorum needs ({@code 2 approvals from admin, devops or sre})
 * @param checklist who was asked and who signed
 * @param stillNeeded what is still missing while pending ({@code 1 more approval from ...}), else empty
 * @param expiry {@code 2024-05-14 09:11 UTC (in 30 min)} while pending, else empty
 * @param outcome why the request is where it is once it is not pending ({@code quorum met: ...})
 * @param references the runbook and the alert's source
 * @param source who chose the action ({@code Chosen by the rules: ...}, {@code Proposed by the model ...})
 */
public record ApprovalCard(String requestId, String incidentId, ApprovalStatus status, String headline,
        String severity, String since, int moreAlerts, Optional<String> diagnosis, String diagnosisKind,
        List<String> evidence, Optional<String> humanStep, List<String> rootCauses, String blastRadius,
        String action, String actionBrief, String actionCall, RiskLevel risk, RiskLevel baseRisk, String riskStory,
        List<String> riskReasons, List<String> warnings, String dryRun, String needs, List<Signer> checklist,
        String stillNeeded, String expiry, Optional<String> outcome, List<Link> references, String source) {

    /** How a name on the checklist stands. */
    public enum Mark {
        APPROVED("[x]"),
        REJECTED("[-]"),
        WAITING("[ ]");

        private final String box;

        Mark(String box) {
            this.box = box;
        }

        public String box() {
            return box;
        }
    }

    /** One line of the quorum checklist: {@code [x] alice (devops) approved at 08:45 UTC}. */
    public record Signer(String approverId, String role, Mark mark, Optional<Instant> at) {
        public Signer {
            Objects.requireNonNull(approverId, "approverId");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(mark, "mark");
            Objects.requireNonNull(at, "at");
        }

        public String line() {
            String who = mark.box() + " " + approverId + (role.isEmpty() ? "" : " (" + role + ")");
            return switch (mark) {
                case APPROVED -> who + at.map(t -> " approved at " + HumanTime.clock(t)).orElse(" approved");
                case REJECTED -> who + at.map(t -> " rejected at " + HumanTime.clock(t)).orElse(" rejected");
                case WAITING -> who;
            };
        }
    }

    public ApprovalCard {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(diagnosisKind, "diagnosisKind");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(humanStep, "humanStep");
        rootCauses = List.copyOf(rootCauses);
        Objects.requireNonNull(blastRadius, "blastRadius");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actionBrief, "actionBrief");
        Objects.requireNonNull(actionCall, "actionCall");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(baseRisk, "baseRisk");
        Objects.requireNonNull(riskStory, "riskStory");
        riskReasons = List.copyOf(riskReasons);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(dryRun, "dryRun");
        Objects.requireNonNull(needs, "needs");
        checklist = List.copyOf(checklist);
        Objects.requireNonNull(stillNeeded, "stillNeeded");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(outcome, "outcome");
        references = List.copyOf(references);
        Objects.requireNonNull(source, "source");
    }

    // ------------------------------------------------------------------ building

    /**
     * The card of a request as of {@code now}.
     *
     * @param signatures the request's signatures, oldest first
     * @param directory the approvers (for the roles of those asked); someone no longer in it keeps
     *     the role their signature counted as
     */
    public static ApprovalCard of(ApprovalRequest r, List<Signature> signatures, ApproverDirectory directory,
            Instant now) {
        IncidentBrief b = r.brief();
        AlertFacts alert = b.alert();
        ApprovalStatus status = r.statusAt(now);
        String headline = alert.known() ? alert.headline() : "Incident " + r.incidentId();
        Optional<IncidentBrief.DiagnosisBrief> d = b.diagnosis();
        List<Link> references = new ArrayList<>();
        alert.runbookUrl().ifPresent(u -> references.add(new Link("Runbook", u)));
        alert.generatorUrl().ifPresent(u -> references.add(new Link("Alert source", u)));
        return new ApprovalCard(r.id(), r.incidentId(), status, headline, alert.severity(),
                alert.since().map(t -> HumanTime.atAgo(t, now)).orElse(""), Math.max(0, alert.alerts() - 1),
                d.map(IncidentBrief.DiagnosisBrief::summary)
                        .or(() -> Optional.of(b.narrative()).filter(n -> !n.isEmpty())),
                d.map(IncidentBrief.DiagnosisBrief::inWords).orElse(""),
                d.map(IncidentBrief.DiagnosisBrief::evidence).orElse(List.of()),
                d.flatMap(IncidentBrief.DiagnosisBrief::humanStep), b.rootCauses(), blastRadius(b),
                ActionWords.sentence(r.action()), ActionWords.brief(r.action()), r.action().toString(),
                r.risk().level(), r.risk().base(), riskStory(r), riskReasons(r.risk()), warnings(r.dryRun()),
                dryRunLine(r.dryRun()), needs(r.quorum()), checklist(r, signatures, directory),
                status == ApprovalStatus.PENDING ? stillNeeded(r.quorum(), signatures) : "",
                status == ApprovalStatus.PENDING ? HumanTime.atIn(r.expiresAt(), now) : "",
                status == ApprovalStatus.PENDING ? Optional.empty() : Optional.of(outcome(r, status)),
                references, source(b));
    }

    static String blastRadius(IncidentBrief b) {
        if (!b.alert().known() && b.diagnosis().isEmpty() && b.rootCauses().isEmpty()) {
            return ""; // a request without a brief: nothing is known, say nothing
        }
        int n = b.blastRadiusTotal();
        if (n == 0) {
            return "no other service depends on it";
        }
        return n + (n == 1 ? " service depends on it: " : " services depend on it: ") + b.blastRadiusInWords();
    }

    /** {@code HIGH: restart pod is LOW in the catalog, raised to HIGH by 2 facts below}. */
    static String riskStory(ApprovalRequest r) {
        RiskAssessment risk = r.risk();
        String base = ActionWords.typeWords(r.action().type()) + " is " + risk.base() + " in the catalog";
        int raises = (int) risk.reasons().stream().filter(reason -> reason.startsWith("raised: ")).count();
        if (risk.level() == risk.base()) {
            return risk.level() + ": " + base + (raises > 0 ? "; raises stop at HIGH" : "; nothing raised it");
        }
        int levels = risk.level().ordinal() - risk.base().ordinal();
        return risk.level() + ": " + base + ", raised " + levels + (levels == 1 ? " level" : " levels")
                + " because of " + (raises == 1 ? "the fact below" : "the " + raises + " facts below")
                + (raises > levels ? " (raises stop at HIGH)" : "");
    }

    /** The raises in words ("raised: " taken off), then why a human signs, when one must. */
    static List<String> riskReasons(RiskAssessment risk) {
        List<String> out = new ArrayList<>();
        for (String reason : risk.reasons()) {
            if (reason.startsWith("raised: ")) {
                out.add(reason.substring("raised: ".length()));
            } else if (reason.startsWith("a human signs: ")) {
                out.add("a person signs whatever the risk: " + reason.substring("a human signs: ".length()));
            }
        }
        return out;
    }

    static List<String> warnings(DryRunReport dryRun) {
        return dryRun.failures().stream().map(c -> checkName(c.name()) + ": " + c.reason()).toList();
    }

    static String dryRunLine(DryRunReport dryRun) {
        int all = dryRun.checks().size();
        int passed = all - dryRun.failures().size();
        if (all == 0) {
            return "no dry-run checks";
        }
        return passed == all ? "every dry-run check passed (" + String.join(", ", dryRun.checks().stream()
                .map(c -> checkName(c.name())).toList()) + ")"
                : passed + " of " + all + " dry-run checks passed";
    }

    /** A dry-run check's name in words. */
    static String checkName(String name) {
        return switch (name) {
            case "rbac" -> "permissions";
            case "exists" -> "target exists";
            case "pdb" -> "disruption budget";
            case "blast_radius" -> "blast radius";
            default -> name.replace('_', ' ');
        };
    }

    /** {@code 2 approvals from admin, devops or sre}; {@code the CTO and the CISO}; {@code no signature}. */
    public static String needs(Quorum q) {
        if (q.automatic()) {
            return "no signature";
        }
        if (!q.mustInclude().isEmpty() && q.mustInclude().size() == q.count()) {
            return IncidentBrief.list(q.mustInclude().stream().map(ApprovalCard::roleTitle).toList());
        }
        String roles = or(q.eligible().stream().map(Role::wireName).toList());
        String must = q.mustInclude().isEmpty() ? ""
                : ", including " + IncidentBrief.list(q.mustInclude().stream().map(ApprovalCard::roleTitle).toList());
        return q.count() + (q.count() == 1 ? " approval" : " approvals") + " from " + roles + must;
    }

    /** {@code needs 2 approvals}; {@code needs the CTO and the CISO}. */
    static String needsShort(Quorum q) {
        if (q.automatic()) {
            return "runs without a signature";
        }
        if (!q.mustInclude().isEmpty() && q.mustInclude().size() == q.count()) {
            return "needs " + IncidentBrief.list(q.mustInclude().stream().map(ApprovalCard::roleTitle).toList());
        }
        return "needs " + q.count() + (q.count() == 1 ? " approval" : " approvals");
    }

    static String roleTitle(Role role) {
        return switch (role) {
            case CTO -> "the CTO";
            case CISO -> "the CISO";
            default -> "an " + role.wireName();
        };
    }

    private static String or(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** Those asked, in the order asked, then anyone else who signed; each with their mark. */
    static List<Signer> checklist(ApprovalRequest r, List<Signature> signatures, ApproverDirectory directory) {
        Map<String, Signature> byApprover = new LinkedHashMap<>();
        signatures.forEach(s -> byApprover.putIfAbsent(s.approverId(), s));
        List<String> ids = new ArrayList<>(r.notified());
        byApprover.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        List<Signer> out = new ArrayList<>();
        for (String id : ids) {
            Signature s = byApprover.get(id);
            String role = s != null ? s.role().wireName()
                    : directory.find(id).filter(r.quorum()::canSign).map(a -> r.quorum().roleFor(a).wireName())
                            .orElse("");
            Mark mark = s == null ? Mark.WAITING : s.decision() == Decision.APPROVE ? Mark.APPROVED : Mark.REJECTED;
            out.add(new Signer(id, role, mark, s == null ? Optional.empty() : Optional.of(s.at())));
        }
        return out;
    }

    /** {@code 1 more approval from admin, devops or sre}; {@code the CISO's approval}; empty when met. */
    static String stillNeeded(Quorum q, List<Signature> signatures) {
        if (q.automatic() || q.metBy(signatures)) {
            return "";
        }
        Set<String> approvers = new HashSet<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Signature s : signatures) {
            if (s.decision() == Decision.APPROVE && q.eligible().contains(s.role()) && approvers.add(s.approverId())) {
                roles.add(s.role());
            }
        }
        List<Role> missingRoles = q.mustInclude().stream().filter(role -> !roles.contains(role)).toList();
        int missing = Math.max(q.count() - approvers.size(), missingRoles.size());
        if (!missingRoles.isEmpty() && missing == missingRoles.size()) {
            return IncidentBrief.list(missingRoles.stream().map(ApprovalCard::roleTitle).toList())
                    + (missingRoles.size() == 1 ? "'s approval" : "'s approvals");
        }
        return missing + " more " + (missing == 1 ? "approval" : "approvals") + " from "
                + or(q.eligible().stream().map(Role::wireName).toList());
    }

    static String outcome(ApprovalRequest r, ApprovalStatus status) {
        String what = switch (status) {
            case APPROVED -> "Approved, on its way to the executor";
            case EXECUTED -> "Executed";
            case FAILED -> "Failed";
            case VOIDED -> "Voided: nothing was done";
            case REJECTED -> "Rejected: nothing will be done";
            case EXPIRED -> "Expired: nobody decided in time, nothing will be done";
            case CANCELLED -> "Cancelled: no decision is needed any more";
            case PENDING -> "Waiting for signatures";
        };
        return what + r.reason().filter(reason -> status != ApprovalStatus.EXPIRED).map(reason -> " (" + reason + ")")
                .orElse("");
    }

    /** How the source of an outside agent's proposal begins. */
    static final String AGENT_PROPOSAL = "Proposed by agent ";

    static String source(IncidentBrief b) {
        if (b.proposingAgent().isPresent()) {
            return AGENT_PROPOSAL + b.proposingAgent().get()
                    + " (outside AWOOOI, over MCP): checked by the catalog and the dry-run, a person signs";
        }
        if (b.proposalSource().equals("llm")) {
            return "Proposed by the model" + (b.narrator().isEmpty() || b.narrator().equals("deterministic") ? ""
                    : " (" + b.narrator() + ")") + " among the fixes the evidence supports";
        }
        if (b.proposalSource().equals("deterministic")) {
            return b.diagnosis().flatMap(IncidentBrief.DiagnosisBrief::ruleInWords)
                    .map(rule -> "Chosen by the rules: " + rule).orElse("Chosen by the rules");
        }
        if (b.proposalSource().equals("finops")) {
            // a FinOps recommendation (issue #14): its "rule" is the scan that priced it
            return b.diagnosis().flatMap(IncidentBrief.DiagnosisBrief::ruleInWords)
                    .map(scan -> "Recommended by the " + scan).orElse("Recommended by the FinOps scan");
        }
        return "";
    }

    // ------------------------------------------------------------------ words for every renderer

    /** {@code [AWOOOI] HIGH: frontend 5xx rate > 15% — restart pod postgres-db-0 needs 2 approvals}. */
    public String subject(Quorum quorum) {
        return "[AWOOOI] " + risk + ": " + headline + " — " + actionBrief
                + proposingAgent().map(agent -> " (proposed by agent " + agent + ")").orElse("") + " "
                + needsShort(quorum);
    }

    /** The outside agent that proposed the action, when one did (the source says so). */
    public Optional<String> proposingAgent() {
        if (!source.startsWith(AGENT_PROPOSAL)) {
            return Optional.empty();
        }
        String rest = source.substring(AGENT_PROPOSAL.length());
        int end = rest.indexOf(' ');
        return Optional.of(end < 0 ? rest : rest.substring(0, end));
    }

    /** The severity and the time as one line: {@code critical, since 2024-05-14 08:41 UTC (12 min ago)}. */
    public String firing() {
        List<String> parts = new ArrayList<>();
        if (!severity.isEmpty()) {
            parts.add(severity);
        }
        if (!since.isEmpty()) {
            parts.add("since " + since);
        }
        if (moreAlerts > 0) {
            parts.add("and " + moreAlerts + (moreAlerts == 1 ? " more alert" : " more alerts"));
        }
        return String.join(", ", parts);
    }

    /** The approvers' checklist as lines. */
    public List<String> checklistLines() {
        return checklist.stream().map(Signer::line).toList();
    }

    /** The diagnosis section's lines: the summary, then its evidence, then a human's step when there is one. */
    public List<String> diagnosisLines() {
        List<String> out = new ArrayList<>();
        diagnosis.ifPresent(out::add);
        evidence.forEach(e -> out.add("evidence: " + e));
        humanStep.ifPresent(h -> out.add("a person should: " + h));
        return out;
    }

    public Card.Tone tone() {
        return switch (risk) {
            case HIGH, CRITICAL -> Card.Tone.DANGER;
            case MEDIUM -> Card.Tone.WARNING;
            case LOW -> Card.Tone.GOOD;
        };
    }

    /**
     * The card for a notification: the dry-run warnings first (they are what the approver accepts
     * by signing), then what is wrong, the action and its risk, the checklist; the buttons while a
     * link is given ({@code Approve & execute} opens the page at its approve button, {@code Reject}
     * at the reject form, where one more click decides: a link opened by a mail scanner changes nothing).
     *
     * @param link the approver's signed link, empty for a card that only informs
     */
    public Card toCard(Optional<String> link, Instant at) {
        List<Card.Fact> facts = new ArrayList<>();
        if (!severity.isEmpty()) {
            facts.add(new Card.Fact("Severity", severity));
        }
        if (!since.isEmpty()) {
            facts.add(new Card.Fact("Since", since));
        }
        facts.add(new Card.Fact("Risk", risk == baseRisk ? risk.name() : risk + " (catalog: " + baseRisk + ")"));
        facts.add(new Card.Fact("Needs", needs));
        if (!expiry.isEmpty()) {
            facts.add(new Card.Fact("Expires", expiry));
        }
        List<Card.Section> sections = new ArrayList<>();
        sections.add(Card.Section.warning("Dry-run warnings: signing accepts them", warnings));
        sections.add(Card.Section.of(diagnosisKind.isEmpty() ? "Diagnosis" : "Diagnosis: " + diagnosisKind,
                diagnosisLines()));
        sections.add(Card.Section.of(rootCauses.size() == 1 ? "Root cause" : "Root causes", rootCauses));
        sections.add(Card.Section.of("Blast radius", blastRadius.isEmpty() ? List.of() : List.of(blastRadius)));
        List<String> actionLines = new ArrayList<>(List.of(action, actionCall, dryRun));
        sections.add(Card.Section.of("Action", actionLines));
        List<String> riskLines = new ArrayList<>(List.of(riskStory));
        riskLines.addAll(riskReasons);
        sections.add(Card.Section.of("Risk " + risk, riskLines));
        List<String> quorum = new ArrayList<>(checklistLines());
        if (!stillNeeded.isEmpty()) {
            quorum.add("still needed: " + stillNeeded);
        }
        outcome.ifPresent(quorum::add);
        sections.add(Card.Section.of("Approvals", quorum));
        List<Card.Button> buttons = link.filter(l -> status == ApprovalStatus.PENDING)
                .map(l -> List.of(new Card.Button("Approve & execute", l, Card.Style.PRIMARY),
                        new Card.Button("Reject", l + "#reject", Card.Style.DANGER)))
                .orElse(List.of());
        String footer = String.join(" · ", java.util.stream.Stream.of(source,
                "incident " + incidentId, link.isPresent() ? "your link works once" : "")
                .filter(s -> !s.isEmpty()).toList());
        return new Card(tone(), headline, facts, sections, buttons, references, footer, at);
    }

    /** Lower case {@code approved}, {@code voided}. */
    static String word(ApprovalStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
