package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.drift.Baseline;
import io.awoooi.core.drift.DriftDetector;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.drift.WorkloadRef;
import io.awoooi.core.execution.ActionResult;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * restore_fields on the fabric8 mock server (CRUD): the plan, the write-back of image, replicas,
 * resources and env vars (a value and a secretKeyRef), an HPA's replicas left alone, a baseline's
 * desired state, and what it refuses; no value in what it says.
 */
class KubernetesRestoresTest {
    private static final String SECRET = "hand-set-S3cret-Value";
    private final MockCluster cluster = new MockCluster();
    private final Map<WorkloadRef, Baseline> baselines = new HashMap<>();

    @AfterEach
    void close() {
        cluster.close();
    }

    private KubernetesRestores restores() {
        return new KubernetesRestores(cluster.client(), ref -> Optional.ofNullable(baselines.get(ref)),
                DriftPolicy.defaults());
    }

    private static Deployment deployment(String image, int replicas, String memory, List<EnvVar> env) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("shop").withName("checkout").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "checkout")
                .endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "checkout").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).withEnv(env).withNewResources()
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity(memory)).endResources()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private Deployment applied(Deployment declared, Deployment live) {
        String json = cluster.client().getKubernetesSerialization().asJson(declared);
        return new DeploymentBuilder(live).editMetadata()
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", json).endMetadata().build();
    }

    private static EnvVar value(String name, String v) {
        return new EnvVarBuilder().withName(name).withValue(v).build();
    }

    private static EnvVar fromSecret(String name) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName("db").withKey("url")
                .endSecretKeyRef().endValueFrom().build();
    }

    private Deployment live() {
        return cluster.client().apps().deployments().inNamespace("shop").withName("checkout").get();
    }

    private static ProposedAction restore(String fields, String resourceVersion) {
        return new ProposedAction(ActionType.RESTORE_FIELDS, Map.of("namespace", "shop", "workload", "checkout",
                "kind", "deployment", "fields", fields, "resourceVersion", resourceVersion));
    }

    private static final String ALL = "spec.replicas,spec.template.spec.containers[app].env[DB_URL],"
            + "spec.template.spec.containers[app].env[TOKEN],spec.template.spec.containers[app].image,"
            + "spec.template.spec.containers[app].resources";

    @Test
    void lastApplied_everyRestorableField_putBack_effective_noValueSaid() {
        // GIVEN image, replicas, a memory limit, an env value and a secretKeyRef changed by hand
        cluster.with(applied(
                deployment("shop/checkout:1", 2, "512Mi", List.of(value("TOKEN", "declared"), fromSecret("DB_URL"))),
                deployment("shop/checkout:2", 6, "1Gi", List.of(value("TOKEN", SECRET), value("DB_URL", "inline")))));
        String rv = live().getMetadata().getResourceVersion();
        KubernetesRestores restores = restores();
        // WHEN dry-run, applied and checked
        DryRunCheck check = restores.check(restore(ALL, rv), "bounds");
        ActionResult result = restores.apply(restore(ALL, rv), "apr_test");
        // THEN all of it is as declared again, the workload names the request, nothing said a value
        assertThat(check.passed()).as(check.reason()).isTrue();
        assertThat(result).isInstanceOf(ActionResult.Applied.class);
        Deployment after = live();
        var c = after.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(after.getSpec().getReplicas()).isEqualTo(2);
        assertThat(c.getImage()).isEqualTo("shop/checkout:1");
        assertThat(c.getResources().getLimits().get("memory").getNumericalAmount())
                .isEqualByComparingTo(new io.fabric8.kubernetes.api.model.Quantity("512Mi").getNumericalAmount());
        assertThat(c.getEnv()).extracting(EnvVar::getName).containsExactlyInAnyOrder("TOKEN", "DB_URL");
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("TOKEN")).first()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("declared"));
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("DB_URL")).first().satisfies(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db");
        });
        assertThat(after.getMetadata().getAnnotations()).containsEntry(KubernetesRestores.RESTORED_BY, "apr_test");
        assertThat(restores.health(restore(ALL, rv)).healthy()).isTrue();
        assertThat(restores.alreadyApplied(restore(ALL, rv))).isTrue();
        assertThat(check.reason() + result + restores.health(restore(ALL, rv))).doesNotContain(SECRET, "declared");
    }

    @Test
    void changedSinceTheReport_refused_nothingWritten() {
        // GIVEN a drifted image, then another change after the report read resourceVersion rv
        cluster.with(applied(deployment("shop/checkout:1", 2, "512Mi", List.of()),
                deployment("shop/checkout:2", 2, "512Mi", List.of())));
        String rv = live().getMetadata().getResourceVersion();
        cluster.client().apps().deployments().inNamespace("shop").withName("checkout").edit(d -> {
            d.getSpec().setReplicas(3);
            return d;
        });
        ProposedAction action = restore("spec.template.spec.containers[app].image", rv);
        // WHEN checked and applied / THEN refused (409), the image still the hand-set one
        assertThat(restores().check(action, "bounds").passed()).isFalse();
        assertThat(restores().apply(action, "apr_test")).isInstanceOfSatisfying(ActionResult.Refused.class,
                r -> assertThat(r.httpStatus()).isEqualTo(409));
        assertThat(live().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("shop/checkout:2");
    }

    @Test
    void hpaTarget_replicasNotDrift_notRestorable() {
        // GIVEN replicas an HPA changed, nothing else
        cluster.with(applied(deployment("shop/checkout:1", 2, "512Mi", List.of()),
                deployment("shop/checkout:1", 9, "512Mi", List.of())),
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withNamespace("shop").withName("checkout")
                        .endMetadata()
                        .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                        .withName("checkout").endScaleTargetRef().withMaxReplicas(10).endSpec().build());
        ProposedAction action = restore("spec.replicas", live().getMetadata().getResourceVersion());
        // WHEN checked / THEN nothing to put back, and the replicas stay the HPA's
        assertThat(restores().check(action, "bounds")).satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.reason()).contains("nothing to put back");
        });
        assertThat(live().getSpec().getReplicas()).isEqualTo(9);
    }

    @Test
    void baseline_isTheDesiredState_overLastApplied_andItsEnvValuesCannotBeRestored() {
        // GIVEN people accepted image :3 (a baseline), then someone set :4
        cluster.with(applied(deployment("shop/checkout:1", 2, "512Mi", List.of(value("TOKEN", "a"))),
                deployment("shop/checkout:3", 2, "512Mi", List.of(value("TOKEN", "a")))));
        var accepted = live();
        var liveWorkload = new KubernetesDriftSource(cluster.client(), NamespaceSelection.all())
                .workload(new WorkloadRef("Deployment", "shop", "checkout")).orElseThrow();
        baselines.put(liveWorkload.ref(), new Baseline(liveWorkload.ref(), accepted.getMetadata().getUid(),
                DriftDetector.snapshot(liveWorkload), "alice", Instant.now(), "drf_202612070000_0123456789"));
        cluster.client().apps().deployments().inNamespace("shop").withName("checkout").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("shop/checkout:4");
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().getFirst().setValue(SECRET);
            return d;
        });
        String rv = live().getMetadata().getResourceVersion();
        // WHEN the image is restored / THEN to the baseline's :3, not last-applied's :1
        assertThat(restores().apply(restore("spec.template.spec.containers[app].image", rv), "apr_b"))
                .isInstanceOf(ActionResult.Applied.class);
        assertThat(live().getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("shop/checkout:3");
        // AND an env value of a baseline (kept only as a digest) is refused, never guessed
        DryRunCheck env = restores().check(restore("spec.template.spec.containers[app].env[TOKEN]",
                live().getMetadata().getResourceVersion()), "bounds");
        assertThat(env.passed()).isFalse();
        assertThat(env.reason()).contains("digest").doesNotContain(SECRET);
    }
}
