package io.awoooi.core.approval;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.PodName;
import io.awoooi.core.topology.RootCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: turns an analysis's proposed action into an approval request. The action is dry-run
 * (plus the blast radius check), given its risk, its quorum after trust, and stored PENDING with
 * an expiry; then either every approver who can sign gets their own signed link, or (quorum of
 * none: LOW risk, or MEDIUM with enough trust) it is approved by policy, sent to the executor and
 * the operators get an FYI. A proposal the model chose, or one whose evidence is not unambiguous
 * ({@link Analysis#humanRequired()}), never goes without a signature: its quorum is at least one
 * operator. A dry-run check that cannot be overridden means no request at all.
 *
 * <p>Idempotent per incident (the request id derives from the incident id): a repeated analysis
 * finds its request, finishes what a crash may have left undone (links not sent, an approved
 * request not dispatched) and sends nothing twice.
 */
public final class RequestApproval {
    private static final Set<Role> OPERATORS = Set.of(Role.ADMIN, Role.DEVOPS, Role.SRE);

    private final ApprovalDesk desk;
    private final DryRunner dryRunner;
    private final RiskPolicy riskPolicy;
    private final Duration ttl;

    private io.awoooi.core.shield.NameLabels names = io.awoooi.core.shield.NameLabels.plain();

    /**
     * With Kubernetes names labelled: the risk is assessed on the real names the labels stand for
     * (a production namespace, the stateful root cause) and the trust pattern names its target by a
     * stable pseudonym ({@link ActionPattern#pseudonymous}), since labels are numbered per incident.
     */
    public RequestApproval withNames(io.awoooi.core.shield.NameLabels labelled) {
        this.names = Objects.requireNonNull(labelled, "labelled");
        return this;
    }

    public RequestApproval(ApprovalDesk desk, DryRunner dryRunner, RiskPolicy riskPolicy, Duration ttl) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.dryRunner = Objects.requireNonNull(dryRunner, "dryRunner");
        this.riskPolicy = Objects.requireNonNull(riskPolicy, "riskPolicy");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    /** What came of an analysis. */
    public sealed interface Outcome {
        /** The analysis proposed nothing. */
        record NoProposal() implements Outcome {
        }

        /** A dry-run check that nobody may override failed: nobody is asked. */
        record Blocked(DryRunReport dryRun) implements Outcome {
        }

        /** Links went out (or the request was approved by policy: {@code request.status()} says). */
        record Requested(ApprovalRequest request) implements Outcome {
        }

        /** The incident already had its request; nothing new was sent. */
        record Existing(ApprovalRequest request) implements Outcome {
        }
    }

    /** {@link #request(Analysis, AlertFacts)} without the alerts' facts (the card's headline is the incident id). */
    public Outcome request(Analysis analysis) {
        return request(analysis, AlertFacts.unknown());
    }

    /**
     * @param alerts the facts of the incident's alerts (headline, severity, since, links) for the card
     */
    public Outcome request(Analysis analysis, AlertFacts alerts) {
        Optional<ProposedAction> proposal = analysis.proposedAction();
        IncidentBrief brief = IncidentBrief.of(analysis, alerts);
        if (proposal.isEmpty()) {
            tellOperatorsOnce(analysis, brief, Optional.empty());
            return new Outcome.NoProposal();
        }
        String id = ApprovalRequest.idFor(analysis.incidentId());
        Optional<ApprovalRequest> existing = desk.store().find(id);
        if (existing.isPresent()) {
            return new Outcome.Existing(finishInterrupted(existing.get(), analysis));
        }
        Instant started = desk.clock().instant();
        ProposedAction action = proposal.get();
        DryRunReport dryRun = dryRunner.dryRun(action)
                .with(riskPolicy.blastRadiusCheck(analysis.findings().blastRadius().size()));
        String analyzedOp = Operation.idFor(analysis.notificationKey(), "analyzed");
        if (dryRun.blocked()) {
            OperationLogEntries.blocked(desk, analysis, action, dryRun, analyzedOp, started);
            tellOperatorsOnce(analysis, brief, Optional.of(dryRun.failures().stream().filter(c -> !c.overridable())
                    .map(c -> c.name() + ": " + c.reason()).collect(java.util.stream.Collectors.joining("; "))));
            return new Outcome.Blocked(dryRun);
        }
        ProposedAction real = names.unmask(action);
        List<RootCause> realRootCauses = analysis.findings().rootCauses().stream()
                .map(rc -> new RootCause(new io.awoooi.core.topology.ServiceId(names.unmask(rc.service().namespace()),
                        names.unmask(rc.service().name())), rc.kind(), rc.depth(), rc.evidence()))
                .toList();
        RiskAssessment risk = riskPolicy.assess(real, targetKind(real, realRootCauses), dryRun);
        ActionPattern pattern = names.labelling() ? ActionPattern.pseudonymous(real, names::pseudonym)
                : ActionPattern.of(action);
        int trust = desk.ledger().trustOf(pattern);
        Quorum quorum = TrustPolicy.quorumFor(risk.level(), trust);
        Optional<String> humanRequired = analysis.humanRequired();
        if (quorum.automatic() && humanRequired.isPresent()) {
            // neither a low risk nor earned trust lets a model's choice, or a fix the evidence does not
            // fully explain, run on its own: one operator signs
            quorum = Quorum.forLevel(RiskLevel.MEDIUM);
            List<String> reasons = new ArrayList<>(risk.reasons());
            reasons.add("a human signs: " + humanRequired.get());
            risk = new RiskAssessment(risk.base(), risk.level(), reasons);
        }
        Instant now = desk.clock().instant();
        ApprovalRequest request = new ApprovalRequest(id, analysis.incidentId(), analysis.notificationKey(), action,
                ApprovalRequest.hashOf(action), pattern, risk, trust, quorum, dryRun, ApprovalStatus.PENDING,
                List.of(), false, Optional.empty(), now, now.plus(ttl), now, brief);
        if (!desk.store().create(request)) {
            return new Outcome.Existing(desk.store().find(id).orElse(request));
        }
        desk.log(request, "requested", "approval_requested", "analysis",
                Map.of("action", action.type().id(), "pattern", pattern.value()),
                Map.of("request", id, "risk", risk.level().name(), "quorum", quorum.level().name(),
                        "signaturesNeeded", String.valueOf(quorum.count()), "trust", String.valueOf(trust),
                        "dryRun", dryRun.passed() ? "passed" : dryRun.failures().size() + " failed"),
                Optional.of(analyzedOp), started);
        return new Outcome.Requested(quorum.automatic() ? approveByPolicy(request) : sendLinks(request));
    }

    /** A crash after the request was stored may have left links unsent or an approval undispatched. */
    private ApprovalRequest finishInterrupted(ApprovalRequest request, Analysis analysis) {
        if (request.status() == ApprovalStatus.PENDING && !request.quorum().automatic() && request.notified().isEmpty()
                && desk.clock().instant().isBefore(request.expiresAt())) {
            return sendLinks(request);
        }
        if (request.status() == ApprovalStatus.PENDING && request.quorum().automatic()) {
            return approveByPolicy(request);
        }
        if (request.status() == ApprovalStatus.APPROVED && !request.dispatched()) {
            desk.dispatch(request);
            return request.withDispatched();
        }
        return request;
    }

    private ApprovalRequest sendLinks(ApprovalRequest request) {
        return sendLinks(desk, request);
    }

    /** One signed link per approver who can sign; the card names everyone asked. */
    static ApprovalRequest sendLinks(ApprovalDesk desk, ApprovalRequest request) {
        List<Approver> asked = desk.directory().withAnyRole(request.quorum().eligible());
        List<String> ids = asked.stream().map(Approver::id).toList();
        // the card's checklist names everyone asked, so each of them sees who else can sign
        ApprovalCard card = ApprovalCard.of(request.withNotified(ids), List.of(), desk.directory(),
                desk.clock().instant());
        for (Approver approver : asked) {
            Notification n = ApprovalMessages.requested(request, card, desk.linkFor(request, approver.id()),
                    desk.clock().instant());
            desk.tell(request, List.of(approver), n, desk.publicBaseUrl().map(java.net.URI::toString));
        }
        desk.store().markNotified(request.id(), ids);
        return request.withNotified(ids);
    }

    /**
     * A diagnosis without a fix to run (none the evidence supports, or one the dry-run blocked) goes
     * to the on-call operators with what a person should do: once per incident and kind of
     * diagnosis (the operation log remembers it), however often the incident is analyzed again.
     */
    private void tellOperatorsOnce(Analysis analysis, IncidentBrief brief, Optional<String> blocked) {
        if (analysis.diagnosis().isEmpty() && blocked.isEmpty()) {
            return; // an analysis made without the diagnosis has nothing a person could act on
        }
        String kind = analysis.diagnosis().map(d -> d.kind().name()).orElse("NONE");
        String opId = Operation.idFor("incident/" + analysis.incidentId(), "needs_a_person/" + kind);
        try {
            if (desk.operations().trail(analysis.incidentId()).stream().anyMatch(op -> op.opId().equals(opId))) {
                return;
            }
        } catch (RuntimeException e) {
            // the trail cannot be read: better told twice than never
        }
        Instant now = desk.clock().instant();
        List<Approver> operators = desk.directory().withAnyRole(ApproverNotices.OPERATORS);
        desk.notifyAll(operators, ApprovalMessages.needsAPerson(analysis.incidentId(), brief, blocked, now));
        io.awoooi.core.audit.OperationLog.appendQuietly(desk.operations(), new Operation(opId, analysis.incidentId(),
                "needs_a_person", "analysis", Map.of("diagnosis", kind),
                Map.of("notified", String.valueOf(operators.size()), "blocked", String.valueOf(blocked.isPresent())),
                0, Optional.of(Operation.idFor(analysis.notificationKey(), "analyzed")), now));
    }

    private ApprovalRequest approveByPolicy(ApprovalRequest request) {
        Instant started = desk.clock().instant();
        String why = request.risk().level() == request.quorum().level()
                ? request.risk().level() + " risk needs no signature"
                : "trust " + request.trust() + " in " + request.pattern() + " lowers " + request.risk().level()
                        + " to no signature";
        ApprovalRequest approved = request;
        if (desk.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.of(why),
                started)) {
            approved = request.withStatus(ApprovalStatus.APPROVED, Optional.of(why), started);
            desk.log(approved, "approved", "approved", "policy", Map.of("request", request.id()),
                    Map.of("reason", why), Optional.of(ApprovalDesk.opIdFor(request, "requested")), started);
            desk.tell(approved, desk.directory().withAnyRole(OPERATORS), ApprovalMessages.autoApproved(approved,
                    desk.cardOf(approved), why, started));
        } else {
            approved = desk.store().find(request.id()).orElse(request);
            if (approved.status() != ApprovalStatus.APPROVED) {
                return approved;
            }
        }
        if (!approved.dispatched()) {
            desk.dispatch(approved);
            approved = approved.withDispatched();
        }
        return approved;
    }

    /** The kind of component the action touches, from the root causes (the graph knows them). */
    static ComponentKind targetKind(ProposedAction action, List<RootCause> rootCauses) {
        Optional<String> ns = action.param("namespace");
        Optional<String> workload = action.param("workload").or(() -> action.param("deployment"));
        Optional<String> pod = action.param("pod");
        for (RootCause rc : rootCauses) {
            if (ns.isEmpty() || !rc.service().namespace().equals(ns.get())) {
                continue;
            }
            String name = rc.service().name();
            if (workload.filter(name::equals).isPresent()
                    || pod.filter(p -> new PodName(p).ownerCandidates().contains(name)).isPresent()) {
                return rc.kind();
            }
        }
        return ComponentKind.OTHER;
    }
}
