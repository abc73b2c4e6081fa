package io.awoooi.kube;

import io.awoooi.core.topology.ComponentKind;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a node's {@link ComponentKind}. First hit wins, in this order:
 * <ol>
 *   <li>the annotation {@value #KIND_ANNOTATION} (database|cache|queue|service|other) on the
 *       workload, its pod template or a Service of it;</li>
 *   <li>the label {@value #COMPONENT_LABEL} (database, db, cache, queue, broker, messaging, ...);
 *       values that say nothing about the kind (frontend, primary, master, ...) are skipped;</li>
 *   <li>the container images (postgres, mysql, mariadb, mongo, cockroach, cassandra; redis,
 *       memcached, valkey, hazelcast; kafka, rabbitmq, nats, activemq, pulsar), first container
 *       first; exporters, operators and admin UIs of those products do not count;</li>
 *   <li>well-known ports (5432, 3306, 27017, 9042; 6379, 11211; 9092, 5672, 4222) of the containers
 *       or the Services, the highest-ranked kind if several match;</li>
 *   <li>otherwise {@link ComponentKind#SERVICE}.</li>
 * </ol>
 */
final class KindClassifier {
    static final String KIND_ANNOTATION = "awoooi.io/kind";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";

    private static final Map<String, ComponentKind> ANNOTATION_VALUES = Map.of(
            "database", ComponentKind.DATABASE,
            "cache", ComponentKind.CACHE,
            "queue", ComponentKind.QUEUE,
            "service", ComponentKind.SERVICE,
            "other", ComponentKind.OTHER);

    private static final Map<String, ComponentKind> COMPONENT_VALUES = Map.ofEntries(
            Map.entry("database", ComponentKind.DATABASE),
            Map.entry("db", ComponentKind.DATABASE),
            Map.entry("datastore", ComponentKind.DATABASE),
            Map.entry("data-store", ComponentKind.DATABASE),
            Map.entry("rdbms", ComponentKind.DATABASE),
            Map.entry("sql", ComponentKind.DATABASE),
            Map.entry("nosql", ComponentKind.DATABASE),
            Map.entry("cache", ComponentKind.CACHE),
            Map.entry("caching", ComponentKind.CACHE),
            Map.entry("queue", ComponentKind.QUEUE),
            Map.entry("message-queue", ComponentKind.QUEUE),
            Map.entry("mq", ComponentKind.QUEUE),
            Map.entry("broker", ComponentKind.QUEUE),
            Map.entry("message-broker", ComponentKind.QUEUE),
            Map.entry("messaging", ComponentKind.QUEUE),
            Map.entry("streaming", ComponentKind.QUEUE),
            Map.entry("event-bus", ComponentKind.QUEUE),
            Map.entry("pubsub", ComponentKind.QUEUE));

    /** Image name token prefixes, matched against the tokens of the image's last path segment. */
    private static final Map<String, ComponentKind> IMAGE_KEYWORDS = Map.ofEntries(
            Map.entry("postgres", ComponentKind.DATABASE),
            Map.entry("mysql", ComponentKind.DATABASE),
            Map.entry("mariadb", ComponentKind.DATABASE),
            Map.entry("mongo", ComponentKind.DATABASE),
            Map.entry("cockroach", ComponentKind.DATABASE),
            Map.entry("cassandra", ComponentKind.DATABASE),
            Map.entry("redis", ComponentKind.CACHE),
            Map.entry("memcached", ComponentKind.CACHE),
            Map.entry("valkey", ComponentKind.CACHE),
            Map.entry("hazelcast", ComponentKind.CACHE),
            Map.entry("kafka", ComponentKind.QUEUE),
            Map.entry("rabbitmq", ComponentKind.QUEUE),
            Map.entry("nats", ComponentKind.QUEUE),
            Map.entry("activemq", ComponentKind.QUEUE),
            Map.entry("pulsar", ComponentKind.QUEUE));

    /** Tokens that mark a tool around a product rather than the product (redis_exporter, kafka-ui). */
    private static final Set<String> TOOL_TOKENS = Set.of(
            "exporter", "operator", "ui", "console", "commander", "admin", "dashboard", "insight");

    private static final Map<Integer, ComponentKind> PORTS = Map.ofEntries(
            Map.entry(5432, ComponentKind.DATABASE),
            Map.entry(3306, ComponentKind.DATABASE),
            Map.entry(27017, ComponentKind.DATABASE),
            Map.entry(9042, ComponentKind.DATABASE),
            Map.entry(6379, ComponentKind.CACHE),
            Map.entry(11211, ComponentKind.CACHE),
            Map.entry(9092, ComponentKind.QUEUE),
            Map.entry(5672, ComponentKind.QUEUE),
            Map.entry(4222, ComponentKind.QUEUE));

    private KindClassifier() {
    }

    /**
     * @param annotations the annotation maps in precedence order (workload, pod template, Services)
     * @param labels the label maps in the same order
     * @param images the container images, main containers first
     * @param ports container ports and Service ports/target ports
     */
    static ComponentKind classify(Collection<Map<String, String>> annotations, Collection<Map<String, String>> labels,
            Collection<String> images, Collection<Integer> ports) {
        return fromValues(annotations, KIND_ANNOTATION, ANNOTATION_VALUES)
                .or(() -> fromValues(labels, COMPONENT_LABEL, COMPONENT_VALUES))
                .or(() -> images.stream().map(KindClassifier::fromImage).flatMap(Optional::stream).findFirst())
                .or(() -> ports.stream().map(PORTS::get).filter(k -> k != null)
                        .max((a, b) -> Integer.compare(a.rootCauseRank(), b.rootCauseRank())))
                .orElse(ComponentKind.SERVICE);
    }

    private static Optional<ComponentKind> fromValues(Collection<Map<String, String>> maps, String key,
            Map<String, ComponentKind> values) {
        for (Map<String, String> map : maps) {
            String value = map == null ? null : map.get(key);
            if (value != null) {
                ComponentKind kind = values.get(value.strip().toLowerCase(Locale.ROOT));
                if (kind != null) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }

    /** "docker.io/bitnami/postgresql:16.2@sha256:..." -> tokens of "postgresql". */
    static Optional<ComponentKind> fromImage(String image) {
        if (image == null || image.isBlank()) {
            return Optional.empty();
        }
        String ref = image.strip().toLowerCase(Locale.ROOT);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        String last = ref.substring(ref.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon >= 0) {
            last = last.substring(0, colon);
        }
        String[] tokens = last.split("[-_.]+");
        for (String token : tokens) {
            if (TOOL_TOKENS.contains(token)) {
                return Optional.empty();
            }
        }
        for (String token : tokens) {
            for (Map.Entry<String, ComponentKind> keyword : IMAGE_KEYWORDS.entrySet()) {
                if (token.startsWith(keyword.getKey())) {
                    return Optional.of(keyword.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
