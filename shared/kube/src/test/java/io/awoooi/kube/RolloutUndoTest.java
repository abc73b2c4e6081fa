package io.awoooi.kube;

import static io.awoooi.kube.Revisions.CART;
import static io.awoooi.kube.Revisions.IMAGE_1;
import static io.awoooi.kube.Revisions.IMAGE_2;
import static io.awoooi.kube.Revisions.NS;
import static io.awoooi.kube.Revisions.REV1_HASH;
import static io.awoooi.kube.Revisions.REV2_HASH;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.TargetHealth;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** rollout_undo on the fabric8 mock API server (CRUD mode): the demo shop plus the Deployment cart at revision 2. */
class RolloutUndoTest {
    private static final String REQUEST = "req-0123456789abcdef";

    private final MockCluster cluster = new MockCluster().withDemo();
    private final LocalAccessReviews reviews = LocalAccessReviews.answer(cluster.server());
    private final KubernetesClient client = cluster.client();
    private final Deployment seeded = Revisions.seed(client);
    private final KubernetesDryRun dryRun = new KubernetesDryRun(client);
    private final KubernetesActions actions = new KubernetesActions(client);

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ProposedAction undo(String... extra) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("namespace", NS, "deployment", CART));
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return new ProposedAction(ActionType.ROLLOUT_UNDO, params);
    }

    private static DryRunCheck check(DryRunReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private Deployment cart() {
        return client.apps().deployments().inNamespace(NS).withName(CART).get();
    }

    private String image() {
        return cart().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private List<RecordedRequest> requests(String method) throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = cluster.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (r.getMethod().equals(method)) {
                all.add(r);
            }
        }
        return all;
    }

    /** A new rollout by someone: the template moves to image 2.1.0 (the generation with it). */
    private void newRollout() {
        client.apps().deployments().inNamespace(NS).withName(CART).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/example/cart:2.1.0");
            return d;
        });
    }

    // ---------------------------------------------------------------------- dry-run

    @Nested
    class DryRun {
        @Test
        void dryRun_previousRevision_passesAndNamesTheTarget() {
            // WHEN rolling cart back (no toRevision: the previous one) is dry-run
            DryRunReport report = dryRun.dryRun(undo());

            // THEN the four checks pass; the target is revision 1's ReplicaSet, with the images it brings back
            assertThat(report.checks()).extracting(DryRunCheck::name).containsExactly("parameters", "rbac", "exists",
                    "pdb");
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch deployments shop/cart");
            assertThat(check(report, "exists").reason()).isEqualTo("deployment shop/cart exists with 2 replicas at"
                    + " revision 2; revision 1 is replicaset shop/cart-" + REV1_HASH + " (images: api " + IMAGE_2
                    + " to " + IMAGE_1 + ")");
            assertThat(check(report, "pdb").reason()).isEqualTo("no PodDisruptionBudget covers deployment shop/cart");
            assertThat(dryRun.stateLines(undo())).anySatisfy(l -> assertThat(l)
                    .startsWith("replicaset shop/cart-" + REV1_HASH + " uid=").endsWith(" revision=1 target"))
                    .anySatisfy(
                            l -> assertThat(l).startsWith("deployment shop/cart uid=" + seeded.getMetadata().getUid()
                                    + " gen=1 replicas=2"));
        }

        @Test
        void dryRun_explicitRevision_thatOne() {
            // GIVEN a third revision, so that the previous one is 2 and revision 1 is asked for by number
            client.resource(Revisions.replicaSet(seeded, "3e4f5a6b7", 3, "ghcr.io/example/cart:2.1.0")).create();
            // WHEN / THEN toRevision=1 targets revision 1
            assertThat(check(dryRun.dryRun(undo("toRevision", "1")), "exists").reason())
                    .contains("revision 1 is replicaset shop/cart-" + REV1_HASH);
        }

        @Test
        void dryRun_revisionThatDoesNotExist_blocks() {
            DryRunReport report = dryRun.dryRun(undo("toRevision", "5"));
            DryRunCheck exists = check(report, "exists");
            assertThat(exists.passed()).isFalse();
            assertThat(exists.overridable()).isFalse();
            assertThat(exists.reason()).isEqualTo("deployment shop/cart at revision 2 has no revision 5 to roll back to"
                    + " (revisions: 1, 2)");
            assertThat(report.blocked()).isTrue();
        }

        @Test
        void dryRun_onlyOneRevision_blocksForLackOfAPreviousOne() {
            // GIVEN revision 1's ReplicaSet cleaned up (revisionHistoryLimit)
            client.apps().replicaSets().inNamespace(NS).withName(CART + "-" + REV1_HASH).delete();
            // WHEN / THEN there is nothing to go back to
            DryRunCheck exists = check(dryRun.dryRun(undo()), "exists");
            assertThat(exists.passed()).isFalse();
            assertThat(exists.overridable()).isFalse();
            assertThat(exists.reason()).isEqualTo("deployment shop/cart at revision 2 has no previous revision to roll"
                    + " back to (revisions: 2)");
        }

        @Test
        void dryRun_currentRevision_blocksNothingToRollBack() {
            DryRunCheck exists = check(dryRun.dryRun(undo("toRevision", "2")), "exists");
            assertThat(exists.passed()).isFalse();
            assertThat(exists.overridable()).isFalse();
            assertThat(exists.reason()).isEqualTo("deployment shop/cart at revision 2 runs the template of revision 2"
                    + " (replicaset shop/cart-" + REV2_HASH + ") already: nothing to roll back");
        }

        @Test
        void dryRun_pausedDeployment_blocks() {
            client.apps().deployments().inNamespace(NS).withName(CART).edit(d -> {
                d.getSpec().setPaused(true);
                return d;
            });
            DryRunCheck exists = check(dryRun.dryRun(undo()), "exists");
            assertThat(exists.passed()).isFalse();
            assertThat(exists.overridable()).isFalse();
            assertThat(exists.reason()).contains("is paused");
        }

        @Test
        void dryRun_replicaSetsOfAnotherDeployment_notRevisionsOfThisOne() {
            // GIVEN cart's revision 1 taken away, and an older ReplicaSet of another Deployment named alike
            client.apps().replicaSets().inNamespace(NS).withName(CART + "-" + REV1_HASH).delete();
            Deployment other = client.resource(Manifests.deployment(NS, "cart-admin", "img:1", 80)).create();
            client.resource(Revisions.replicaSet(other, "1a2b3c4d5", 1, IMAGE_1)).create();
            // WHEN / THEN it is not cart's previous revision
            assertThat(check(dryRun.dryRun(undo()), "exists").reason()).contains("has no previous revision");
        }

        @Test
        void dryRun_missingDeployment_blocks() {
            DryRunReport report = dryRun.dryRun(new ProposedAction(ActionType.ROLLOUT_UNDO,
                    Map.of("namespace", NS, "deployment", "ghost")));
            assertThat(check(report, "exists"))
                    .isEqualTo(DryRunCheck.fail("exists", "deployment shop/ghost not found", false));
        }

        @Test
        void dryRun_patchDenied_blocks() {
            reviews.deny("patch", "deployments", NS, CART);
            DryRunCheck rbac = check(dryRun.dryRun(undo()), "rbac");
            assertThat(rbac.passed()).isFalse();
            assertThat(rbac.overridable()).isFalse();
            assertThat(rbac.reason()).startsWith("denied: patch deployments shop/cart");
        }

        @Test
        void dryRun_budgetAllowsNoDisruption_failsPdbOverridably() {
            // GIVEN a budget over cart's pods that allows no disruption
            client.resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName("cart").withNamespace(NS)
                    .endMetadata().withNewSpec().withMinAvailable(new IntOrString(2))
                    .withNewSelector().addToMatchLabels(Manifests.NAME_LABEL, CART).endSelector().endSpec()
                    .withNewStatus().withDisruptionsAllowed(0).withCurrentHealthy(2).withDesiredHealthy(2)
                    .withExpectedPods(2).endStatus().build()).create();
            // WHEN / THEN the rollback (it replaces the pods) fails pdb, overridably
            DryRunCheck pdb = check(dryRun.dryRun(undo()), "pdb");
            assertThat(pdb.passed()).isFalse();
            assertThat(pdb.overridable()).isTrue();
            assertThat(pdb.reason()).startsWith("would take deployment shop/cart below its budget cart: 0 disruptions");
        }

        @Test
        void dryRun_pseudonymizedDeployment_overridableAndRbacForEveryName() {
            DryRunReport report = dryRun.dryRun(new ProposedAction(ActionType.ROLLOUT_UNDO,
                    Map.of("namespace", NS, "deployment", "[DEPLOYMENT_1]")));
            assertThat(report.blocked()).isFalse();
            assertThat(check(report, "parameters").overridable()).isTrue();
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch deployments in shop (any name)");
            assertThat(check(report, "exists").passed()).isFalse();
            assertThat(check(report, "exists").overridable()).isTrue();
        }

        @Test
        void dryRun_replicaSetsUnreadable_blocksNamingTheRead() {
            // GIVEN an identity that may not list ReplicaSets
            cluster.server().expect().get().withPath("/apis/apps/v1/namespaces/shop/replicasets")
                    .andReturn(403,
                            new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure").withCode(403)
                                    .withReason("Forbidden").withMessage("replicasets.apps is forbidden").build())
                    .always();
            // WHEN / THEN exists and pdb fail, not overridably, naming what could not be read
            DryRunReport report = dryRun.dryRun(undo());
            assertThat(check(report, "exists")).isEqualTo(DryRunCheck.fail("exists", "cannot read replicasets in shop"
                    + " (HTTP 403); the dry-run needs read access to it", false));
            assertThat(report.blocked()).isTrue();
        }

        @Test
        void fingerprint_newRolloutOrReplacedTarget_changes_statusWrites_doNot() {
            // GIVEN the fingerprint the approvers saw
            String approved = dryRun.dryRun(undo()).stateFingerprint();
            // WHEN status moves (the controller's writes) / THEN it stays
            Revisions.caughtUp(client, cart());
            assertThat(dryRun.dryRun(undo()).stateFingerprint()).isEqualTo(approved);
            // WHEN revision 1's ReplicaSet is replaced by another object of that revision / THEN it moves
            client.apps().replicaSets().inNamespace(NS).withName(CART + "-" + REV1_HASH).delete();
            client.resource(Revisions.replicaSet(seeded, REV1_HASH, 1, IMAGE_1)).create();
            String replaced = dryRun.dryRun(undo()).stateFingerprint();
            assertThat(replaced).isNotEqualTo(approved);
            // WHEN a new rollout starts / THEN it moves again (the Deployment's generation)
            newRollout();
            assertThat(dryRun.dryRun(undo()).stateFingerprint()).isNotEqualTo(replaced);
        }
    }

    // ---------------------------------------------------------------------- apply

    @Nested
    class Apply {
        @Test
        void apply_previousRevision_restoresItsTemplateInOnePatchWithPrecondition() throws Exception {
            // GIVEN cart as it is now
            String version = cart().getMetadata().getResourceVersion();
            ReplicaSet rev1 = client.apps().replicaSets().inNamespace(NS).withName(CART + "-" + REV1_HASH).get();
            requests("PATCH");
            // WHEN the executor rolls it back
            ActionResult result = actions.apply(undo(), REQUEST);
            // THEN the template is revision 1's minus the hash label, the Deployment is marked, one JSON patch
            // carried the version read
            assertThat(result).isEqualTo(new ActionResult.Applied("deployment shop/cart rolled back to revision 1"
                    + " (replicaset shop/cart-" + REV1_HASH + "): its pod template is that revision's again"));
            Deployment after = cart();
            assertThat(image()).isEqualTo(IMAGE_1);
            assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(Rollouts.HASH_LABEL)
                    .containsEntry(Manifests.NAME_LABEL, CART);
            assertThat(Rollouts.sameTemplate(client.getKubernetesSerialization(), after.getSpec().getTemplate(),
                    rev1.getSpec().getTemplate())).isTrue();
            assertThat(after.getSpec().getTemplate().getSpec().getVolumes()).singleElement()
                    .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
            assertThat(after.getMetadata().getAnnotations()).containsEntry(KubernetesActions.ROLLED_BACK_BY, REQUEST)
                    .containsEntry("team", "checkout");
            assertThat(after.getMetadata().getGeneration()).isEqualTo(2L);
            // (the mock server keeps no PATCH body to show: the version precondition is proven by the 409 test)
            assertThat(requests("PATCH")).singleElement().satisfies(p -> {
                assertThat(p.getPath()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/cart");
                assertThat(p.getHeader("Content-Type")).startsWith("application/json-patch+json");
            });
            assertThat(after.getMetadata().getResourceVersion()).isNotEqualTo(version);
        }

        @Test
        void apply_changedBetweenReadAndPatch_refused409AndTemplateKept() {
            // GIVEN the executor reads cart, then someone changes it before the patch
            Deployment stale = cart();
            client.apps().deployments().inNamespace(NS).withName(CART).edit(d -> {
                d.getMetadata().getAnnotations().put("note", "touched");
                return d;
            });
            cluster.server().expect().get().withPath("/apis/apps/v1/namespaces/shop/deployments/cart")
                    .andReturn(200, stale).once();
            // WHEN it is rolled back
            ActionResult result = actions.apply(undo(), REQUEST);
            // THEN 409 and revision 2's template stays
            assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class, r -> {
                assertThat(r.httpStatus()).isEqualTo(409);
                assertThat(r.reason()).contains("the object has been modified");
            });
            assertThat(image()).isEqualTo(IMAGE_2);
            assertThat(cart().getMetadata().getAnnotations()).doesNotContainKey(KubernetesActions.ROLLED_BACK_BY);
        }

        @Test
        void apply_alreadyOnThatTemplate_refused409() {
            assertThat(actions.apply(undo("toRevision", "2"), REQUEST)).isEqualTo(new ActionResult.Refused(409,
                    "deployment shop/cart runs the template of revision 2 (replicaset shop/cart-" + REV2_HASH
                            + ") already"));
        }

        @Test
        void apply_noSuchRevision_refused404() {
            assertThat(actions.apply(undo("toRevision", "7"), REQUEST)).isEqualTo(new ActionResult.Refused(404,
                    "deployment shop/cart has no revision 7 to roll back to"));
        }

        @Test
        void apply_paused_refused409() {
            client.apps().deployments().inNamespace(NS).withName(CART).edit(d -> {
                d.getSpec().setPaused(true);
                return d;
            });
            assertThat(actions.apply(undo(), REQUEST)).isInstanceOfSatisfying(ActionResult.Refused.class,
                    r -> assertThat(r.httpStatus()).isEqualTo(409));
            assertThat(image()).isEqualTo(IMAGE_2);
        }

        @Test
        void apply_missingDeployment_refused404() {
            assertThat(actions.apply(new ProposedAction(ActionType.ROLLOUT_UNDO, Map.of("namespace", NS,
                    "deployment", "ghost")), REQUEST)).isEqualTo(new ActionResult.Refused(404,
                            "deployment shop/ghost not found"));
        }
    }

    // ---------------------------------------------------------------------- alreadyApplied

    @Nested
    class AlreadyApplied {
        @Test
        void alreadyApplied_beforeAndAfter_falseThenTrue() {
            boolean before = actions.alreadyApplied(undo(), REQUEST, approvedAfterSetUp());
            actions.apply(undo(), REQUEST);
            assertThat(before).isFalse();
            assertThat(actions.alreadyApplied(undo(), REQUEST, approvedAfterSetUp())).isTrue();
            // the template is the target's: done, whoever did it
            assertThat(actions.alreadyApplied(undo(), "req-other", approvedAfterSetUp())).isTrue();
            assertThat(actions.alreadyApplied(undo("toRevision", "1"), "req-other", approvedAfterSetUp())).isTrue();
        }

        @Test
        void alreadyApplied_afterTheControllerReusedTheReplicaSet_byMarkOrHistory() {
            // GIVEN the rollback applied, then the Deployment controller at work as in a real cluster: it gives
            // revision 1's ReplicaSet the next revision (3) and lists 1 in its history; revision 2 is now "previous"
            actions.apply(undo(), REQUEST);
            client.apps().replicaSets().inNamespace(NS).withName(CART + "-" + REV1_HASH).edit(rs -> {
                rs.getMetadata().getAnnotations().put(Rollouts.REVISION, "3");
                rs.getMetadata().getAnnotations().put(Rollouts.REVISION_HISTORY, "1");
                return rs;
            });
            // WHEN / THEN this request finds its mark; toRevision=1 is found through the history; another
            // request without toRevision would now go back to revision 2: not done
            assertThat(actions.alreadyApplied(undo(), REQUEST, approvedAfterSetUp())).isTrue();
            assertThat(actions.alreadyApplied(undo("toRevision", "1"), "req-other", approvedAfterSetUp())).isTrue();
            assertThat(actions.alreadyApplied(undo(), "req-other", approvedAfterSetUp())).isFalse();
        }

        @Test
        void alreadyApplied_missingDeployment_false() {
            assertThat(actions.alreadyApplied(new ProposedAction(ActionType.ROLLOUT_UNDO,
                    Map.of("namespace", NS, "deployment", "ghost")), REQUEST, approvedAfterSetUp())).isFalse();
        }
    }

    // ---------------------------------------------------------------------- health

    @Nested
    class Health {
        @Test
        void health_rolledBackButNotRolledOut_unhealthyWithTheReason() {
            // GIVEN the rollback applied, no controller having caught up (status at generation 1)
            actions.apply(undo(), REQUEST);
            // WHEN / THEN not healthy: the status still describes the old template
            TargetHealth health = actions.health(undo());
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence())
                    .contains("deployment shop/cart status not yet updated to generation 2 (observed 1)")
                    .contains("deployment shop/cart runs the template of replicaset shop/cart-" + REV1_HASH
                            + " (revision 1)");
        }

        @Test
        void health_rolloutComplete_healthyOnTheRestoredTemplate() {
            // GIVEN the rollback applied and the controller done: every replica updated, ready and available
            actions.apply(undo("toRevision", "1"), REQUEST);
            Revisions.caughtUp(client, cart());
            // WHEN / THEN healthy, naming the revision it runs
            TargetHealth health = actions.health(undo("toRevision", "1"));
            assertThat(health.healthy()).as(health.evidence().toString()).isTrue();
            assertThat(health.evidence()).containsExactly("deployment shop/cart 2/2 ready",
                    "deployment shop/cart runs the template of replicaset shop/cart-" + REV1_HASH + " (revision 1)");
        }

        @Test
        void health_updatedReplicasNotAvailable_unhealthy() {
            // GIVEN the rollback applied, the status current but only one updated replica available
            actions.apply(undo(), REQUEST);
            client.apps().deployments().inNamespace(NS).withName(CART).editStatus(d -> {
                d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
                d.getStatus().setUpdatedReplicas(2);
                d.getStatus().setAvailableReplicas(1);
                return d;
            });
            // WHEN / THEN unhealthy, as kubectl rollout status would still wait
            TargetHealth health = actions.health(undo());
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence()).contains("deployment shop/cart rollout: 1 of 2 updated replicas available");
        }

        @Test
        void health_rolledForwardAgainAfterwards_unhealthyForThatRevision() {
            // GIVEN the rollback to revision 1 applied and rolled out, then someone rolls forward to a new image
            actions.apply(undo("toRevision", "1"), REQUEST);
            newRollout();
            Revisions.caughtUp(client, cart());
            // WHEN / THEN revision 1 no longer runs
            TargetHealth health = actions.health(undo("toRevision", "1"));
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence())
                    .contains("deployment shop/cart does not run the template of revision 1 any more");
        }
    }

    /** When the approval's dry-run read the cluster: after the fixture's objects were created. */
    private static java.time.Instant approvedAfterSetUp() {
        return java.time.Instant.now().plusSeconds(1);
    }
}
