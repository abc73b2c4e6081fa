package io.awoooi.core.topology;

import static io.awoooi.core.topology.Topologies.id;
import static io.awoooi.core.topology.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphAnalysisTest {

    @Test
    void demo_targetOrderApi_rootCausePostgresAndBlastRadiusUpToIngress() {
        // GIVEN the demo topology, where postgres-db crash-loops
        GraphAnalysis analysis = new GraphAnalysis(ServiceGraph.of(Topologies.demo()));

        // WHEN the alerts are about order-api
        GraphFindings findings = analysis.analyze(List.of(id("order-api")));

        // THEN postgres-db is the (only) root cause, one hop down, with its evidence
        assertThat(findings.targets()).containsExactly(id("order-api"));
        assertThat(findings.rootCauses()).containsExactly(
                new RootCause(id("postgres-db"), ComponentKind.DATABASE, 1,
                        List.of("CrashLoopBackOff", "restarts: 7")));
        // AND frontend (1) and ingress (2) are hit; siblings that do not depend on order-api are not
        assertThat(findings.blastRadius()).containsExactly(new Impact(id("frontend"), 1), new Impact(id("ingress"), 2));
    }

    @Test
    void rootCauses_severalUnhealthyDependencies_allRankedDatabaseCacheQueueOther() {
        // GIVEN an api whose database is two hops away and whose service, queue and cache are unhealthy one hop away
        ServiceGraph graph = topology()
                .service("api")
                .unhealthy("users", ComponentKind.SERVICE, "readiness probe failed", "restarts: 4")
                .unhealthy("events", ComponentKind.QUEUE, "not ready")
                .unhealthy("sessions", ComponentKind.CACHE, "OOMKilled")
                .service("pgbouncer")
                .unhealthy("db", ComponentKind.DATABASE, "CrashLoopBackOff")
                .edge("api", "users").edge("api", "events").edge("api", "sessions").edge("api", "pgbouncer")
                .edge("pgbouncer", "db")
                .graph();

        // WHEN root causes of api are asked for
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("api")));

        // THEN every unhealthy one is listed, DATABASE first although deeper, then CACHE, QUEUE, SERVICE
        assertThat(causes).extracting(RootCause::service, RootCause::kind, RootCause::depth).containsExactly(
                tuple(id("db"), ComponentKind.DATABASE, 2),
                tuple(id("sessions"), ComponentKind.CACHE, 1),
                tuple(id("events"), ComponentKind.QUEUE, 1),
                tuple(id("users"), ComponentKind.SERVICE, 1));
    }

    @Test
    void rootCauses_sameKind_shallowerThenMoreEvidenceThenId() {
        // GIVEN four unhealthy databases: two at depth 1 (one with more evidence), one at depth 1 tied, one at depth 2
        ServiceGraph graph = topology()
                .service("api").service("mid")
                .unhealthy("db-b", ComponentKind.DATABASE, "not ready")
                .unhealthy("db-a", ComponentKind.DATABASE, "not ready")
                .unhealthy("db-c", ComponentKind.DATABASE, "not ready", "restarts: 9")
                .unhealthy("db-deep", ComponentKind.DATABASE, "not ready", "restarts: 9", "OOMKilled")
                .edge("api", "db-b").edge("api", "db-a").edge("api", "db-c").edge("api", "mid").edge("mid", "db-deep")
                .graph();

        // WHEN ranked
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("api")));

        // THEN shallower first, then more evidence, then by id
        assertThat(causes).extracting(RootCause::service)
                .containsExactly(id("db-c"), id("db-a"), id("db-b"), id("db-deep"));
    }

    @Test
    void analyze_healthyGraph_noRootCausesButBlastRadius() {
        // GIVEN a healthy chain
        GraphAnalysis analysis = new GraphAnalysis(topology().chain("web", "api", "db").graph());

        // WHEN api is the target
        GraphFindings findings = analysis.analyze(List.of(id("api")));

        // THEN nothing is to blame, but web depends on it
        assertThat(findings.rootCauses()).isEmpty();
        assertThat(findings.bestRootCause()).isEmpty();
        assertThat(findings.blastRadius()).containsExactly(new Impact(id("web"), 1));
    }

    @Test
    void analyze_chainLongerThanMaxDepth_stopsAtTheDepth() {
        // GIVEN a chain of seven services with an unhealthy database at each end
        ServiceGraph graph = topology()
                .unhealthy("s0", ComponentKind.DATABASE, "x").service("s1").service("s2").service("s3")
                .unhealthy("s4", ComponentKind.DATABASE, "x").service("s5").service("s6")
                .unhealthy("s7", ComponentKind.DATABASE, "x")
                .chain("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7").graph();

        // WHEN s3 is analyzed with the default depth 3, and with depth 1
        GraphFindings deep = new GraphAnalysis(graph).analyze(List.of(id("s3")));
        GraphFindings shallow = new GraphAnalysis(graph, 1).analyze(List.of(id("s3")));

        // THEN three hops each way at most: s4 (1 down) is found, s7 (4 down) is not; s0 is 3 up
        assertThat(deep.rootCauses()).extracting(RootCause::service).containsExactly(id("s4"));
        assertThat(deep.blastRadius()).containsExactly(
                new Impact(id("s2"), 1), new Impact(id("s1"), 2), new Impact(id("s0"), 3));
        assertThat(shallow.blastRadius()).containsExactly(new Impact(id("s2"), 1));
        assertThat(shallow.rootCauses()).extracting(RootCause::service).containsExactly(id("s4"));
        assertThat(new GraphAnalysis(graph, 1).maxDepth()).isEqualTo(1);
        assertThat(new GraphAnalysis(graph).maxDepth()).isEqualTo(GraphAnalysis.DEFAULT_MAX_DEPTH);
    }

    @Test
    void analyze_diamond_eachServiceOnceAtItsShortestDepth() {
        // GIVEN top -> {left, right}; left -> bottom; right -> mid -> bottom; bottom is unhealthy
        ServiceGraph graph = topology()
                .service("top").service("left").service("right").service("mid")
                .unhealthy("bottom", ComponentKind.CACHE, "OOMKilled")
                .edge("top", "left").edge("top", "right").edge("left", "bottom").edge("right", "mid")
                .edge("mid", "bottom")
                .graph();
        GraphAnalysis analysis = new GraphAnalysis(graph);

        // WHEN top's root causes and bottom's blast radius are asked for
        List<RootCause> causes = analysis.rootCauses(List.of(id("top")));
        List<Impact> radius = analysis.blastRadius(List.of(id("bottom")));

        // THEN bottom once, at 2 hops (via left); every dependent once at its fewest hops
        assertThat(causes).extracting(RootCause::service, RootCause::depth).containsExactly(tuple(id("bottom"), 2));
        assertThat(radius).containsExactly(
                new Impact(id("left"), 1), new Impact(id("mid"), 1), new Impact(id("right"), 2),
                new Impact(id("top"), 2));
    }

    @Test
    void analyze_cycle_terminatesAndVisitsEachServiceOnce() {
        // GIVEN a -> b -> c -> a, with c unhealthy, and d -> a
        ServiceGraph graph = topology()
                .service("a").service("b").unhealthy("c", ComponentKind.QUEUE, "not ready").service("d")
                .chain("a", "b", "c", "a").edge("d", "a").graph();
        GraphAnalysis analysis = new GraphAnalysis(graph, 10);

        // WHEN a is analyzed with a generous depth
        GraphFindings findings = analysis.analyze(List.of(id("a")));

        // THEN c is found once at depth 2; upstream of a are c (1), d (1) and b (2); a itself never
        assertThat(findings.rootCauses()).extracting(RootCause::service, RootCause::depth)
                .containsExactly(tuple(id("c"), 2));
        assertThat(findings.blastRadius()).containsExactly(
                new Impact(id("c"), 1), new Impact(id("d"), 1), new Impact(id("b"), 2));
    }

    @Test
    void analyze_multipleTargets_unionWithMinimalDepthAndNoTargetsInTheResult() {
        // GIVEN web -> api -> db and web -> cart -> cache; api and cart both alerting; cart also depends on api
        ServiceGraph graph = topology()
                .service("web").service("api").service("cart")
                .unhealthy("db", ComponentKind.DATABASE, "CrashLoopBackOff")
                .unhealthy("cache", ComponentKind.CACHE, "OOMKilled")
                .edge("web", "api").edge("api", "db").edge("web", "cart").edge("cart", "cache").edge("cart", "api")
                .graph();

        // WHEN both are targets (in any order, one twice)
        GraphFindings findings = new GraphAnalysis(graph).analyze(List.of(id("cart"), id("api"), id("cart")));

        // THEN both dependencies are root causes at depth 1; web is hit at depth 1; cart (a target) is not in the radius
        assertThat(findings.targets()).containsExactly(id("api"), id("cart"));
        assertThat(findings.rootCauses()).extracting(RootCause::service, RootCause::depth)
                .containsExactly(tuple(id("db"), 1), tuple(id("cache"), 1));
        assertThat(findings.blastRadius()).containsExactly(new Impact(id("web"), 1));
    }

    @Test
    void analyze_unknownTargets_areIgnored() {
        // GIVEN the demo topology
        GraphAnalysis analysis = new GraphAnalysis(ServiceGraph.of(Topologies.demo()));

        // WHEN only unknown services are targets / and when one known target comes with them
        GraphFindings none = analysis.analyze(List.of(id("ghost"), id("other/order-api")));
        GraphFindings some = analysis.analyze(List.of(id("ghost"), id("order-api")));

        // THEN nothing is found for unknown ones, and the known one is analyzed as usual
        assertThat(none).isEqualTo(GraphFindings.none());
        assertThat(some.targets()).containsExactly(id("order-api"));
        assertThat(some.rootCauses()).extracting(RootCause::service).containsExactly(id("postgres-db"));
    }

    @Test
    void rootCauses_unhealthyTargetWithHealthyDependencies_isItsOwnRootCauseAtDepthZero() {
        // GIVEN order-api itself crash-loops while all it depends on is healthy
        ServiceGraph graph = topology()
                .unhealthy("order-api", ComponentKind.SERVICE, "CrashLoopBackOff")
                .service("db", ComponentKind.DATABASE).chain("order-api", "db").graph();

        // WHEN it is the target
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("order-api")));

        // THEN the trouble is its own
        assertThat(causes)
                .containsExactly(new RootCause(id("order-api"), ComponentKind.SERVICE, 0, List.of("CrashLoopBackOff")));
    }

    @Test
    void rootCauses_unhealthyTargetWithUnhealthyDependency_onlyTheDependency() {
        // GIVEN order-api is unhealthy because its database is (a symptom, not a cause)
        ServiceGraph graph = topology()
                .unhealthy("order-api", ComponentKind.SERVICE, "readiness probe failed", "restarts: 12")
                .unhealthy("auth", ComponentKind.SERVICE, "not ready")
                .chain("order-api", "auth").graph();

        // WHEN it is the target
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("order-api")));

        // THEN only the dependency is listed, even though the target is shallower and has more evidence
        assertThat(causes).extracting(RootCause::service, RootCause::depth).containsExactly(tuple(id("auth"), 1));
    }

    @Test
    void rootCauses_unhealthyDependencyBeyondMaxDepth_targetIsItsOwnRootCause() {
        // GIVEN an unhealthy target whose only unhealthy dependency is 2 hops away
        ServiceGraph graph = topology()
                .unhealthy("a", ComponentKind.SERVICE, "CrashLoopBackOff").service("b")
                .unhealthy("c", ComponentKind.DATABASE, "not ready").chain("a", "b", "c").graph();

        // WHEN analyzed with depth 1 (c out of sight) and with the default depth
        List<RootCause> shallow = new GraphAnalysis(graph, 1).rootCauses(List.of(id("a")));
        List<RootCause> deep = new GraphAnalysis(graph).rootCauses(List.of(id("a")));

        // THEN only what the search sees counts
        assertThat(shallow).extracting(RootCause::service, RootCause::depth).containsExactly(tuple(id("a"), 0));
        assertThat(deep).extracting(RootCause::service, RootCause::depth).containsExactly(tuple(id("c"), 2));
    }

    @Test
    void rootCauses_unhealthyTargetInACycleWithItself_isStillItsOwnRootCause() {
        // GIVEN a -> b -> a with only a unhealthy
        ServiceGraph graph = topology()
                .unhealthy("a", ComponentKind.SERVICE, "CrashLoopBackOff").service("b").chain("a", "b", "a").graph();

        // WHEN / THEN reaching a again through b does not count as an unhealthy dependency
        assertThat(new GraphAnalysis(graph).rootCauses(List.of(id("a"))))
                .extracting(RootCause::service, RootCause::depth).containsExactly(tuple(id("a"), 0));
    }

    @Test
    void rootCauses_oneTargetDependsOnAnotherUnhealthyTarget_onlyTheDeeperOneAtDepthZero() {
        // GIVEN targets api -> auth, both unhealthy, auth's own dependency healthy
        ServiceGraph graph = topology()
                .unhealthy("api", ComponentKind.SERVICE, "not ready")
                .unhealthy("auth", ComponentKind.SERVICE, "CrashLoopBackOff")
                .service("users-db", ComponentKind.DATABASE)
                .chain("api", "auth", "users-db").graph();

        // WHEN both are targets
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("api"), id("auth")));

        // THEN auth is the root cause (its own trouble), api is its symptom
        assertThat(causes).extracting(RootCause::service, RootCause::depth).containsExactly(tuple(id("auth"), 0));
    }

    @Test
    void analyze_disconnectedParts_areIgnored() {
        // GIVEN two islands, the other one unhealthy
        ServiceGraph graph = topology().service("a").service("b").chain("a", "b")
                .unhealthy("x", ComponentKind.DATABASE, "CrashLoopBackOff").service("y").chain("y", "x").graph();

        // WHEN a is analyzed / THEN nothing from the other island shows up
        GraphFindings findings = new GraphAnalysis(graph).analyze(List.of(id("a")));
        assertThat(findings.rootCauses()).isEmpty();
        assertThat(findings.blastRadius()).isEmpty();
    }

    // ---------------------------------------------------------------- extra evidence (firing incidents elsewhere)

    @Test
    void rootCauses_healthyDependencyWithExtraEvidence_isARootCauseWithThatEvidence() {
        // GIVEN the demo, where redis looks healthy but has an incident of its own
        GraphAnalysis analysis = new GraphAnalysis(ServiceGraph.of(Topologies.demo()));
        Map<ServiceId, List<String>> extra = Map.of(id("redis"), List.of("firing incident inc_2: RedisEvictions"));

        // WHEN the alerts are about order-api
        GraphFindings findings = analysis.analyze(List.of(id("order-api")), extra);

        // THEN redis is a root cause beside postgres-db, with the incident as its evidence, in the usual ranking
        assertThat(findings.rootCauses()).containsExactly(
                new RootCause(id("postgres-db"), ComponentKind.DATABASE, 1, List.of("CrashLoopBackOff", "restarts: 7")),
                new RootCause(id("redis"), ComponentKind.CACHE, 1, List.of("firing incident inc_2: RedisEvictions")));
        // AND the blast radius does not depend on health
        assertThat(findings.blastRadius()).containsExactly(new Impact(id("frontend"), 1), new Impact(id("ingress"), 2));
    }

    @Test
    void rootCauses_unhealthyServiceWithExtraEvidence_ownEvidenceFirstThenTheExtraWithoutRepeats() {
        // GIVEN a crash-looping database that also has an incident, one line of which repeats its own evidence
        ServiceGraph graph = topology().service("api").unhealthy("db", ComponentKind.DATABASE, "CrashLoopBackOff")
                .edge("api", "db").graph();
        Map<ServiceId, List<String>> extra = Map.of(id("db"),
                List.of("firing incident inc_9: PostgresDown", "CrashLoopBackOff"));

        // WHEN its root causes are asked for
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("api")), extra);

        // THEN the evidence is the topology's, then the incident's
        assertThat(causes).containsExactly(new RootCause(id("db"), ComponentKind.DATABASE, 1,
                List.of("CrashLoopBackOff", "firing incident inc_9: PostgresDown")));
    }

    @Test
    void rootCauses_extraEvidenceMakesTheSameKindDeeper_rankingStillByDepthThenEvidence() {
        // GIVEN two healthy databases, one at depth 1 and one at depth 2 with two incidents on it
        ServiceGraph graph = topology().service("api").service("mid")
                .service("db-near", ComponentKind.DATABASE).service("db-far", ComponentKind.DATABASE)
                .edge("api", "db-near").edge("api", "mid").edge("mid", "db-far").graph();
        Map<ServiceId, List<String>> extra = Map.of(
                id("db-near"), List.of("firing incident inc_1: PostgresSlow"),
                id("db-far"), List.of("firing incident inc_2: PostgresDown", "firing incident inc_3: DiskFull"));

        // WHEN ranked
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("api")), extra);

        // THEN the RootCause.RANKING rules hold: shallower first, evidence count only breaks ties
        assertThat(causes).extracting(RootCause::service).containsExactly(id("db-near"), id("db-far"));
    }

    @Test
    void rootCauses_targetWithExtraEvidenceAndHealthyDependencies_isItsOwnRootCause() {
        // GIVEN a healthy chain where another incident fires on the target itself
        ServiceGraph graph = topology().service("web").service("api").service("db", ComponentKind.DATABASE)
                .chain("web", "api", "db").graph();
        Map<ServiceId, List<String>> extra = Map.of(id("api"), List.of("firing incident inc_4: HighLatency"));

        // WHEN api is the target
        List<RootCause> causes = new GraphAnalysis(graph).rootCauses(List.of(id("api")), extra);

        // THEN nothing downstream explains it: api is its own root cause at depth 0
        assertThat(causes).containsExactly(new RootCause(id("api"), ComponentKind.SERVICE, 0,
                List.of("firing incident inc_4: HighLatency")));
    }

    @Test
    void analyze_extraEvidenceUpstreamOrUnknownOrEmpty_noRootCause() {
        // GIVEN a healthy chain, evidence on the caller of the target, on a service the graph does not know,
        // and an empty list
        ServiceGraph graph = topology().chain("web", "api", "db").graph();
        Map<ServiceId, List<String>> extra = Map.of(
                id("web"), List.of("firing incident inc_5: Errors"),
                id("elsewhere/ghost"), List.of("firing incident inc_6: Down"),
                id("db"), List.of());

        // WHEN api is analyzed
        GraphFindings findings = new GraphAnalysis(graph).analyze(List.of(id("api")), extra);

        // THEN upstream trouble is not a cause, unknown services are ignored, and no evidence is no evidence
        assertThat(findings.rootCauses()).isEmpty();
        assertThat(findings.blastRadius()).containsExactly(new Impact(id("web"), 1));
    }

    @Test
    void analyze_noExtraEvidence_sameAsTheOverloadWithout() {
        // GIVEN the demo
        GraphAnalysis analysis = new GraphAnalysis(ServiceGraph.of(Topologies.demo()));

        // WHEN analyzed with and without an empty evidence map / THEN the findings are equal
        assertThat(analysis.analyze(List.of(id("order-api")), Map.of()))
                .isEqualTo(analysis.analyze(List.of(id("order-api"))));
    }

    @Test
    void constructor_depthBelowOne_isRefused() {
        ServiceGraph graph = topology().service("a").graph();
        assertThatThrownBy(() -> new GraphAnalysis(graph, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
