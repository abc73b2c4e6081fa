package io.awoooi.kube;

import static io.awoooi.kube.EvidenceManifests.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.evidence.RolloutFacts;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Rollout history from ReplicaSets, and what changed between two pod templates (compared, never kept). */
class RolloutHistoryTest {
    private static final Instant T = Instant.parse("2026-11-25T00:00:00Z");

    private static PodTemplateSpec template() {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "x")
                .addToLabels("pod-template-hash", "aaa")
                .endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("img:1")
                .addNewEnv().withName("MODE").withValue("a").endEnv()
                .withNewResources().addToLimits("memory", new Quantity("512Mi")).endResources()
                .withCommand("run").withNewReadinessProbe().withNewHttpGet().withPath("/ready").endHttpGet()
                .endReadinessProbe()
                .endContainer()
                .addNewVolume().withName("cfg").withNewConfigMap().withName("cfg-1").endConfigMap().endVolume()
                .endSpec().build();
    }

    private static List<String> changes(UnaryOperator<PodTemplateSpecBuilder> edit) {
        return RolloutHistory.changes(template(), edit.apply(new PodTemplateSpecBuilder(template())).build());
    }

    @Test
    void changes_eachKindOfChange_isNamed() {
        assertThat(changes(b -> b)).isEmpty();
        assertThat(changes(b -> b.editMetadata().addToLabels("pod-template-hash", "bbb").endMetadata())).isEmpty();
        assertThat(changes(b -> b.editSpec().editFirstContainer().withImage("img:2").endContainer().endSpec()))
                .containsExactly("image");
        assertThat(changes(
                b -> b.editSpec().editFirstContainer().editFirstEnv().withValue("b").endEnv().endContainer().endSpec()))
                .containsExactly("env");
        assertThat(changes(
                b -> b.editSpec().editFirstContainer().editResources().addToLimits("memory", new Quantity("1Gi"))
                        .endResources().endContainer().endSpec()))
                .containsExactly("resources");
        // the same quantity written differently is no change
        assertThat(changes(
                b -> b.editSpec().editFirstContainer().editResources().addToLimits("memory", new Quantity("536870912"))
                        .endResources().endContainer().endSpec()))
                .isEmpty();
        assertThat(changes(b -> b.editSpec().editFirstContainer().withArgs("--fast").endContainer().endSpec()))
                .containsExactly("command");
        assertThat(changes(
                b -> b.editSpec().editFirstContainer().editReadinessProbe().withPeriodSeconds(1).endReadinessProbe()
                        .endContainer().endSpec()))
                .containsExactly("probes");
        assertThat(changes(b -> b.editSpec().editFirstVolume().editConfigMap().withName("cfg-2").endConfigMap()
                .endVolume().endSpec()))
                .containsExactly("volumes");
        assertThat(changes(
                b -> b.editMetadata().addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-11-25T00:00:00Z")
                        .endMetadata()))
                .containsExactly("other");
        assertThat(changes(b -> b.editSpec().withServiceAccountName("other").endSpec())).containsExactly("other");
        assertThat(changes(
                b -> b.editSpec().editFirstContainer().withImage("img:2").withImagePullPolicy("Always").endContainer()
                        .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer().endSpec()))
                .containsExactly("image", "other");
    }

    @Test
    void of_singleRevision_hasNoPrevious() {
        ReplicaSet only = replicaSet("shop", "api", "uid", "aaa", 1, "img:1", T, 2);
        assertThat(RolloutHistory.of(List.of(only)))
                .contains(new RolloutFacts(1, "aaa", Optional.of(T), Optional.empty(),
                        Optional.empty(), 0, Optional.empty(), List.of()));
        assertThat(RolloutHistory.of(
                List.of(new ReplicaSetBuilder(only).editMetadata().withAnnotations(Map.of()).endMetadata().build())))
                .isEmpty();
    }

    @Test
    void of_previousIsTheNextLowerRevision() {
        // GIVEN revisions 1, 3 and 4 (2 was cleaned up)
        List<ReplicaSet> sets = List.of(
                replicaSet("shop", "api", "uid", "r1", 1, "img:1", T, 0),
                replicaSet("shop", "api", "uid", "r4", 4, "img:4", T.plusSeconds(3000), 0),
                replicaSet("shop", "api", "uid", "r3", 3, "img:3", T.plusSeconds(1000), 3));
        // WHEN / THEN
        RolloutFacts facts = RolloutHistory.of(sets).orElseThrow();
        assertThat(facts.currentRevision()).isEqualTo(4);
        assertThat(facts.previousRevision()).contains(3L);
        assertThat(facts.previousHash()).contains("r3");
        assertThat(facts.previousReadyReplicas()).isEqualTo(3);
        assertThat(facts.previousServedFor()).contains(java.time.Duration.ofSeconds(2000));
    }

    @Test
    void owned_byControllerUidElseBySelectorWhenNoOwnerIsSet() {
        Deployment api = Manifests.deployment("shop", "api", "img:1", 8080);
        api.getMetadata().setUid("uid-api");
        ReplicaSet mine = replicaSet("shop", "api", "uid-api", "aaa", 1, "img:1", T, 1);
        ReplicaSet other = replicaSet("shop", "api", "uid-other", "bbb", 1, "img:1", T, 1);
        ReplicaSet orphan = new ReplicaSetBuilder(replicaSet("shop", "api", "x", "ccc", 1, "img:1", T, 1))
                .editMetadata().withOwnerReferences(List.of()).endMetadata().build();
        ReplicaSet elsewhere = new ReplicaSetBuilder(mine).editMetadata().withNamespace("other").endMetadata().build();
        assertThat(RolloutHistory.owned(api, List.of(mine, other, orphan, elsewhere))).containsExactly(mine, orphan);
    }
}
