package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.topology.ComponentKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Component kind precedence: annotation, component label, image, port, SERVICE. */
class KindClassifierTest {
    private static final String KIND = KindClassifier.KIND_ANNOTATION;
    private static final String COMPONENT = KindClassifier.COMPONENT_LABEL;

    private static ComponentKind classify(Map<String, String> annotations, Map<String, String> labels,
            List<String> images, List<Integer> ports) {
        return KindClassifier.classify(List.of(annotations), List.of(labels), images, ports);
    }

    @Test
    void classify_everySignalPresent_annotationWins() {
        // GIVEN an annotation saying cache, a label saying queue, a postgres image and the kafka port
        // WHEN classified / THEN the annotation decides
        assertThat(classify(Map.of(KIND, "cache"), Map.of(COMPONENT, "queue"), List.of("postgres:16"), List.of(9092)))
                .isEqualTo(ComponentKind.CACHE);
    }

    @Test
    void classify_annotationSaysService_beatsADatabaseImage() {
        assertThat(classify(Map.of(KIND, "service"), Map.of(), List.of("postgres:16"), List.of(5432)))
                .isEqualTo(ComponentKind.SERVICE);
        assertThat(classify(Map.of(KIND, " OTHER "), Map.of(), List.of(), List.of())).isEqualTo(ComponentKind.OTHER);
    }

    @Test
    void classify_unknownAnnotationValue_fallsThroughToTheLabel() {
        assertThat(classify(Map.of(KIND, "mainframe"), Map.of(COMPONENT, "db"), List.of("redis:7"), List.of()))
                .isEqualTo(ComponentKind.DATABASE);
    }

    @Test
    void classify_labelWithoutAnnotation_beatsImageAndPort() {
        assertThat(classify(Map.of(), Map.of(COMPONENT, "broker"), List.of("redis:7"), List.of(6379)))
                .isEqualTo(ComponentKind.QUEUE);
    }

    @Test
    void classify_labelThatSaysNothingAboutTheKind_fallsThroughToTheImage() {
        // GIVEN the Bitnami chart convention: component "primary" on a postgresql image
        assertThat(classify(Map.of(), Map.of(COMPONENT, "primary"), List.of("docker.io/bitnami/postgresql:16.2.0"),
                List.of()))
                .isEqualTo(ComponentKind.DATABASE);
    }

    @Test
    void classify_imageWithoutLabel_beatsThePort() {
        assertThat(classify(Map.of(), Map.of(), List.of("memcached:1.6"), List.of(5432)))
                .isEqualTo(ComponentKind.CACHE);
    }

    @Test
    void classify_onlyAWellKnownPort_decides() {
        assertThat(classify(Map.of(), Map.of(), List.of("ghcr.io/example/thing:1"), List.of(8080, 27017)))
                .isEqualTo(ComponentKind.DATABASE);
        assertThat(classify(Map.of(), Map.of(), List.of(), List.of(4222))).isEqualTo(ComponentKind.QUEUE);
    }

    @Test
    void classify_nothingKnown_isService() {
        assertThat(classify(Map.of(), Map.of(COMPONENT, "frontend"), List.of("nginx:1.27"), List.of(80)))
                .isEqualTo(ComponentKind.SERVICE);
    }

    @Test
    void classify_firstContainerMatchingWins_andToolsAroundAProductDoNotCount() {
        // GIVEN an app with a redis exporter sidecar, then a database with the exporter sidecar
        assertThat(classify(Map.of(), Map.of(), List.of("ghcr.io/example/app:1", "oliver006/redis_exporter:v1.62"),
                List.of(8080)))
                .isEqualTo(ComponentKind.SERVICE);
        assertThat(classify(Map.of(), Map.of(),
                List.of("postgres:16", "quay.io/prometheuscommunity/postgres-exporter:v0.15"), List.of()))
                .isEqualTo(ComponentKind.DATABASE);
    }

    @ParameterizedTest
    @CsvSource({
            "postgres:16, DATABASE",
            "docker.io/library/mysql:8.4, DATABASE",
            "mariadb:11, DATABASE",
            "mongo:7@sha256:0123abcd, DATABASE",
            "bitnami/mongodb:7.0, DATABASE",
            "cockroachdb/cockroach:v24.1.0, DATABASE",
            "cassandra:5, DATABASE",
            "redis:7, CACHE",
            "valkey/valkey:8, CACHE",
            "memcached:1.6-alpine, CACHE",
            "hazelcast/hazelcast:5.4, CACHE",
            "bitnami/kafka:3.7, QUEUE",
            "confluentinc/cp-kafka:7.6.0, QUEUE",
            "rabbitmq:3-management, QUEUE",
            "nats:2.10, QUEUE",
            "apache/activemq-artemis:2.33.0, QUEUE",
            "apachepulsar/pulsar:3.2.0, QUEUE",
            "provectuslabs/kafka-ui:v0.7.2, SERVICE",
            "registry:5000/team/postgresql-operator:1, SERVICE",
            "localhost:5000/shop/order-api:3, SERVICE"
    })
    void classify_byImage(String image, ComponentKind expected) {
        assertThat(classify(Map.of(), Map.of(), List.of(image), List.of())).isEqualTo(expected);
    }
}
