package io.awoooi.core.topology;

import static io.awoooi.core.topology.Topologies.id;
import static io.awoooi.core.topology.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceGraphTest {

    @Test
    void build_sameEdgeFromTwoSources_isOneEdge() {
        // GIVEN a dependency reported by the annotation and by the service graph metrics
        TopologySnapshot snapshot = topology().service("a").service("b")
                .edge("a", "b", "annotation").edge("a", "b", "servicegraph").snapshot();

        // WHEN the graph is built
        ServiceGraph graph = ServiceGraph.of(snapshot);

        // THEN there is one edge, a depends on b
        assertThat(graph.dependencyCount()).isEqualTo(1);
        assertThat(graph.dependenciesOf(id("a"))).containsExactly(id("b"));
        assertThat(graph.dependentsOf(id("b"))).containsExactly(id("a"));
    }

    @Test
    void build_edgeToUnlistedService_addsItAsOtherAndHealthy() {
        // GIVEN a dependency on a service the snapshot does not list (an external API, say)
        TopologySnapshot snapshot = topology().service("a").edge("a", "payments/stripe-proxy").snapshot();

        // WHEN the graph is built
        ServiceGraph graph = ServiceGraph.of(snapshot);

        // THEN the service is kept, of kind OTHER, read as healthy without evidence
        ServiceNode added = graph.node(id("payments/stripe-proxy")).orElseThrow();
        assertThat(added.kind()).isEqualTo(ComponentKind.OTHER);
        assertThat(added.health().healthy()).isTrue();
        assertThat(added.health().evidence()).isEmpty();
        assertThat(graph.serviceCount()).isEqualTo(2);
    }

    @Test
    void build_serviceListedTwice_mergesKindHealthAndEvidence() {
        // GIVEN the same service listed twice, once healthy without a kind and once unhealthy
        TopologySnapshot snapshot = topology()
                .service("db", ComponentKind.OTHER)
                .unhealthy("db", ComponentKind.DATABASE, "CrashLoopBackOff")
                .unhealthy("db", ComponentKind.CACHE, "CrashLoopBackOff", "restarts: 3")
                .snapshot();

        // WHEN the graph is built
        ServiceNode db = ServiceGraph.of(snapshot).node(id("db")).orElseThrow();

        // THEN the first real kind wins, unhealthy wins, evidence is kept once each
        assertThat(db.kind()).isEqualTo(ComponentKind.DATABASE);
        assertThat(db.health().healthy()).isFalse();
        assertThat(db.health().evidence()).containsExactly("CrashLoopBackOff", "restarts: 3");
    }

    @Test
    void build_selfDependency_isDropped() {
        // GIVEN a service that reports calling itself
        TopologySnapshot snapshot = topology().service("a").edge("a", "a").snapshot();

        // WHEN / THEN no edge
        assertThat(ServiceGraph.of(snapshot).dependencyCount()).isZero();
    }

    @Test
    void graph_view_isReadOnly() {
        // GIVEN a built graph
        ServiceGraph graph = topology().chain("a", "b").graph();

        // WHEN a caller tries to change it through the jgrapht view / THEN it is refused
        assertThatThrownBy(() -> graph.graph().addVertex(id("c"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(graph.graph().containsEdge(id("a"), id("b"))).isTrue();
    }

    @Test
    void named_sameNameInTwoNamespaces_listsBoth() {
        // GIVEN "api" in two namespaces
        ServiceGraph graph = topology().service("shop/api").service("billing/api").graph();

        // WHEN / THEN both are found by name, an unknown one is not
        assertThat(graph.named("api")).containsExactlyInAnyOrder(id("shop/api"), id("billing/api"));
        assertThat(graph.named("nope")).isEmpty();
        assertThat(graph.dependenciesOf(id("nope"))).isEmpty();
        assertThat(graph.takenAt()).isEqualTo(Topologies.TAKEN_AT);
    }
}
