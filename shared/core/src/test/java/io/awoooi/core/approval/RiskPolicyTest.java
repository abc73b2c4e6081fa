package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.deleteNamespace;
import static io.awoooi.core.approval.ApprovalFixture.deletePvc;
import static io.awoooi.core.approval.ApprovalFixture.restartPod;
import static io.awoooi.core.approval.ApprovalFixture.rolloutRestart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.topology.ComponentKind;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RiskPolicyTest {
    private final RiskPolicy policy = new RiskPolicy();

    private static DryRunReport clean() {
        return new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "fp");
    }

    private static DryRunReport with(DryRunCheck... checks) {
        return new DryRunReport(List.of(checks), "fp");
    }

    private static ProposedAction restartIn(String namespace) {
        return new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", namespace, "pod", "web-0"));
    }

    @Test
    void assess_nothingAggravating_isTheCatalogBase() {
        // GIVEN / WHEN an action of each base risk, in shop, on a plain service, with a clean dry-run
        List<ProposedAction> actions = List.of(restartPod("web-0"), rolloutRestart("web"), deletePvc("data"),
                deleteNamespace("shop"));

        // THEN each keeps its base, neither raised nor lowered
        for (ProposedAction a : actions) {
            RiskAssessment r = policy.assess(a, ComponentKind.SERVICE, clean());
            assertThat(r.base()).as(a.toString()).isEqualTo(a.baseRisk());
            assertThat(r.level()).as(a.toString()).isEqualTo(a.baseRisk());
            assertThat(r.reasons()).as(a.toString()).hasSize(1).first().asString()
                    .isIn(a.type().id() + ": " + a.baseRisk() + " in the catalog; nothing raised it",
                            a.type().id() + ": CRITICAL in the catalog; the CTO and the CISO sign");
        }
    }

    @Test
    void assess_productionNamespace_raisesOneLevel() {
        // GIVEN restarts (LOW) in namespaces that are and are not production
        for (String ns : List.of("prod", "production", "shop-prod", "shop-production")) {
            // WHEN / THEN a production one raises LOW to MEDIUM, with the reason
            RiskAssessment r = policy.assess(restartIn(ns), ComponentKind.SERVICE, clean());
            assertThat(r.level()).as(ns).isEqualTo(RiskLevel.MEDIUM);
            assertThat(r.reasons()).as(ns).containsExactly(
                    "restart_pod: LOW in the catalog, raised to MEDIUM by the facts below",
                    "raised: it acts in a production namespace");
        }
        for (String ns : List.of("shop", "product", "prodshop", "preprod", "staging")) {
            assertThat(policy.assess(restartIn(ns), ComponentKind.SERVICE, clean()).level()).as(ns)
                    .isEqualTo(RiskLevel.LOW);
        }
    }

    @Test
    void assess_customProductionPattern_isTheOneUsed() {
        // GIVEN a policy where only "live" is production
        RiskPolicy live = new RiskPolicy(5, Pattern.compile("live"));

        // WHEN / THEN "live" raises and "prod" no longer does
        assertThat(live.assess(restartIn("live"), ComponentKind.SERVICE, clean()).level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(live.assess(restartIn("prod"), ComponentKind.SERVICE, clean()).level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void assess_disruptiveActionOnADatabaseOrAQueue_raisesOneLevel() {
        // GIVEN a restart (LOW) on a database, a queue, a cache and a plain service
        ProposedAction restart = restartPod("postgres-db-0");

        // WHEN / THEN only the stateful components raise it
        RiskAssessment db = policy.assess(restart, ComponentKind.DATABASE, clean());
        assertThat(db.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(db.reasons()).contains("raised: it disrupts a stateful component (a database)");
        assertThat(policy.assess(restart, ComponentKind.QUEUE, clean()).level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(policy.assess(restart, ComponentKind.CACHE, clean()).level()).isEqualTo(RiskLevel.LOW);
        assertThat(policy.assess(restart, ComponentKind.SERVICE, clean()).level()).isEqualTo(RiskLevel.LOW);
        assertThat(policy.assess(restart, ComponentKind.OTHER, clean()).level()).isEqualTo(RiskLevel.LOW);
        // and a rollout restart (MEDIUM) of a database becomes HIGH
        assertThat(policy.assess(rolloutRestart("postgres-db"), ComponentKind.DATABASE, clean()).level())
                .isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void assess_rollbackOrResourcesChangeOfADatabase_raisedLikeARollout() {
        // GIVEN a rollback and a memory raise (both MEDIUM, both replace the pods as a rollout does)
        ProposedAction undo = new ProposedAction(ActionType.ROLLOUT_UNDO,
                Map.of("namespace", "shop", "deployment", "postgres-db"));
        ProposedAction resources = new ProposedAction(ActionType.SET_RESOURCES, Map.of("namespace", "shop",
                "workload", "postgres-db", "kind", "statefulset", "container", "postgres", "resource", "memory",
                "value", "2Gi"));

        // WHEN / THEN a database or a queue raises them to HIGH, with the reason; a service leaves them MEDIUM
        for (ProposedAction a : List.of(undo, resources)) {
            RiskAssessment db = policy.assess(a, ComponentKind.DATABASE, clean());
            assertThat(db.base()).as(a.toString()).isEqualTo(RiskLevel.MEDIUM);
            assertThat(db.level()).as(a.toString()).isEqualTo(RiskLevel.HIGH);
            assertThat(db.reasons()).as(a.toString())
                    .containsExactly(a.type().id() + ": MEDIUM in the catalog, raised to HIGH by the facts below",
                            "raised: it disrupts a stateful component (a database)");
            assertThat(policy.assess(a, ComponentKind.QUEUE, clean()).level()).isEqualTo(RiskLevel.HIGH);
            assertThat(policy.assess(a, ComponentKind.SERVICE, clean()).level()).isEqualTo(RiskLevel.MEDIUM);
            assertThat(policy.assess(a, ComponentKind.CACHE, clean()).level()).isEqualTo(RiskLevel.MEDIUM);
        }
    }

    @Test
    void disruptive_everyActionThatTakesPodsDown() {
        assertThat(java.util.Arrays.stream(ActionType.values()).filter(RiskPolicy::disruptive)).containsExactly(
                ActionType.RESTART_POD, ActionType.ROLLOUT_RESTART, ActionType.ROLLOUT_UNDO,
                ActionType.SCALE_DEPLOYMENT, ActionType.SCALE_STATEFULSET, ActionType.SET_RESOURCES,
                // restore_fields (issue #15) changes the pod template: its pods are replaced
                ActionType.RESTORE_FIELDS, ActionType.DELETE_PVC,
                // delete_pod (issue #14) deletes a bare pod for good
                ActionType.DELETE_POD,
                // drain_node (issue #14) evicts every pod of the node
                ActionType.DRAIN_NODE);
    }

    @Test
    void assess_nonDisruptiveActionOnADatabase_isNotRaised() {
        // GIVEN uncordoning a node (MEDIUM, not disruptive) said to touch a database
        ProposedAction uncordon = new ProposedAction(ActionType.UNCORDON_NODE, Map.of("node", "worker-1"));

        // WHEN it is assessed
        RiskAssessment r = policy.assess(uncordon, ComponentKind.DATABASE, clean());

        // THEN it stays at its base
        assertThat(r.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void assess_failedOverridableCheck_raisesOncePerCheck() {
        // GIVEN a restart (LOW) whose dry-run failed one overridable check, then two
        DryRunCheck pdb = DryRunCheck.fail("pdb", "the PodDisruptionBudget allows 0 disruptions", true);
        DryRunCheck blast = policy.blastRadiusCheck(7);

        // WHEN / THEN one failure raises one level, two raise two, with each reason
        RiskAssessment one = policy.assess(restartPod("web-0"), ComponentKind.SERVICE, with(pdb));
        RiskAssessment two = policy.assess(restartPod("web-0"), ComponentKind.SERVICE, with(pdb, blast));
        assertThat(one.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(one.reasons()).anyMatch(s -> s.contains("dry-run check pdb failed"));
        assertThat(two.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(two.reasons()).anyMatch(s -> s.contains("dry-run check blast_radius failed"));
    }

    @Test
    void assess_passedOrNonOverridableChecks_doNotRaise() {
        // GIVEN a dry-run with passed checks, and one whose only failure may not be overridden
        DryRunReport passed = with(DryRunCheck.pass("rbac", "allowed"), policy.blastRadiusCheck(4));
        DryRunReport blocking = with(DryRunCheck.fail("exists", "the pod does not exist", false));

        // WHEN / THEN neither raises (a blocking failure stops the request elsewhere)
        assertThat(policy.assess(restartPod("web-0"), ComponentKind.SERVICE, passed).level()).isEqualTo(RiskLevel.LOW);
        assertThat(policy.assess(restartPod("web-0"), ComponentKind.SERVICE, blocking).level())
                .isEqualTo(RiskLevel.LOW);
    }

    @Test
    void assess_manyRaises_capAtHigh() {
        // GIVEN a restart (LOW) in prod, of a database, with three overridable failures: five raises
        ProposedAction restart = new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "prod", "pod", "postgres-db-0"));
        DryRunReport failures = with(DryRunCheck.fail("pdb", "0 disruptions allowed", true),
                DryRunCheck.fail("rbac", "partially allowed", true), policy.blastRadiusCheck(50));

        // WHEN it is assessed
        RiskAssessment r = policy.assess(restart, ComponentKind.DATABASE, failures);

        // THEN it needs two operators, not the CTO and the CISO; every raise is still explained
        assertThat(r.base()).isEqualTo(RiskLevel.LOW);
        assertThat(r.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(r.reasons()).filteredOn(s -> s.startsWith("raised:")).hasSize(5);
    }

    @Test
    void assess_highBaseWithRaises_staysHigh() {
        // GIVEN deleting a claim (HIGH) in prod with a failed overridable check
        ProposedAction delete = new ProposedAction(ActionType.DELETE_PVC, Map.of("namespace", "prod", "pvc", "data"));

        // WHEN it is assessed
        RiskAssessment r = policy.assess(delete, ComponentKind.DATABASE,
                with(DryRunCheck.fail("pdb", "0 disruptions allowed", true)));

        // THEN raises never reach CRITICAL
        assertThat(r.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void assess_criticalBase_staysCriticalWhatever() {
        // GIVEN deleting a production namespace with failed overridable checks
        RiskAssessment r = policy.assess(deleteNamespace("prod"), ComponentKind.DATABASE,
                with(policy.blastRadiusCheck(100), DryRunCheck.fail("pdb", "0 disruptions allowed", true)));

        // WHEN / THEN it stays CRITICAL, never capped down to HIGH
        assertThat(r.base()).isEqualTo(RiskLevel.CRITICAL);
        assertThat(r.level()).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void blastRadiusCheck_boundary_failsFromTheThresholdAndIsOverridable() {
        // GIVEN the default threshold (5) and a policy with threshold 2
        RiskPolicy two = new RiskPolicy(2, RiskPolicy.DEFAULT_PRODUCTION);

        // WHEN / THEN 4 passes, 5 fails (overridable: it raises instead of blocking)
        DryRunCheck four = policy.blastRadiusCheck(4);
        DryRunCheck five = policy.blastRadiusCheck(5);
        assertThat(RiskPolicy.DEFAULT_LARGE_BLAST_RADIUS).isEqualTo(5);
        assertThat(four.name()).isEqualTo("blast_radius");
        assertThat(four.passed()).isTrue();
        assertThat(five.passed()).isFalse();
        assertThat(five.overridable()).isTrue();
        assertThat(five.reason()).contains("5 services depend");
        assertThat(policy.blastRadiusCheck(0).passed()).isTrue();
        assertThat(two.blastRadiusCheck(1).passed()).isTrue();
        assertThat(two.blastRadiusCheck(1).reason()).contains("1 service depends");
        assertThat(two.blastRadiusCheck(2).passed()).isFalse();
    }

    @Test
    void constructor_thresholdBelowOne_isRefused() {
        // GIVEN / WHEN / THEN a threshold of 0 would fail every dry-run
        assertThatThrownBy(() -> new RiskPolicy(0, RiskPolicy.DEFAULT_PRODUCTION))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void riskAssessment_levelBelowBase_cannotExist() {
        // GIVEN / WHEN / THEN a HIGH action cannot be assessed LOW
        assertThatThrownBy(() -> new RiskAssessment(RiskLevel.HIGH, RiskLevel.LOW, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
