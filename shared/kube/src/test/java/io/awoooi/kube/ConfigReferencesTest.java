package io.awoooi.kube;

import static io.awoooi.kube.Manifests.deployment;
import static io.awoooi.kube.Manifests.namespace;
import static io.awoooi.kube.Manifests.service;
import static io.awoooi.kube.Manifests.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.awoooi.core.topology.Dependency;
import io.awoooi.core.topology.TopologySnapshot;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Edges from Service DNS names in environment values and referenced ConfigMaps (mock API server, CRUD mode). */
class ConfigReferencesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
    private final MockCluster cluster = new MockCluster();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stop() {
        log.close();
        cluster.close();
    }

    private TopologySnapshot snapshot(NamespaceSelection namespaces) {
        return new KubernetesTopologySource(cluster.client(), namespaces, Clock.fixed(NOW, ZoneOffset.UTC)).snapshot();
    }

    /** The orders Deployment with these env values, an envFrom ConfigMap and a ConfigMap volume. */
    private static Deployment orders(Map<String, String> env) {
        DeploymentBuilder b = new DeploymentBuilder(deployment("shop", "orders", "ghcr.io/example/orders:1", 8080));
        env.forEach((name, value) -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName(name).withValue(value).endEnv().endContainer().endSpec().endTemplate().endSpec());
        return b.editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnvFrom().withNewConfigMapRef().withName("orders-env").endConfigMapRef().endEnvFrom()
                .addNewEnv().withName("PAYMENTS_URL").withNewValueFrom().withNewConfigMapKeyRef().withName("orders-env")
                .withKey("payments").endConfigMapKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName("orders-db-creds")
                .withKey("password").endSecretKeyRef().endValueFrom().endEnv()
                .endContainer()
                .addNewVolume().withName("cfg").withNewConfigMap().withName("orders-files").endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    @Test
    void snapshot_envAndConfigMaps_nameServicesByDns_areEdgesWithTheirSource() {
        // GIVEN orders, whose env names the database by URL, whose env ConfigMap names redis and
        // payments, whose file ConfigMap names kafka in full and a ledger in another namespace;
        // plus names that must not become edges (a database name, a longer word, an external host)
        cluster.with(namespace("shop"), namespace("billing"),
                orders(Map.of("DATABASE_URL", "postgres://app@orders-db:5432/orders", "DB_NAME", "payments",
                        "NOTE", "orders-db-backup", "STRIPE", "https://api.stripe.com/v1")),
                statefulSet("shop", "orders-db-main", "postgres:16", 5432, 1, 1),
                service("shop", "orders-db", "orders-db-main", 5432),
                deployment("shop", "redis", "redis:7", 6379), service("shop", "redis", "redis", 6379),
                deployment("shop", "payments", "ghcr.io/example/payments:1", 8080),
                service("shop", "payments", "payments", 8080),
                statefulSet("shop", "kafka", "apache/kafka:3", 9092, 1, 1), service("shop", "kafka", "kafka", 9092),
                deployment("billing", "ledger", "ghcr.io/example/ledger:1", 8080),
                service("billing", "ledger", "ledger", 8080),
                deployment("shop", "unused", "ghcr.io/example/unused:1", 8080),
                service("shop", "unused", "unused", 8080),
                new ConfigMapBuilder().withNewMetadata().withNamespace("shop").withName("orders-env").endMetadata()
                        .addToData("CACHE_HOST", "redis").addToData("payments", "http://payments:8080").build(),
                new ConfigMapBuilder().withNewMetadata().withNamespace("shop").withName("orders-files").endMetadata()
                        .addToData("application.yaml", """
                                kafka:
                                  bootstrap: kafka.shop.svc.cluster.local:9092
                                ledger:
                                  url: http://ledger.billing:8080/api
                                """).build(),
                new ConfigMapBuilder().withNewMetadata().withNamespace("shop").withName("not-referenced").endMetadata()
                        .addToData("UNUSED_URL", "http://unused:8080").build());

        // WHEN discovered
        TopologySnapshot snapshot = snapshot(NamespaceSelection.all());

        assertThat(log.warnings()).isEmpty();
        // THEN the DNS names are edges to the nodes behind the Services, with where they were found
        assertThat(snapshot.dependencies()).filteredOn(d -> d.from().name().equals("orders"))
                .extracting(d -> d.to().toString(), Dependency::source)
                .containsExactly(
                        tuple("billing/ledger", "configmap"),
                        tuple("shop/kafka", "configmap"),
                        tuple("shop/orders-db-main", "env"),
                        tuple("shop/payments", "configmap"),
                        tuple("shop/redis", "configmap"));
    }

    @Test
    void snapshot_annotationWinsOverEnv_andConfigMapsForbidden_keepsEnvEdges() {
        // GIVEN an edge declared and named in env, and ConfigMaps the identity may not read
        Deployment orders = new DeploymentBuilder(
                orders(Map.of("REDIS_ADDR", "redis:6379", "DATABASE_HOST", "orders-db")))
                .editMetadata().addToAnnotations(KubernetesTopologySource.DEPENDS_ON_ANNOTATION, "redis").endMetadata()
                .build();
        cluster.with(namespace("shop"), orders,
                deployment("shop", "redis", "redis:7", 6379), service("shop", "redis", "redis", 6379),
                deployment("shop", "orders-db", "postgres:16", 5432), service("shop", "orders-db", "orders-db", 5432));
        var forbidden = new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("forbidden").build();
        cluster.server().expect().get().withPath("/api/v1/namespaces/shop/configmaps/orders-env")
                .andReturn(403, forbidden).always();
        cluster.server().expect().get().withPath("/api/v1/namespaces/shop/configmaps/orders-files")
                .andReturn(403, forbidden).always();

        // WHEN discovered
        TopologySnapshot snapshot = snapshot(NamespaceSelection.of("shop"));

        // THEN one edge per pair, the annotation's first; the env edges stay
        assertThat(snapshot.dependencies()).extracting(d -> d.to().name(), Dependency::source)
                .containsExactly(tuple("orders-db", "env"), tuple("redis", "annotation"));
        // AND the first refused ConfigMap is one warning; the second is not asked for
        assertThat(log.warnings()).singleElement().asString().contains("ConfigMaps", "HTTP 403");
    }
}
