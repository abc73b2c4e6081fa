package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.TargetHealth;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * delete_pod (issue #14: a bare zombie pod) against the fabric8 mock API server in CRUD mode: the
 * dry-run's checks (exists, the very uid, still bare, not static, not in a system namespace, RBAC,
 * budgets), the fingerprint, the deletion once only, and the effectiveness check (the pod is gone).
 */
class DeletePodTest {
    private static final String REQUEST = "apr_deletepod00000000000000000";
    private final MockCluster cluster = new MockCluster();
    private final LocalAccessReviews reviews = LocalAccessReviews.answer(cluster.server());
    private final KubernetesClient client = cluster.client();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Pod pod(String ns, String name) {
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .addToLabels("app.kubernetes.io/name", "report-manual").endMetadata()
                .withNewSpec().withNodeName("node-a").addNewContainer().withName("c").withImage("i").endContainer()
                .endSpec().withNewStatus().withPhase("Running").endStatus().build();
    }

    /** Seeds the pod, returns delete_pod naming it by the uid the API server gave it. */
    private ProposedAction seeded(Pod pod) {
        cluster.with(pod);
        String uid = io.awoooi.core.action.PodUid.compact(client.pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).get().getMetadata().getUid());
        return delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid);
    }

    private static ProposedAction delete(String ns, String name, String uid) {
        return new ProposedAction(ActionType.DELETE_POD, Map.of("namespace", ns, "pod", name, "uid", uid));
    }

    private static DryRunCheck check(DryRunReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void dryRun_barePodWithItsUid_passesAndFingerprintsTheUid() {
        // GIVEN a bare pod
        ProposedAction action = seeded(pod("archive", "report-manual"));
        // WHEN
        DryRunReport report = new KubernetesDryRun(client).dryRun(action);
        // THEN every check passes; exists says nothing recreates it
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(check(report, "exists").reason()).contains("pod archive/report-manual exists (Running) with the uid",
                "no controller owns it: deleted, it is gone for good");
        assertThat(check(report, "rbac").reason()).contains("delete").contains("pods");
        assertThat(new KubernetesDryRun(client).stateLines(action))
                .anyMatch(l -> l.startsWith("pod archive/report-manual uid=")
                        && io.awoooi.core.action.PodUid.same(l.substring(l.indexOf("uid=") + 4).split(" ")[0],
                                action.param("uid").orElseThrow()))
                .contains("owner of pod archive/report-manual none");
    }

    @Test
    void dryRun_podReplacedUnderTheSameName_blockedAsAnotherPod() {
        // GIVEN the pod the scan saw is gone and another pod of that name exists (another uid)
        ProposedAction action = seeded(pod("archive", "report-manual"));
        String first = new KubernetesDryRun(client).dryRun(action).stateFingerprint();
        client.pods().inNamespace("archive").withName("report-manual").delete();
        cluster.with(pod("archive", "report-manual"));
        // WHEN
        DryRunReport report = new KubernetesDryRun(client).dryRun(action);
        // THEN blocked, and the fingerprint moved with the uid
        assertThat(report.blocked()).isTrue();
        assertThat(check(report, "exists").reason()).contains("is another pod now");
        assertThat(report.stateFingerprint()).isNotEqualTo(first);
    }

    @Test
    void dryRun_podOwnedStaticOrInSystemNamespace_blocked() {
        // GIVEN a pod a ReplicaSet owns, a pod a Deployment selects (it would adopt it), a static pod, one in kube-system
        Pod owned = new PodBuilder(pod("shop", "web-1")).editMetadata().addNewOwnerReference().withApiVersion("apps/v1")
                .withKind("ReplicaSet").withName("web-5d8f").withUid("uid-web").withController(true).endOwnerReference()
                .endMetadata().build();
        cluster.with(new DeploymentBuilder().withNewMetadata().withNamespace("shop").withName("report").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", "report-manual")
                .endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app.kubernetes.io/name", "report-manual")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec()
                .endTemplate().endSpec().build());
        Pod selected = pod("shop", "report-x");
        Pod mirror = new PodBuilder(pod("archive", "etcd-node-a")).editMetadata()
                .addToAnnotations("kubernetes.io/config.mirror", "abc").endMetadata().build();
        Pod system = pod("kube-system", "bootstrap");
        for (Pod p : new Pod[] {owned, selected, mirror, system}) {
            ProposedAction action = seeded(p);
            // WHEN
            DryRunReport report = new KubernetesDryRun(client).dryRun(action);
            // THEN nobody may override it
            assertThat(report.blocked()).as(p.getMetadata().getName()).isTrue();
            assertThat(check(report, "exists").reason()).as(p.getMetadata().getName())
                    .containsAnyOf("not a bare pod", "static pod", "system namespace");
        }
    }

    @Test
    void dryRun_rbacDenied_blocked_budgetAllowingNothing_overridable() {
        // GIVEN delete pods denied in archive
        ProposedAction action = seeded(pod("archive", "report-manual"));
        reviews.deny("delete", "pods", "archive", null);
        assertThat(new KubernetesDryRun(client).dryRun(action).blocked()).isTrue();
        // AND allowed again, with a budget that allows no disruption of the pod
        reviews.allowAll();
        cluster.with(new PodDisruptionBudgetBuilder().withNewMetadata().withName("report").withNamespace("archive")
                .endMetadata().withNewSpec().withMinAvailable(new io.fabric8.kubernetes.api.model.IntOrString(1))
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "report-manual").endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(0).endStatus().build());
        DryRunReport report = new KubernetesDryRun(client).dryRun(action);
        // THEN the budget is an overridable failure (it raises the risk), not a block
        assertThat(report.blocked()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("pdb"));
    }

    @Test
    void apply_deletesOnce_thenAlreadyApplied_andTheSavingIsRealized() {
        // GIVEN the bare pod, approved
        ProposedAction action = seeded(pod("archive", "report-manual"));
        KubernetesActions actions = new KubernetesActions(client);
        assertThat(actions.alreadyApplied(action, REQUEST, Instant.now())).isFalse();
        assertThat(actions.savingRealized(action).healthy()).isFalse();
        // WHEN
        ActionResult result = actions.apply(action, REQUEST);
        // THEN it is gone; a retry finds it done; the effectiveness check says so
        assertThat(result).isInstanceOfSatisfying(ActionResult.Applied.class,
                a -> assertThat(a.detail()).contains("pod archive/report-manual", "deleted",
                        "no controller recreates it"));
        assertThat(client.pods().inNamespace("archive").withName("report-manual").get()).isNull();
        assertThat(actions.alreadyApplied(action, REQUEST, Instant.now())).isTrue();
        TargetHealth realized = actions.savingRealized(action);
        assertThat(realized.healthy()).isTrue();
        assertThat(realized.evidence()).containsExactly("pod archive/report-manual is gone: its requests are released");
        assertThat(actions.health(action).healthy()).isTrue();
    }

    @Test
    void apply_anotherPodOfTheName_refusedAndLeftAlone_countsAsDone() {
        // GIVEN the approved pod was replaced by another of the same name
        ProposedAction action = seeded(pod("archive", "report-manual"));
        client.pods().inNamespace("archive").withName("report-manual").delete();
        cluster.with(pod("archive", "report-manual"));
        KubernetesActions actions = new KubernetesActions(client);
        // WHEN / THEN the approved pod is gone: done; apply refuses to touch the new one
        assertThat(actions.alreadyApplied(action, REQUEST, Instant.now())).isTrue();
        assertThat(actions.apply(action, REQUEST)).isInstanceOfSatisfying(ActionResult.Refused.class,
                r -> assertThat(r.httpStatus()).isEqualTo(409));
        assertThat(client.pods().inNamespace("archive").withName("report-manual").get()).isNotNull();
        assertThat(actions.savingRealized(action).evidence()).singleElement().asString()
                .contains("is gone; another pod has its name now");
    }

    @Test
    void apply_podAdoptedSinceTheApproval_orSystemNamespace_refused() {
        // GIVEN the pod gained a controller since it was approved
        ProposedAction action = seeded(pod("archive", "report-manual"));
        Pod now = client.pods().inNamespace("archive").withName("report-manual").get();
        now.getMetadata()
                .setOwnerReferences(java.util.List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                        .withApiVersion("apps/v1").withKind("ReplicaSet").withName("report-5d8f").withUid("uid-rs")
                        .withController(true).build()));
        client.pods().inNamespace("archive").resource(now).update();
        KubernetesActions actions = new KubernetesActions(client);
        // WHEN / THEN refused, still there
        assertThat(actions.apply(action, REQUEST)).isInstanceOfSatisfying(ActionResult.Refused.class,
                r -> assertThat(r.reason()).contains("not a bare pod"));
        assertThat(client.pods().inNamespace("archive").withName("report-manual").get()).isNotNull();
        // AND in kube-system nothing is even read
        assertThat(actions.apply(delete("kube-system", "x", action.param("uid").orElseThrow()), REQUEST))
                .isInstanceOfSatisfying(ActionResult.Refused.class, r -> assertThat(r.httpStatus()).isEqualTo(403));
    }

    @Test
    void apply_podAWorkloadSelectsSinceTheApproval_refusedAndLeftAlone() {
        // GIVEN the bare pod, approved; then a Deployment whose selector matches its labels is created
        // (it would adopt the pod and make another in its place)
        ProposedAction action = seeded(pod("archive", "report-manual"));
        KubernetesActions actions = new KubernetesActions(client);
        cluster.with(new DeploymentBuilder().withNewMetadata().withNamespace("archive").withName("report").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", "report-manual").endSelector().withNewTemplate()
                .withNewMetadata().addToLabels("app.kubernetes.io/name", "report-manual").endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("i").endContainer().endSpec().endTemplate().endSpec()
                .build());
        // WHEN the executor applies it / THEN refused as the dry-run would now block it; the pod stays
        assertThat(new KubernetesDryRun(client).dryRun(action).blocked()).isTrue();
        assertThat(actions.apply(action, REQUEST)).isInstanceOfSatisfying(ActionResult.Refused.class,
                r -> assertThat(r.reason()).contains("selected by deployment archive/report", "not a bare pod"));
        assertThat(client.pods().inNamespace("archive").withName("report-manual").get()).isNotNull();
    }
}
