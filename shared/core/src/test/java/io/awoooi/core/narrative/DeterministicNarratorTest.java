package io.awoooi.core.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicNarratorTest {
    private final DeterministicNarrator narrator = new DeterministicNarrator();

    @Test
    void narrate_rootCausesAndBlastRadius_summaryNamesFirstRootCauseAndBlastRadiusSize() {
        // GIVEN two root causes and two impacted services
        // WHEN
        Narrative n = narrator.narrate(Requests.request());
        // THEN
        assertThat(n.summary())
                .startsWith("Incident: alert PostgresDown severity=critical namespace=shop pod=postgres-db-0. ")
                .contains(
                        "Most likely root cause: shop/postgres-db (DATABASE, depth 1): pod postgres-db-0 CrashLoopBackOff.")
                .contains("1 other unhealthy dependency was found.")
                .containsPattern("Impacted upstream: [^,]+, [^,]+\\.$");
        assertThat(n.hypotheses()).containsExactly(
                "shop/postgres-db (DATABASE, depth 1): pod postgres-db-0 CrashLoopBackOff",
                "shop/redis (CACHE, depth 2): pod redis-0 OOMKilled");
        assertThat(n.recommendation()).isEmpty();
        assertThat(n.confidence()).isEqualTo(0.5);
        assertThat(n.narrator()).isEqualTo("deterministic");
    }

    @Test
    void narrate_diagnosis_readsLikeAnSresSummary() {
        // GIVEN the diagnosis, its fix and two impacted services among the facts
        List<String> facts = List.of(
                GraphFacts.rootCause("shop/orders-db", "DATABASE", 1, "pod orders-db-0 not ready"),
                GraphFacts.blastRadius("shop/orders-api", "SERVICE", 1),
                GraphFacts.blastRadius("shop/frontend", "SERVICE", 2),
                GraphFacts.DIAGNOSIS
                        + "shop/orders-db (container postgres): OOMKilled 6 times, last 3 min ago, memory limit 512Mi",
                GraphFacts.EVIDENCE + "pod orders-db-0 is CrashLoopBackOff after 6 restarts",
                GraphFacts.PROPOSAL + "set_resources(...), because a container is killed for memory again and again");
        // WHEN
        Narrative n = narrator.narrate(new NarrationRequest("inc_1", "alert OrdersDown", facts, "", List.of()));
        // THEN what is broken and why, what we propose, what it touches: no evidence dump
        assertThat(n.summary()).isEqualTo("shop/orders-db (container postgres): OOMKilled 6 times, last 3 min ago,"
                + " memory limit 512Mi. Proposed: set_resources(...), because a container is killed for memory again"
                + " and again. Impacted upstream: shop/orders-api, shop/frontend.");
    }

    @Test
    void narrate_diagnosisWithoutAFix_saysWhatAHumanMustDo() {
        List<String> facts = List.of(GraphFacts.DIAGNOSIS + "shop/orders-api: secret/orders-db-creds is missing",
                GraphFacts.HUMAN_STEP + "restore secret/orders-db-creds");
        Narrative n = narrator.narrate(new NarrationRequest("inc_1", "", facts, "", List.of()));
        assertThat(n.summary()).isEqualTo("shop/orders-api: secret/orders-db-creds is missing. No automatic fix:"
                + " restore secret/orders-db-creds. No other service is known to be impacted.");
    }

    @Test
    void narrate_noFactsNoText_saysNothingWasFound() {
        Narrative n = narrator.narrate(new NarrationRequest("inc_1", "", List.of(), "", List.of()));
        assertThat(n.summary()).isEqualTo(
                "No unhealthy dependency was found on the service topology. No other service is known to be impacted.");
        assertThat(n.hypotheses()).isEmpty();
    }

    @Test
    void narrate_anyRequest_passesTheParsersChecks() {
        // GIVEN many root causes and a very long first line
        List<String> facts = java.util.stream.IntStream.range(0, 9)
                .mapToObj(i -> GraphFacts.rootCause("ns/db-" + i, "DATABASE", 1, "z".repeat(600))).toList();
        NarrationRequest request = new NarrationRequest("inc_1", "q".repeat(5000), facts, "", List.of());
        // WHEN
        Narrative n = narrator.narrate(request);
        // THEN
        assertThat(new NarrativeParser().check(n, List.of()).accepted()).isTrue();
        assertThat(n.hypotheses()).hasSize(5);
    }

    @Test
    void graphFacts_prefixesAreCaseInsensitive() {
        assertThat(GraphFacts.withPrefix(List.of("Root Cause: a (DATABASE, depth 1)", "blast radius: b"),
                GraphFacts.ROOT_CAUSE))
                .containsExactly("a (DATABASE, depth 1)");
    }
}
