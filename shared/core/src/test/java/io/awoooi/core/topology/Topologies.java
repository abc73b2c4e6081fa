package io.awoooi.core.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small topologies for tests, written edge by edge. Services live in namespace "shop" unless named "ns/name". */
public final class Topologies {
    public static final Instant TAKEN_AT = Instant.parse("2026-11-25T04:00:00Z");

    private final List<ServiceNode> services = new ArrayList<>();
    private final List<Dependency> dependencies = new ArrayList<>();

    public static Topologies topology() {
        return new Topologies();
    }

    /**
     * The demo: ingress -> frontend -> {auth-service, product-api, order-api}; order-api ->
     * postgres-db (DATABASE, unhealthy), redis (CACHE), kafka (QUEUE).
     */
    public static TopologySnapshot demo() {
        return topology()
                .service("ingress").service("frontend").service("auth-service").service("product-api")
                .service("order-api")
                .unhealthy("postgres-db", ComponentKind.DATABASE, "CrashLoopBackOff", "restarts: 7")
                .service("redis", ComponentKind.CACHE).service("kafka", ComponentKind.QUEUE)
                .edge("ingress", "frontend")
                .edge("frontend", "auth-service").edge("frontend", "product-api").edge("frontend", "order-api")
                .edge("order-api", "postgres-db").edge("order-api", "redis").edge("order-api", "kafka")
                .snapshot();
    }

    public static ServiceId id(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? new ServiceId("shop", name)
                : new ServiceId(name.substring(0, slash), name.substring(slash + 1));
    }

    public Topologies service(String name) {
        return service(name, ComponentKind.SERVICE);
    }

    public Topologies service(String name, ComponentKind kind) {
        services.add(new ServiceNode(id(name), kind, Health.ok()));
        return this;
    }

    public Topologies unhealthy(String name, ComponentKind kind, String... evidence) {
        services.add(new ServiceNode(id(name), kind, Health.unhealthy(List.of(evidence))));
        return this;
    }

    public Topologies edge(String from, String to) {
        return edge(from, to, "annotation");
    }

    public Topologies edge(String from, String to, String source) {
        dependencies.add(new Dependency(id(from), id(to), source));
        return this;
    }

    /** A chain a -> b -> c ... */
    public Topologies chain(String... names) {
        for (int i = 0; i + 1 < names.length; i++) {
            edge(names[i], names[i + 1]);
        }
        return this;
    }

    public TopologySnapshot snapshot() {
        return new TopologySnapshot(services, dependencies, TAKEN_AT);
    }

    public ServiceGraph graph() {
        return ServiceGraph.of(snapshot());
    }
}
