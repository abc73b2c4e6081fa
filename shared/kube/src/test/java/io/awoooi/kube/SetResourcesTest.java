package io.awoooi.kube;

import static io.awoooi.kube.Revisions.CART;
import static io.awoooi.kube.Revisions.NS;
import static io.awoooi.kube.Revisions.REV2_HASH;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.TargetHealth;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** set_resources on the fabric8 mock API server (CRUD mode): the demo shop plus cart (api: memory 512Mi/256Mi, cpu 500m/250m). */
class SetResourcesTest {
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

    /** set_resources on cart; pairs replace or add parameters. */
    private static ProposedAction raise(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("namespace", NS, "workload", CART, "container", "api",
                "resource", "memory", "value", "1Gi"));
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return new ProposedAction(ActionType.SET_RESOURCES, params);
    }

    private static DryRunCheck check(DryRunReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private Container container(String name) {
        return client.apps().deployments().inNamespace(NS).withName(CART).get().getSpec().getTemplate().getSpec()
                .getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String text(Map<String, Quantity> values, String key) {
        return values == null || values.get(key) == null ? null : ContainerResources.text(values.get(key));
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

    private void setProxyLimit(String value) {
        client.apps().deployments().inNamespace(NS).withName(CART).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(1).getResources().getLimits()
                    .put("memory", new Quantity(value));
            return d;
        });
    }

    // ---------------------------------------------------------------------- dry-run

    @Nested
    class DryRun {
        @Test
        void dryRun_raiseWithinBounds_passesFiveChecks() {
            // WHEN raising cart's api memory limit from 512Mi to 1Gi is dry-run
            DryRunReport report = dryRun.dryRun(raise());

            // THEN five checks pass; the bounds name the change; the fingerprint holds the container's resources
            assertThat(report.checks()).extracting(DryRunCheck::name)
                    .containsExactly("parameters", "rbac", "exists", "pdb", "bounds");
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch deployments shop/cart");
            assertThat(check(report, "exists").reason()).isEqualTo("deployment shop/cart exists with 2 replicas and"
                    + " container api (memory limit 512Mi, request 256Mi)");
            assertThat(check(report, "bounds").reason())
                    .isEqualTo("memory limit of container api from 512Mi to 1Gi (2.00x; at most 2x, cap 16Gi)");
            assertThat(dryRun.stateLines(raise())).contains("container shop/cart/api resources limits.cpu=500m"
                    + " limits.memory=512Mi requests.cpu=250m requests.memory=256Mi")
                    .anySatisfy(
                            l -> assertThat(l).startsWith("deployment shop/cart uid=" + seeded.getMetadata().getUid()
                                    + " gen=1 replicas=2"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "api   | memory | limit   | 512Mi  | memory limit of container api: 512Mi is not larger than the current 512Mi",
                "api   | memory | limit   | 500M   | memory limit of container api: 500M is not larger than the current 512Mi",
                "api   | memory | limit   | 1025Mi | memory limit of container api: 1025Mi is more than 2x the current 512Mi (2.00x)",
                "api   | cpu    | limit   | 2      | cpu limit of container api: 2 is more than 2x the current 500m (4.00x)",
                "api   | cpu    | request | 100m   | cpu request of container api: 100m is not larger than the current 250m",
                "proxy | memory | request | 256Mi  | memory request of container proxy is not set: set_resources raises a value that is set, it does not add one",
                "proxy | cpu    | limit   | 1      | cpu limit of container proxy is not set: set_resources raises a value that is set, it does not add one"})
        void dryRun_outOfBounds_blocksNamingTheRule(String container, String resource, String field, String value,
                String reason) {
            DryRunReport report = dryRun.dryRun(raise("container", container, "resource", resource, "field", field,
                    "value", value));
            assertThat(check(report, "bounds")).isEqualTo(DryRunCheck.fail("bounds", reason.strip(), false));
            assertThat(report.blocked()).isTrue();
            assertThat(check(report, "exists").passed()).isTrue();
        }

        @Test
        void dryRun_aboveTheCap_blocks() {
            // GIVEN the proxy's memory limit at 10Gi
            setProxyLimit("10Gi");
            // WHEN / THEN 17Gi (1.7x) is above the cap
            DryRunCheck bounds = check(dryRun.dryRun(raise("container", "proxy", "value", "17Gi")), "bounds");
            assertThat(bounds).isEqualTo(DryRunCheck.fail("bounds",
                    "memory limit of container proxy: 17Gi is above the cap of 16Gi memory", false));
        }

        @Test
        void dryRun_containerAbsent_blocksListingTheContainers() {
            DryRunReport report = dryRun.dryRun(raise("container", "web"));
            assertThat(check(report, "exists")).isEqualTo(DryRunCheck.fail("exists",
                    "deployment shop/cart has no container web (containers: api, proxy)", false));
            assertThat(check(report, "bounds"))
                    .isEqualTo(DryRunCheck.fail("bounds", "not checked: no container web", true));
            assertThat(dryRun.stateLines(raise("container", "web"))).contains("container shop/cart/web absent");
        }

        @Test
        void dryRun_wrongKind_blocksNamingTheKindThatExists() {
            DryRunReport report = dryRun.dryRun(raise("kind", "statefulset"));
            DryRunCheck exists = check(report, "exists");
            assertThat(exists.passed()).isFalse();
            assertThat(exists.overridable()).isFalse();
            assertThat(exists.reason())
                    .isEqualTo("statefulset shop/cart not found; deployment shop/cart exists (kind deployment)");
            assertThat(check(report, "bounds").reason()).isEqualTo("not checked: statefulset shop/cart not found");
        }

        @Test
        void dryRun_patchDenied_blocks() {
            Revisions.statefulSet(client);
            reviews.deny("patch", "statefulsets");
            DryRunCheck rbac = check(dryRun.dryRun(raise("workload", "ledger", "kind", "statefulset")), "rbac");
            assertThat(rbac.passed()).isFalse();
            assertThat(rbac.overridable()).isFalse();
            assertThat(rbac.reason()).startsWith("denied: patch statefulsets shop/ledger");
        }

        @Test
        void dryRun_statefulSetOnDelete_saysWhenThePodsTakeIt() {
            StatefulSet ledger = Revisions.statefulSet(client);
            client.apps().statefulSets().inNamespace(NS).withName("ledger").edit(s -> {
                s.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("OnDelete").build());
                return s;
            });
            DryRunReport report = dryRun.dryRun(raise("workload", ledger.getMetadata().getName(), "kind", "statefulset",
                    "resource", "cpu", "value", "750m"));
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "exists").reason()).endsWith("its update strategy is OnDelete: pods take the new"
                    + " value only when deleted");
        }

        @Test
        void dryRun_pseudonymizedWorkload_boundsNotCheckedOverridably() {
            DryRunReport report = dryRun.dryRun(raise("workload", "[DEPLOYMENT_1]"));
            assertThat(report.blocked()).isFalse();
            assertThat(check(report, "bounds")).isEqualTo(DryRunCheck.fail("bounds", "not checked: workload name is"
                    + " pseudonymized; the executor checks it after rehydration", true));
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch deployments in shop (any name)");
        }

        @Test
        void fingerprint_resourcesChanged_changes() {
            String approved = dryRun.dryRun(raise()).stateFingerprint();
            assertThat(dryRun.dryRun(raise()).stateFingerprint()).isEqualTo(approved);
            setProxyLimit("192Mi");
            assertThat(dryRun.dryRun(raise()).stateFingerprint()).isNotEqualTo(approved);
        }
    }

    // ---------------------------------------------------------------------- apply

    @Nested
    class Apply {
        @Test
        void apply_memoryLimit_patchesThatValueOnlyInOnePatch() throws Exception {
            // GIVEN cart as it is now
            String version = client.apps().deployments().inNamespace(NS).withName(CART).get().getMetadata()
                    .getResourceVersion();
            requests("PATCH");
            // WHEN its api memory limit is raised to 1Gi
            ActionResult result = actions.apply(raise(), REQUEST);
            // THEN that value changed, nothing else; one JSON patch (its precondition: see the 409 test)
            assertThat(result).isEqualTo(new ActionResult.Applied("deployment shop/cart: memory limit of container api"
                    + " from 512Mi to 1Gi (2.00x; at most 2x, cap 16Gi); its pods are replaced by a rollout"));
            Container api = container("api");
            assertThat(text(api.getResources().getLimits(), "memory")).isEqualTo("1Gi");
            assertThat(text(api.getResources().getLimits(), "cpu")).isEqualTo("500m");
            assertThat(text(api.getResources().getRequests(), "memory")).isEqualTo("256Mi");
            assertThat(text(container("proxy").getResources().getLimits(), "memory")).isEqualTo("128Mi");
            Deployment after = client.apps().deployments().inNamespace(NS).withName(CART).get();
            assertThat(after.getMetadata().getGeneration()).isEqualTo(2L);
            assertThat(after.getMetadata().getResourceVersion()).isNotEqualTo(version);
            assertThat(requests("PATCH")).singleElement().satisfies(p -> {
                assertThat(p.getPath()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/cart");
                assertThat(p.getHeader("Content-Type")).startsWith("application/json-patch+json");
            });
        }

        @Test
        void apply_statefulSetCpuRequest_patched() {
            Revisions.statefulSet(client);
            ActionResult result = actions.apply(raise("workload", "ledger", "kind", "statefulset", "resource", "cpu",
                    "field", "request", "value", "0.5"), REQUEST);
            assertThat(result).isInstanceOf(ActionResult.Applied.class);
            var ledger = client.apps().statefulSets().inNamespace(NS).withName("ledger").get().getSpec().getTemplate()
                    .getSpec().getContainers().get(0).getResources();
            assertThat(text(ledger.getRequests(), "cpu")).isEqualTo("0.5");
            assertThat(text(ledger.getLimits(), "cpu")).isEqualTo("500m");
        }

        @Test
        void apply_daemonSetSecondContainer_patchedAtItsIndex() {
            Revisions.daemonSet(client);
            ActionResult result = actions
                    .apply(raise("workload", "node-agent", "kind", "daemonset", "container", "proxy",
                            "value", "256Mi"), REQUEST);
            assertThat(result).isInstanceOf(ActionResult.Applied.class);
            var containers = client.apps().daemonSets().inNamespace(NS).withName("node-agent").get().getSpec()
                    .getTemplate().getSpec().getContainers();
            assertThat(text(containers.get(1).getResources().getLimits(), "memory")).isEqualTo("256Mi");
            assertThat(text(containers.get(0).getResources().getLimits(), "memory")).isEqualTo("512Mi");
        }

        @Test
        void apply_outOfBoundsNow_refused422AndNothingPatched() throws Exception {
            requests("PATCH");
            ActionResult result = actions.apply(raise("value", "4Gi"), REQUEST);
            assertThat(result)
                    .isEqualTo(new ActionResult.Refused(422, "out of the bounds of set_resources: memory limit"
                            + " of container api: 4Gi is more than 2x the current 512Mi (8.00x)"));
            assertThat(requests("PATCH")).isEmpty();
            assertThat(text(container("api").getResources().getLimits(), "memory")).isEqualTo("512Mi");
        }

        @Test
        void apply_containerAbsent_refused404() {
            assertThat(actions.apply(raise("container", "web"), REQUEST))
                    .isEqualTo(new ActionResult.Refused(404, "deployment shop/cart has no container web"));
        }

        @Test
        void apply_changedBetweenReadAndPatch_refused409AndValueKept() {
            // GIVEN the executor reads cart, then someone scales it before the patch
            Deployment stale = client.apps().deployments().inNamespace(NS).withName(CART).get();
            client.apps().deployments().inNamespace(NS).withName(CART).scale(3);
            cluster.server().expect().get().withPath("/apis/apps/v1/namespaces/shop/deployments/cart")
                    .andReturn(200, stale).once();
            // WHEN the limit is raised
            ActionResult result = actions.apply(raise(), REQUEST);
            // THEN 409, the limit as it was
            assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class, r -> {
                assertThat(r.httpStatus()).isEqualTo(409);
                assertThat(r.reason()).contains("the object has been modified");
            });
            assertThat(text(container("api").getResources().getLimits(), "memory")).isEqualTo("512Mi");
        }
    }

    // ---------------------------------------------------------------------- alreadyApplied

    @Nested
    class AlreadyApplied {
        @Test
        void alreadyApplied_beforeAndAfter_falseThenTrueHoweverWritten() {
            boolean before = actions.alreadyApplied(raise(), REQUEST, approvedAfterSetUp());
            actions.apply(raise(), REQUEST);
            assertThat(before).isFalse();
            assertThat(actions.alreadyApplied(raise(), REQUEST, approvedAfterSetUp())).isTrue();
            assertThat(actions.alreadyApplied(raise("value", "1024Mi"), REQUEST, approvedAfterSetUp())).isTrue();
            assertThat(actions.alreadyApplied(raise("value", "1G"), REQUEST, approvedAfterSetUp())).isFalse();
            assertThat(actions.alreadyApplied(raise("field", "request"), REQUEST, approvedAfterSetUp())).isFalse();
        }

        @Test
        void alreadyApplied_missingWorkloadOrContainer_false() {
            assertThat(actions.alreadyApplied(raise("workload", "ghost"), REQUEST, approvedAfterSetUp())).isFalse();
            assertThat(actions.alreadyApplied(raise("container", "web"), REQUEST, approvedAfterSetUp())).isFalse();
        }
    }

    // ---------------------------------------------------------------------- health

    @Nested
    class Health {
        @Test
        void health_patchedButNotRolledOut_unhealthy() {
            actions.apply(raise(), REQUEST);
            TargetHealth health = actions.health(raise());
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence())
                    .contains("deployment shop/cart status not yet updated to generation 2 (observed 1)");
        }

        @Test
        void health_rolledOutWithoutOomKills_healthy() {
            // GIVEN the raise applied and rolled out: new pods ready on the new template
            actions.apply(raise(), REQUEST);
            Revisions.rolledOut(client, null);
            // WHEN / THEN healthy, with the value in force
            TargetHealth health = actions.health(raise());
            assertThat(health.healthy()).as(health.evidence().toString()).isTrue();
            assertThat(health.evidence()).containsExactly("deployment shop/cart 2/2 ready",
                    "deployment shop/cart: memory limit of container api is 1Gi");
        }

        @Test
        void health_podOnTheNewTemplateOomKilled_unhealthy() {
            actions.apply(raise(), REQUEST);
            String hash = Revisions.rolledOut(client, KubernetesActions.OOM_KILLED);
            TargetHealth health = actions.health(raise());
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence()).contains("pod shop/cart-" + hash + "-y1 on the current template: container"
                    + " api (3 restarts) OOMKilled");
        }

        @Test
        void health_oldTemplatePodOomKilled_notCountedAgainstTheChange() {
            // GIVEN the raise rolled out, and a pod of the old template still around with an OOM kill behind it
            actions.apply(raise(), REQUEST);
            Revisions.rolledOut(client, null);
            client.resource(
                    Revisions.pod(CART + "-" + REV2_HASH + "-old", CART, REV2_HASH, KubernetesActions.OOM_KILLED))
                    .create();
            // WHEN / THEN the kill happened before the change: healthy
            TargetHealth health = actions.health(raise());
            assertThat(health.healthy()).as(health.evidence().toString()).isTrue();
        }

        @Test
        void health_valueRevertedSince_unhealthy() {
            actions.apply(raise(), REQUEST);
            client.apps().deployments().inNamespace(NS).withName(CART).edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                        .put("memory", new Quantity("512Mi"));
                return d;
            });
            Revisions.rolledOut(client, null);
            TargetHealth health = actions.health(raise());
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence()).contains("deployment shop/cart: memory limit of container api is 512Mi, not"
                    + " the 1Gi set");
        }

        @Test
        void health_statefulSetUpdateRevisionNotCurrentYet_unhealthy_thenOomKillOnItsPods() {
            // GIVEN the ledger's cpu limit raised; the controller has updated the pod but not settled the revisions
            Revisions.statefulSet(client);
            ProposedAction ledger = raise("workload", "ledger", "kind", "statefulset", "resource", "cpu", "value", "1");
            actions.apply(ledger, REQUEST);
            client.apps().statefulSets().inNamespace(NS).withName("ledger").editStatus(s -> {
                s.getStatus().setObservedGeneration(s.getMetadata().getGeneration());
                s.getStatus().setUpdateRevision("ledger-2");
                return s;
            });
            assertThat(actions.health(ledger).evidence()).contains("statefulset shop/ledger rollout: the update"
                    + " revision ledger-2 is not the current one yet (ledger-1)");
            // WHEN it settles with its pod of the update revision OOMKilled
            client.apps().statefulSets().inNamespace(NS).withName("ledger").editStatus(s -> {
                s.getStatus().setCurrentRevision("ledger-2");
                return s;
            });
            client.resource(new PodBuilder(Revisions.pod("ledger-0", "ledger", null, KubernetesActions.OOM_KILLED))
                    .editMetadata().addToLabels("controller-revision-hash", "ledger-2").endMetadata().build()).create();
            TargetHealth health = actions.health(ledger);
            // THEN unhealthy for the kill
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence()).containsExactly("statefulset shop/ledger 1/1 ready",
                    "statefulset shop/ledger: cpu limit of container api is 1",
                    "pod shop/ledger-0 on the current template: container api (3 restarts) OOMKilled");
        }
    }

    /** When the approval's dry-run read the cluster: after the fixture's objects were created. */
    private static java.time.Instant approvedAfterSetUp() {
        return java.time.Instant.now().plusSeconds(1);
    }
}
