package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.NOW;
import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static io.awoooi.core.approval.ApprovalFixture.restartPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.Hashing;
import io.awoooi.core.action.ActionProposal;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposalRule;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.diagnosis.Diagnosis;
import io.awoooi.core.diagnosis.DiagnosisKind;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The approval card: one content model whose words every renderer shows. A restart of a crash-looping
 * database pod, raised twice (a stateful component, a large blast radius) to HIGH.
 */
class ApprovalCardTest {
    private static final String INCIDENT = incidentId(7);
    private static final ProposedAction RESTART = restartPod("postgres-db-0");

    private final ApprovalFixture f = new ApprovalFixture();

    static List<RedactedAlert> alerts() {
        return List.of(
                new RedactedAlert("fp-warning", NOW.minus(Duration.ofMinutes(5)), AlertStatus.FIRING, Optional.empty(),
                        Map.of("alertname", "HighErrorRate", "severity", "warning"),
                        Map.of("summary", "order-api answers 12% with 5xx"), "http://prometheus:9090/graph?g0=b"),
                new RedactedAlert("fp-critical", NOW.minus(Duration.ofMinutes(12)), AlertStatus.FIRING,
                        Optional.empty(), Map.of("alertname", "FrontendErrors", "severity", "critical"),
                        Map.of("summary", "frontend 5xx rate > 15%", "runbook_url", "https://runbooks.example/5xx"),
                        "http://prometheus:9090/graph?g0.expr=rate"));
    }

    static Analysis analysis() {
        Diagnosis d = new Diagnosis(DiagnosisKind.CRASH_LOOP, Optional.of(new ServiceId("shop", "postgres-db")),
                "postgres-db: postgres-db-0 crash-loops (restarted 4 times, last 2 min ago)",
                List.of("postgres-db-0: CrashLoopBackOff", "no rollout in the last hour"),
                Optional.of(new ActionProposal(RESTART, ProposalRule.RESTART_FAILING_POD)), List.of(RESTART), true,
                Optional.empty());
        List<Impact> radius = List.of(new Impact(new ServiceId("shop", "order-api"), 1),
                new Impact(new ServiceId("shop", "frontend"), 2), new Impact(new ServiceId("shop", "ingress"), 3),
                new Impact(new ServiceId("shop", "checkout"), 3), new Impact(new ServiceId("edge", "gateway"), 4));
        GraphFindings findings = new GraphFindings(List.of(new ServiceId("shop", "frontend")),
                List.of(new RootCause(new ServiceId("shop", "postgres-db"), ComponentKind.DATABASE, 2,
                        List.of("0/1 ready"))),
                radius);
        return new Analysis(INCIDENT, Hashing.sha256Hex("notification/" + INCIDENT), findings,
                "postgres-db is down; frontend fails", List.of(), "deterministic", Optional.of(RESTART),
                "deterministic", false, NOW, true, Optional.of(d));
    }

    private ApprovalRequest requested() {
        RequestApproval.Outcome outcome = f.requestApproval(StaticDryRunner.passing())
                .request(analysis(), AlertFacts.of(alerts(), Map.of()));
        return ((RequestApproval.Outcome.Requested) outcome).request();
    }

