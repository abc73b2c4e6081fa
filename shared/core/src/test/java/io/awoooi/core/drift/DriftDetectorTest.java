package io.awoooi.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
    private final DriftDetector detector = new DriftDetector(DriftPolicy.defaults());

    private static LiveWorkload lastApplied(Map<String, Object> applied, Map<String, Object> live, boolean hpa) {
        Workloads.annotations(live).put(LiveWorkload.LAST_APPLIED, Workloads.json(applied));
        return Workloads.live("checkout", live, hpa, List.of());
    }

    @Test
    void lastAppliedUnchanged_withServerDefaults_noDrift() {
        // GIVEN a deployment applied with kubectl apply, read back with the API server's defaults
        var applied = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of("MODE", "live"));
        var live = Workloads
                .withDefaults(Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of("MODE", "live")));
        Workloads.container(live).put("resources", Map.of("limits", Map.of("cpu", "0.5", "memory", "1024Mi")));
        // WHEN it is compared
        var d = detector.detect(lastApplied(applied, live, false), Optional.empty());
        // THEN defaults and equal quantities in another notation are not drift
        assertThat(d.drift().source()).isEqualTo(DesiredSource.LAST_APPLIED);
        assertThat(d.drift().items()).isEmpty();
    }

    @Test
    void lastAppliedImageAndReplicasChangedByHand_twoItemsImageHighest() {
        // GIVEN the image and replicas changed after kubectl apply
        var applied = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of());
        var live = Workloads.withDefaults(Workloads.deployment("checkout", "shop/checkout:1.5-hotfix", 5, Map.of()));
        // WHEN detected
        var items = detector.detect(lastApplied(applied, live, false), Optional.empty()).drift().items();
        // THEN both, the image first (HIGH), with desired and live values
        assertThat(items).extracting(DriftItem::category).containsExactly(DriftCategory.IMAGE, DriftCategory.REPLICAS);
        assertThat(items.getFirst().severity()).isEqualTo(Severity.HIGH);
        assertThat(items.getFirst().desired()).isEqualTo("shop/checkout:1.4");
        assertThat(items.getFirst().live()).isEqualTo("shop/checkout:1.5-hotfix");
        assertThat(items.get(1).desired()).isEqualTo("3");
        assertThat(items.get(1).live()).isEqualTo("5");
        assertThat(items).allMatch(DriftItem::restorable);
    }

    @Test
    void hpaTarget_replicasDifferent_notDrift() {
        // GIVEN an HPA scaled the deployment from 3 to 7 replicas, and someone restarted it
        var applied = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of());
        var live = Workloads.deployment("checkout", "shop/checkout:1.4", 7, Map.of());
        @SuppressWarnings("unchecked")
        var template = (Map<String, Object>) ((Map<String, Object>) live.get("spec")).get("template");
        @SuppressWarnings("unchecked")
        var md = (Map<String, Object>) template.get("metadata");
        md.put("annotations", new LinkedHashMap<>(Map.of("kubectl.kubernetes.io/restartedAt", "2026-12-07T03:00:00Z")));
        // WHEN detected with the HPA known
        var items = detector.detect(lastApplied(applied, live, true), Optional.empty()).drift().items();
        // THEN neither the replicas nor the restart annotation are drift
        assertThat(items).isEmpty();
    }

    @Test
    void envVarAddedAndChanged_inDeclaredContainer_drift() {
        // GIVEN an env var changed and one added by kubectl set env
        var applied = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of("MODE", "live"));
        var live = Workloads.deployment("checkout", "shop/checkout:1.4", 3,
                new LinkedHashMap<>(Map.of("MODE", "debug", "DB_PASSWORD", "hunter2-secret")));
        // WHEN detected
        var items = detector.detect(lastApplied(applied, live, false), Optional.empty()).drift().items();
        // THEN two env items; the added one has no desired value
        assertThat(items).extracting(DriftItem::path).containsExactlyInAnyOrder(
                "spec.template.spec.containers[app].env[MODE]", "spec.template.spec.containers[app].env[DB_PASSWORD]");
        assertThat(items).filteredOn(i -> i.path().endsWith("[DB_PASSWORD]")).first()
                .satisfies(i -> assertThat(i.desired()).isNull());
        // AND no env value is kept, only digests
        assertThat(items).allSatisfy(i -> assertThat(i.live()).startsWith("digest:"));
        assertThat(items.toString()).doesNotContain("hunter2-secret").doesNotContain("debug");
    }

    @Test
    void injectedSidecarAndExtraLabels_notDrift() {
        // GIVEN a mesh injected a sidecar and a controller added a label
        var applied = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of());
        var live = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of());
        @SuppressWarnings("unchecked")
        var pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) live.get("spec")).get("template"))
                .get("spec");
        @SuppressWarnings("unchecked")
        var containers = (List<Object>) pod.get("containers");
        containers.add(new LinkedHashMap<>(Map.of("name", "istio-proxy", "image", "istio/proxyv2:1.22")));
        @SuppressWarnings("unchecked")
        var labels = (Map<String, Object>) ((Map<String, Object>) live.get("metadata")).get("labels");
        labels.put("team", "payments");
        // WHEN detected
        var items = detector.detect(lastApplied(applied, live, false), Optional.empty()).drift().items();
        // THEN nothing
        assertThat(items).isEmpty();
    }

    @Test
    void managedFields_kubectlEditOverHelm_imageIsDriftWithUnknownDesired() {
        // GIVEN helm owns the container, kubectl-edit took its image over
        var live = Workloads.deployment("checkout", "shop/checkout:1.5-hotfix", 3, Map.of());
        var helm = new ManagedFieldsEntry("helm", "Update", Instant.parse("2026-12-01T00:00:00Z"),
                FieldsV1.paths(Map.of(
                        "f:spec", Map.of("f:replicas", Map.of(), "f:template", Map.of("f:spec", Map.of("f:containers",
                                Map.of("k:{\"name\":\"app\"}",
                                        Map.of(".", Map.of(), "f:name", Map.of(), "f:env", Map.of()))))))));
        var edit = new ManagedFieldsEntry("kubectl-edit", "Update", Instant.parse("2026-12-06T00:00:00Z"),
                FieldsV1.paths(Map.of(
                        "f:spec", Map.of("f:template", Map.of("f:spec", Map.of("f:containers",
                                Map.of("k:{\"name\":\"app\"}", Map.of("f:image", Map.of()))))))));
        // WHEN detected (no last-applied)
        var d = detector.detect(Workloads.live("checkout", live, false, List.of(helm, edit)), Optional.empty()).drift();
        // THEN the image, by kubectl-edit, desired unknown so not restorable
        assertThat(d.source()).isEqualTo(DesiredSource.MANAGED_FIELDS);
        assertThat(d.items()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("spec.template.spec.containers[app].image");
            assertThat(i.manager()).isEqualTo("kubectl-edit");
            assertThat(i.live()).isEqualTo("shop/checkout:1.5-hotfix");
            assertThat(i.restorable()).isFalse();
        });
    }

    @Test
    void managedFields_kubectlScaleOnHpaTarget_notDrift() {
        // GIVEN a declarative owner and kubectl-scale owning replicas of an HPA target
        var live = Workloads.deployment("checkout", "shop/checkout:1.4", 9, Map.of());
        var apply = new ManagedFieldsEntry("argocd-controller", "Apply", null, FieldsV1.paths(Map.of(
                "f:spec", Map.of("f:selector", Map.of()))));
        var scale = new ManagedFieldsEntry("kubectl-scale", "Update", null, FieldsV1.paths(Map.of(
                "f:spec", Map.of("f:replicas", Map.of()))));
        // WHEN detected with and without the HPA
        var withHpa = detector.detect(Workloads.live("checkout", live, true, List.of(apply, scale)), Optional.empty());
        var without = detector.detect(Workloads.live("checkout", live, false, List.of(apply, scale)), Optional.empty());
        // THEN only without the HPA are the replicas drift
        assertThat(withHpa.drift().items()).isEmpty();
        assertThat(without.drift().items()).extracting(DriftItem::category).containsExactly(DriftCategory.REPLICAS);
    }

    @Test
    void noDeclarativeOwner_unmanagedItem() {
        // GIVEN an object created with kubectl create (an Update manager only)
        var live = Workloads.deployment("scratch", "busybox:1.36", 1, Map.of());
        var create = new ManagedFieldsEntry("kubectl-create", "Update", null,
                FieldsV1.paths(Map.of("f:spec", Map.of("f:replicas", Map.of()))));
        // WHEN detected
        var d = detector.detect(Workloads.live("scratch", live, false, List.of(create)), Optional.empty()).drift();
        // THEN one unmanaged item
        assertThat(d.source()).isEqualTo(DesiredSource.NONE);
        assertThat(d.items()).extracting(DriftItem::category).containsExactly(DriftCategory.UNMANAGED);
    }

    @Test
    void controllerOwnedObject_notScanned() {
        // GIVEN an object an operator owns
        var live = Workloads.deployment("db", "postgres:16", 1, Map.of());
        @SuppressWarnings("unchecked")
        var md = (Map<String, Object>) live.get("metadata");
        md.put("ownerReferences", List.of(Map.of("kind", "Cluster", "name", "db", "controller", true)));
        // WHEN detected
        var d = detector.detect(Workloads.live("db", live, false, List.of()), Optional.empty()).drift();
        // THEN nothing, not even unmanaged
        assertThat(d.items()).isEmpty();
    }

    @Test
    void baseline_takesPrecedenceOverLastApplied_exactComparison() {
        // GIVEN a human accepted image 1.5 although last-applied says 1.4
        var applied = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of());
        var accepted = lastApplied(applied, Workloads.deployment("checkout", "shop/checkout:1.5", 3, Map.of()), false);
        var baseline = new Baseline(accepted.ref(), accepted.uid(), DriftDetector.snapshot(accepted), "ap_1",
                Instant.parse("2026-12-06T10:00:00Z"), "drf_x");
        // WHEN the same state and then a changed replica count are detected
        var same = detector.detect(accepted, Optional.of(baseline));
        var changedLive = Workloads.deployment("checkout", "shop/checkout:1.5", 4, Map.of());
        var changed = detector.detect(lastApplied(applied, changedLive, false), Optional.of(baseline));
        // THEN the accepted state is no drift; the new change is, against the baseline
        assertThat(same.drift().source()).isEqualTo(DesiredSource.BASELINE);
        assertThat(same.drift().items()).isEmpty();
        assertThat(changed.drift().items()).singleElement()
                .satisfies(i -> assertThat(i.desired()).isEqualTo("3"));
    }

    @Test
    void baselineOfOtherKindOrRecreatedObject_reportedNotApplied() {
        // GIVEN baselines for another kind and another uid
        var applied = Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of());
        var live = lastApplied(applied, Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of()), false);
        var otherKind = new Baseline(new WorkloadRef("StatefulSet", "shop", "checkout"), live.uid(), Map.of(), "ap_1",
                Instant.EPOCH, "");
        var recreated = new Baseline(live.ref(), "uid-old", Map.of(), "ap_1", Instant.EPOCH, "");
        // WHEN detected
        var a = detector.detect(live, Optional.of(otherKind));
        var b = detector.detect(live, Optional.of(recreated));
        // THEN each is reported and the last-applied configuration is used instead
        assertThat(a.problems()).singleElement().asString().contains("kind StatefulSet");
        assertThat(b.problems()).singleElement().asString().contains("recreated");
        assertThat(a.drift().source()).isEqualTo(DesiredSource.LAST_APPLIED);
        assertThat(b.drift().items()).isEmpty();
    }

    @Test
    void fieldsV1_listKeysAndSetValues_becomePaths() {
        // GIVEN a fieldsV1 document with a keyed list element and a set value
        var paths = FieldsV1.paths(Map.of("f:spec", Map.of("f:template", Map.of("f:spec", Map.of("f:containers",
                Map.of("k:{\"name\":\"app\"}",
                        Map.of("f:env", Map.of("k:{\"name\":\"MODE\"}", Map.of("f:value", Map.of()))))))),
                "f:metadata", Map.of("f:finalizers", Map.of("v:\"x\"", Map.of()))));
        // THEN they read as dotted paths and map to tracked fields
        assertThat(paths).contains("spec.template.spec.containers[app].env[MODE].value", "metadata.finalizers[x]");
        assertThat(TrackedFields.trackedOf("spec.template.spec.containers[app].env[MODE].value"))
                .contains("spec.template.spec.containers[app].env[MODE]");
        assertThat(TrackedFields.trackedOf("spec.template.spec.containers[app].livenessProbe.httpGet.port"))
                .contains("spec.template.spec.containers[app].livenessProbe");
        assertThat(TrackedFields.trackedOf("spec.template.metadata.annotations.kubectl.kubernetes.io/restartedAt"))
                .isEmpty();
        assertThat(TrackedFields.trackedOf("status.replicas")).isEmpty();
    }
}
