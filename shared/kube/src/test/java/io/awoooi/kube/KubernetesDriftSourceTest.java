package io.awoooi.kube;

import static io.awoooi.kube.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.drift.Baseline;
import io.awoooi.core.drift.Baselines;
import io.awoooi.core.drift.DesiredSource;
import io.awoooi.core.drift.DriftCategory;
import io.awoooi.core.drift.DriftItem;
import io.awoooi.core.drift.DriftNarration;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.drift.DriftRedaction;
import io.awoooi.core.drift.DriftReport;
import io.awoooi.core.drift.DriftReports;
import io.awoooi.core.drift.DriftScan;
import io.awoooi.core.drift.WorkloadDrift;
import io.awoooi.core.drift.WorkloadRef;
import io.awoooi.core.narrative.DeterministicNarrator;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.Pseudonymizer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KubernetesDriftSourceTest {
    private static final String SECRET = "s3cr3t-Pa55-w0rd-Xy";
    private final MockCluster cluster = new MockCluster();
    private final Store store = new Store();

    @AfterEach
    void close() {
        cluster.close();
    }

    /** In-memory report and baseline store (the DynamoDB adapter is tested in shared/aws). */
    static final class Store implements DriftReports, Baselines {
        final Map<String, DriftReport> reports = new LinkedHashMap<>();
        final Map<String, Instant> notified = new HashMap<>();

        @Override
        public void save(DriftReport report) {
            reports.put(report.id(), report);
        }

        @Override
        public Optional<DriftReport> find(String id) {
            return Optional.ofNullable(reports.get(id));
        }

        @Override
        public Optional<DriftReport> latest() {
            return reports.values().stream().reduce((a, b) -> b);
        }

        @Override
        public boolean claimNotification(String fingerprint, Instant now, Duration reminder) {
            Instant last = notified.get(fingerprint);
            if (last != null && last.plus(reminder).isAfter(now)) {
                return false;
            }
            notified.put(fingerprint, now);
            return true;
        }

        @Override
        public Optional<Baseline> find(WorkloadRef ref) {
            return Optional.empty();
        }

        @Override
        public List<Baseline> inNamespace(String namespace) {
            return List.of();
        }

        @Override
        public void save(Baseline baseline) {
        }
    }

    private static Deployment deployment(String name, String image, int replicas, List<EnvVar> env) {
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace("shop").withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).withEnv(env).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** As kubectl apply leaves it: the applied object in the annotation, then the live object changed by hand. */
    private Deployment applied(Deployment declared, Deployment live) {
        String json = cluster.client().getKubernetesSerialization().asJson(declared);
        return new DeploymentBuilder(live).editMetadata()
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", json).endMetadata().build();
    }

    private static FieldsV1 fields(Map<String, Object> v1) {
        FieldsV1 f = new FieldsV1();
        v1.forEach(f::setAdditionalProperty);
        return f;
    }

    private DriftReport scan() {
        var source = new KubernetesDriftSource(cluster.client(), NamespaceSelection.all());
        return new DriftScan(source, store, store, DriftPolicy.defaults(),
                Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC)).run();
    }

    private static List<DriftItem> itemsOf(DriftReport r, String name) {
        return r.workloads().stream().filter(w -> w.ref().name().equals(name)).findFirst()
                .map(WorkloadDrift::items).orElse(List.of());
    }

    @Test
    void cluster_fiveScenarios_eachClassifiedAsExpected() {
        // GIVEN: image and replicas changed by hand after kubectl apply
        var checkout = applied(deployment("checkout", "shop/checkout:1.4", 3, List.of()),
                deployment("checkout", "shop/checkout:1.5-hotfix", 5, List.of()));
        // AND: kubectl-edit took the image of a Helm-managed deployment
        Map<String, Object> helmOwns = Map.of("f:spec", Map.of("f:replicas", Map.of(), "f:template", Map.of("f:spec",
                Map.of("f:containers", Map.of("k:{\"name\":\"app\"}", Map.of(".", Map.of(), "f:name", Map.of()))))));
        Map<String, Object> editOwns = Map.of("f:spec", Map.of("f:template", Map.of("f:spec",
                Map.of("f:containers", Map.of("k:{\"name\":\"app\"}", Map.of("f:image", Map.of()))))));
        var helm = new ManagedFieldsEntryBuilder().withManager("helm").withOperation("Update").withApiVersion("apps/v1")
                .withFieldsType("FieldsV1").withFieldsV1(fields(helmOwns)).build();
        var edit = new ManagedFieldsEntryBuilder().withManager("kubectl-edit").withOperation("Update")
                .withApiVersion("apps/v1").withFieldsType("FieldsV1").withFieldsV1(fields(editOwns))
                .withTime("2026-12-06T22:10:00Z").build();
        var cart = new DeploymentBuilder(deployment("cart", "shop/cart:2.1-debug", 2, List.of())).editMetadata()
                .withManagedFields(helm, edit).endMetadata().build();
        // AND: an HPA scaled a deployment from 2 to 6
        var search = applied(deployment("search", "shop/search:3", 2, List.of()),
                deployment("search", "shop/search:3", 6, List.of()));
        var hpa = new HorizontalPodAutoscalerBuilder().withNewMetadata().withNamespace("shop").withName("search")
                .endMetadata()
                .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName("search")
                .endScaleTargetRef().withMinReplicas(2).withMaxReplicas(10).endSpec().build();
        // AND: an object nobody declared
        var scratch = deployment("scratch", "busybox:1.36", 1, List.of());
        // AND: an env var holding a secret added by hand
        var payments = applied(deployment("payments", "shop/payments:7", 2, List.of(new EnvVar("MODE", "live", null))),
                deployment("payments", "shop/payments:7", 2, List.of(new EnvVar("MODE", "live", null),
                        new EnvVar("STRIPE_KEY", SECRET, null))));
        cluster.with(namespace("shop"), namespace("kube-system"), checkout, cart, search, hpa, scratch, payments);

        // WHEN scanned
        DriftReport r = scan();

        // THEN each scenario as expected
        assertThat(r.namespacesScanned()).containsExactly("shop");
        assertThat(r.itemsScanned()).isEqualTo(5);
        assertThat(itemsOf(r, "checkout")).extracting(DriftItem::category)
                .containsExactly(DriftCategory.IMAGE, DriftCategory.REPLICAS);
        assertThat(itemsOf(r, "cart")).singleElement().satisfies(i -> {
            assertThat(i.category()).isEqualTo(DriftCategory.IMAGE);
            assertThat(i.manager()).isEqualTo("kubectl-edit");
        });
        assertThat(r.workload("Deployment/shop/cart")).get().extracting(WorkloadDrift::source)
                .isEqualTo(DesiredSource.MANAGED_FIELDS);
        assertThat(itemsOf(r, "search")).isEmpty();
        assertThat(itemsOf(r, "scratch")).extracting(DriftItem::category).containsExactly(DriftCategory.UNMANAGED);
        assertThat(itemsOf(r, "payments")).extracting(DriftItem::category).containsExactly(DriftCategory.ENV);
        assertThat(r.workload("Deployment/shop/checkout")).get().extracting(WorkloadDrift::resourceVersion)
                .asString().isNotEmpty();

        // AND the secret never reaches the narration, its prompt or the operation row
        List<Operation> ops = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        OperationLog log = new OperationLog() {
            @Override
            public void append(Operation operation) {
                ops.add(operation);
            }

            @Override
            public List<Operation> trail(String incidentId) {
                return List.of();
            }
        };
        var narrative = new DriftNarration(new DeterministicNarrator(), t -> prompts.add(t.prompt() + t.response()),
                log,
                new DriftRedaction(new Pseudonymizer(new PiiScanner(), false)), Duration.ofSeconds(30),
                Clock.systemUTC()).narrate(r);
        assertThat(narrative.items().toString() + ops + prompts + narrative.summary()).doesNotContain(SECRET);
        assertThat(narrative.items())
                .anySatisfy(l -> assertThat(l.text()).contains("env STRIPE_KEY added (value not shown)"));
    }

    @Test
    void undriftedCluster_nothingReported_nobodyNotified() {
        // GIVEN two deployments exactly as applied
        var a = applied(deployment("a", "x:1", 2, List.of()), deployment("a", "x:1", 2, List.of()));
        var b = applied(deployment("b", "y:1", 1, List.of(new EnvVar("K", "v", null))),
                deployment("b", "y:1", 1, List.of(new EnvVar("K", "v", null))));
        cluster.with(namespace("shop"), a, b);
        // WHEN scanned
        DriftReport r = scan();
        // THEN nothing
        assertThat(r.workloads()).isEmpty();
        assertThat(r.notifies()).isFalse();
    }

    @Test
    void apiFailsForOneNamespace_itIsNamedAsNotScanned_othersScanned() {
        // GIVEN namespace "billing" whose deployments cannot be listed
        cluster.with(namespace("shop"), namespace("billing"),
                applied(deployment("checkout", "x:1", 1, List.of()), deployment("checkout", "x:2", 1, List.of())));
        var unavailable = new StatusBuilder().withCode(503).withReason("ServiceUnavailable").withMessage("etcd timeout")
                .build();
        cluster.server().expect().get().withPath("/apis/apps/v1/namespaces/billing/deployments?limit=500")
                .andReturn(503, unavailable).always();
        // WHEN scanned
        DriftReport r = scan();
        // THEN billing is named with the kind and the code, shop is scanned
        assertThat(r.namespacesNotScanned()).containsOnlyKeys("billing");
        assertThat(r.namespacesNotScanned().get("billing")).contains("Deployments").contains("503");
        assertThat(r.namespacesScanned()).containsExactly("shop");
        assertThat(r.itemCount()).isEqualTo(1);
    }

    @Test
    void workload_readsOneWithItsHpa_absentIsEmpty() {
        // GIVEN one deployment scaled by an HPA
        var hpa = new HorizontalPodAutoscalerBuilder().withNewMetadata().withNamespace("shop").withName("h")
                .endMetadata()
                .withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("search").endScaleTargetRef()
                .withMaxReplicas(4).endSpec().build();
        cluster.with(namespace("shop"), deployment("search", "s:1", 2, List.of()), hpa);
        var source = new KubernetesDriftSource(cluster.client(), NamespaceSelection.of("shop"));
        // WHEN read one by one
        var found = source.workload(new WorkloadRef("Deployment", "shop", "search"));
        var absent = source.workload(new WorkloadRef("Deployment", "shop", "gone"));
        // THEN
        assertThat(found).get().satisfies(w -> {
            assertThat(w.hpaTargeted()).isTrue();
            assertThat(w.uid()).isNotEmpty();
            assertThat(w.object()).doesNotContainKey("status");
        });
        assertThat(absent).isEmpty();
    }

    @Test
    void demoCluster_seededAsApplied_noDrift() {
        // GIVEN the demo topology, seeded as kubectl apply would
        DemoCluster.seedDemo(cluster.client());
        // WHEN scanned
        DriftReport r = scan();
        // THEN every workload is compared and none drifts
        assertThat(r.itemsScanned()).isPositive();
        assertThat(r.workloads()).isEmpty();
        assertThat(r.notifies()).isFalse();
    }
}