    @Test
    void of_requestWithItsBrief_everyPartInWords() {
        // GIVEN the request as the analysis made it, and alice's approval a minute later
        ApprovalRequest r = requested();
        f.clock.set(NOW.plus(Duration.ofMinutes(1)));
        f.decideApproval().decide(r.id(), f.tokenSentTo("alice"), Decision.APPROVE);
        f.clock.set(NOW.plus(Duration.ofMinutes(2)));

        // WHEN bob's card is built
        ApprovalCard card = f.desk().cardOf(f.stored(r.id()));

        // THEN the headline is the worst alert's summary, with its severity and since when (minutes, UTC)
        assertThat(card.headline()).isEqualTo("frontend 5xx rate > 15%");
        assertThat(card.severity()).isEqualTo("critical");
        assertThat(card.since()).isEqualTo("2026-11-25 02:48 UTC (14 min ago)");
        assertThat(card.firing()).isEqualTo("critical, since 2026-11-25 02:48 UTC (14 min ago), and 1 more alert");
        // the diagnosis in plain words with its evidence, the root cause, the blast radius by name
        assertThat(card.diagnosisKind()).isEqualTo("a crash loop");
        assertThat(card.diagnosis())
                .contains("postgres-db: postgres-db-0 crash-loops (restarted 4 times, last 2 min ago)");
        assertThat(card.evidence()).containsExactly("postgres-db-0: CrashLoopBackOff", "no rollout in the last hour");
        assertThat(card.rootCauses()).containsExactly("shop/postgres-db (database): 0/1 ready");
        assertThat(card.blastRadius())
                .isEqualTo(
                        "5 services depend on it: order-api, frontend, ingress and checkout in shop; gateway in edge");
        // the action in words, its risk as one story (base and raises), the dry-run warning
        assertThat(card.action()).isEqualTo("Restart pod postgres-db-0 in shop");
        assertThat(card.actionCall()).isEqualTo("restart_pod(namespace=shop, pod=postgres-db-0)");
        assertThat(card.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(card.baseRisk()).isEqualTo(RiskLevel.LOW);
        assertThat(card.riskStory())
                .isEqualTo("HIGH: restart pod is LOW in the catalog, raised 2 levels because of the 2 facts below");
        assertThat(card.riskReasons()).containsExactly("it disrupts a stateful component (a database)",
                "dry-run check blast_radius failed: 5 services depend on the target (large from 5)");
        assertThat(card.warnings()).containsExactly("blast radius: 5 services depend on the target (large from 5)");
        // the quorum as a checklist, what is still needed, the expiry in human time
        assertThat(card.needs()).isEqualTo("2 approvals from admin, devops or sre");
        assertThat(card.checklistLines()).containsExactly("[x] alice (devops) approved at 03:01 UTC",
                "[ ] bob (sre)", "[ ] erin (admin)");
        assertThat(card.stillNeeded()).isEqualTo("1 more approval from admin, devops or sre");
        assertThat(card.expiry()).isEqualTo("2026-11-25 03:30 UTC (in 28 min)");
        // the alert's links and who chose the action
        assertThat(card.references()).containsExactly(new Link("Runbook", "https://runbooks.example/5xx"),
                new Link("Alert source", "http://prometheus:9090/graph?g0.expr=rate"));
        assertThat(card.source()).isEqualTo("Chosen by the rules: " + ProposalRule.RESTART_FAILING_POD.description());
        assertThat(card.subject(r.quorum()))
                .isEqualTo("[AWOOOI] HIGH: frontend 5xx rate > 15% — restart pod postgres-db-0 needs 2 approvals");
    }

    @Test
    void requested_notification_warningsFirstThenDiagnosisActionRiskAndChecklistWithButtons() {
        // GIVEN / WHEN the analysis asks for approval
        ApprovalRequest r = requested();

        // THEN alice's notification is the card: the subject says what, how bad and what it needs
        Notification n = f.channel.to("alice").get(0);
        assertThat(n.subject())
                .isEqualTo("[AWOOOI] HIGH: frontend 5xx rate > 15% — restart pod postgres-db-0 needs 2 approvals");
        Card card = n.card().orElseThrow();
        assertThat(card.tone()).isEqualTo(Card.Tone.DANGER);
        assertThat(card.title()).isEqualTo("frontend 5xx rate > 15%");
        assertThat(card.facts()).extracting(Card.Fact::label)
                .containsExactly("Severity", "Since", "Risk", "Needs", "Expires");
        assertThat(card.facts()).contains(new Card.Fact("Risk", "HIGH (catalog: LOW)"));
        assertThat(card.sections()).extracting(Card.Section::title).containsExactly(
                "Dry-run warnings: signing accepts them", "Diagnosis: a crash loop", "Root cause", "Blast radius",
                "Action", "Risk HIGH", "Approvals");
        assertThat(card.sections().get(0).warning()).isTrue();
        assertThat(card.buttons()).extracting(Card.Button::label, Card.Button::style).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Approve & execute", Card.Style.PRIMARY),
                org.assertj.core.groups.Tuple.tuple("Reject", Card.Style.DANGER));
        assertThat(card.footer()).startsWith("Chosen by the rules: ").contains("incident " + INCIDENT);
        // and the plain text (Telegram, the mail's text part, the leak guard) holds the same words
        assertThat(n.text()).startsWith("frontend 5xx rate > 15%\nSeverity: critical · Since: 2026-11-25 02:48 UTC"
                + " (12 min ago) · Risk: HIGH (catalog: LOW) · Needs: 2 approvals from admin, devops or sre · Expires: "
                + "2026-11-25 03:30 UTC (in 30 min)\n\n⚠ Dry-run warnings: signing accepts them\n"
                + "- blast radius: 5 services depend on the target (large from 5)\n\nDiagnosis: a crash loop\n")
                .contains(
                        "Action\n- Restart pod postgres-db-0 in shop\n- restart_pod(namespace=shop, pod=postgres-db-0)")
                .contains("Approvals\n[ ] alice (devops)\n[ ] bob (sre)\n[ ] erin (admin)")
                .contains("Runbook: https://runbooks.example/5xx");
        assertThat(r.brief().alert().headline()).isEqualTo("frontend 5xx rate > 15%");
    }

