package io.awoooi.core.narrative;

import java.util.List;

/** Narration requests for the tests. */
final class Requests {
    static final String CATALOG = """
            restart_pod: delete one pod so its controller recreates it. params: namespace, pod
            scale_deployment: set the replica count. params: namespace, deployment, replicas""";
    static final List<String> ALLOWED = List.of("restart_pod", "scale_deployment");
    static final List<String> FACTS = List.of(
            GraphFacts.rootCause("shop/postgres-db", "DATABASE", 1, "pod postgres-db-0 CrashLoopBackOff"),
            GraphFacts.rootCause("shop/redis", "CACHE", 2, "pod redis-0 OOMKilled"),
            GraphFacts.blastRadius("shop/checkout", "SERVICE", 1),
            GraphFacts.blastRadius("shop/frontend", "SERVICE", 2));
    static final String INCIDENT = """
            alert PostgresDown severity=critical namespace=shop pod=postgres-db-0
            summary: connection refused from [IP_1] to [IP_2]:5432, owner [EMAIL_1]""";

    private Requests() {
    }

    static NarrationRequest request() {
        return request(INCIDENT);
    }

    static NarrationRequest request(String incidentText) {
        return new NarrationRequest("inc_01TEST", incidentText, FACTS, CATALOG, ALLOWED);
    }

    static NarrationRequest request(String incidentText, List<String> allowed) {
        return new NarrationRequest("inc_01TEST", incidentText, FACTS, CATALOG, allowed);
    }

    static final String VALID_ANSWER = """
            {"summary": "The database shop/postgres-db crash-loops; checkout and frontend fail with it.",
             "hypotheses": ["postgres-db-0 crash-loops after a bad config", "the volume is full"],
             "recommended_action": {"id": "restart_pod", "params": {"namespace": "shop", "pod": "postgres-db-0"}},
             "confidence": 0.8}""";
}