    @Test
    void riskStory_raisesBeyondHigh_sayTheyStop() {
        // GIVEN a MEDIUM action raised three times (production, a database, a failed check)
        ProposedAction undo = new ProposedAction(ActionType.ROLLOUT_UNDO, Map.of("namespace", "prod",
                "deployment", "postgres-db"));
        DryRunReport dryRun = new DryRunReport(List.of(DryRunCheck.fail("pdb", "no disruption allowed", true)), "s");
        RiskAssessment risk = new RiskPolicy().assess(undo, ComponentKind.DATABASE, dryRun);
        ApprovalRequest r = ApprovalFixture.pending(INCIDENT, undo, NOW);
        r = new ApprovalRequest(r.id(), r.incidentId(), r.notificationKey(), undo, r.actionHash(), r.pattern(), risk,
                0, Quorum.forLevel(risk.level()), dryRun, ApprovalStatus.PENDING, List.of(), false, Optional.empty(),
                NOW, NOW.plus(Duration.ofMinutes(30)), NOW);

        // WHEN its card is built
        ApprovalCard card = ApprovalCard.of(r, List.of(), f.directory, NOW);

        // THEN one level up to HIGH, and the third raise is said to stop there; the first reason agrees
        assertThat(card.riskStory()).isEqualTo("HIGH: rollout undo is MEDIUM in the catalog, raised 1 level because"
                + " of the 3 facts below (raises stop at HIGH)");
        assertThat(risk.reasons().get(0))
                .isEqualTo(
                        "rollout_undo: MEDIUM in the catalog, raised to HIGH by the facts below (raises stop at HIGH)");
        assertThat(card.action()).isEqualTo("Undo the rollout of deployment postgres-db in prod");
        // a request stored without a brief says what it knows and nothing it does not
        assertThat(card.headline()).isEqualTo("Incident " + INCIDENT);
        assertThat(card.blastRadius()).isEmpty();
        assertThat(card.source()).isEmpty();
    }

    @Test
    void needs_critical_namesTheCtoAndTheCiso() {
        assertThat(ApprovalCard.needs(Quorum.forLevel(RiskLevel.CRITICAL))).isEqualTo("the CTO and the CISO");
        assertThat(ApprovalCard.needs(Quorum.forLevel(RiskLevel.MEDIUM)))
                .isEqualTo("1 approval from admin, devops or sre");
        assertThat(ApprovalCard.needsShort(Quorum.forLevel(RiskLevel.CRITICAL)))
                .isEqualTo("needs the CTO and the CISO");
        assertThat(ApprovalCard.stillNeeded(Quorum.forLevel(RiskLevel.CRITICAL), List.of(new Signature("carol",
                Role.CTO, Decision.APPROVE, "n", NOW)))).isEqualTo("the CISO's approval");
    }

    @Test
    void outcome_afterTheEnd_saysWhereItStands() {
        ApprovalRequest r = ApprovalFixture.pending(INCIDENT, RESTART, NOW)
                .withStatus(ApprovalStatus.VOIDED, Optional.of("the cluster changed since the approval"), NOW);
        ApprovalCard card = ApprovalCard.of(r, List.of(), f.directory, NOW);
        assertThat(card.outcome()).contains("Voided: nothing was done (the cluster changed since the approval)");
        assertThat(card.expiry()).isEmpty();
        assertThat(card.toCard(Optional.of("https://x/approve?t=1"), NOW).buttons()).isEmpty();
    }
}
