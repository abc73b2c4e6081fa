package io.awoooi.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.GraphAnalysis;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceGraph;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.TargetResolver;
import io.awoooi.core.topology.Topologies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeterministicProposalTest {
    private static final ServiceId ORDER_API = new ServiceId("shop", "order-api");
    private static final ServiceId POSTGRES = new ServiceId("shop", "postgres-db");

    private final DeterministicProposal rules = new DeterministicProposal();

    private static GraphFindings findings(RootCause... causes) {
        return new GraphFindings(List.of(ORDER_API), List.of(causes),
                List.of(new Impact(new ServiceId("shop", "frontend"), 1)));
    }

    private static RootCause cause(ServiceId id, ComponentKind kind, int depth, String... evidence) {
        return new RootCause(id, kind, depth, List.of(evidence));
    }

    @Test
    void demo_orderApiAlerts_rolloutRestartOfThePostgresStatefulSet() {
        // GIVEN the demo topology and alerts on order-api's pods
        ServiceGraph graph = ServiceGraph.of(Topologies.demo());
        List<Map<String, String>> alerts = List.of(
                Map.of("alertname", "HighErrorRate", "namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp"));
        GraphFindings findings = new GraphAnalysis(graph).analyze(new TargetResolver(graph).resolveAll(alerts));

        // WHEN a proposal is made without an LLM
        Optional<ActionProposal> proposal = rules.propose(findings, alerts);

        // THEN postgres-db (a crash-looping database) is restarted as a StatefulSet, which needs one approval
        assertThat(proposal).isPresent();
        assertThat(proposal.get().rule()).isEqualTo(ProposalRule.ROOT_CAUSE_ROLLOUT_RESTART);
        assertThat(proposal.get().action().toString())
                .isEqualTo("rollout_restart(kind=statefulset, namespace=shop, workload=postgres-db)");
        assertThat(proposal.get().action().baseRisk()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void rootCause_alertsNameItsOnePod_restartPod() {
        // GIVEN postgres-db is the root cause and an alert names its pod
        List<Map<String, String>> alerts = List.of(
                Map.of("alertname", "PostgresDown", "namespace", "shop", "pod", "postgres-db-0"),
                Map.of("alertname", "HighErrorRate", "namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp"));

        // WHEN
        ActionProposal proposal = rules
                .propose(findings(cause(POSTGRES, ComponentKind.DATABASE, 1, "CrashLoopBackOff")), alerts)
                .orElseThrow();

        // THEN only that pod is restarted
        assertThat(proposal.rule()).isEqualTo(ProposalRule.ROOT_CAUSE_POD_RESTART);
        assertThat(proposal.action().toString()).isEqualTo("restart_pod(namespace=shop, pod=postgres-db-0)");
        assertThat(proposal.action().baseRisk()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void rootCause_alertsNameSeveralOfItsPods_rolloutRestartWithTheKindFromPodNames() {
        // GIVEN two crash-looping pods of order-api, which is its own root cause
        List<Map<String, String>> alerts = List.of(
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp"),
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "order-api-7d9f8c6b5-p8m2z"));

        // WHEN
        ActionProposal proposal = rules
                .propose(findings(cause(ORDER_API, ComponentKind.SERVICE, 0, "CrashLoopBackOff")), alerts)
                .orElseThrow();

        // THEN the whole Deployment is restarted
        assertThat(proposal.action().toString())
                .isEqualTo("rollout_restart(kind=deployment, namespace=shop, workload=order-api)");
    }

    @Test
    void rootCause_targetItselfUnhealthy_rolloutRestartOfTheTarget() {
        // GIVEN order-api crash-loops and nothing below it is unhealthy (the graph makes it its own root cause)
        ServiceGraph graph = Topologies.topology()
                .unhealthy("order-api", ComponentKind.SERVICE, "CrashLoopBackOff", "restarts: 14")
                .service("postgres-db", ComponentKind.DATABASE).chain("order-api", "postgres-db").graph();
        List<Map<String, String>> alerts = List.of(Map.of("alertname", "HighErrorRate", "namespace", "shop",
                "service", "order-api"));
        GraphFindings findings = new GraphAnalysis(graph).analyze(new TargetResolver(graph).resolveAll(alerts));

        // WHEN
        ActionProposal proposal = rules.propose(findings, alerts).orElseThrow();

        // THEN the target is restarted (a SERVICE defaults to a Deployment)
        assertThat(proposal.rule()).isEqualTo(ProposalRule.ROOT_CAUSE_ROLLOUT_RESTART);
        assertThat(proposal.action().toString())
                .isEqualTo("rollout_restart(kind=deployment, namespace=shop, workload=order-api)");
    }

    @Test
    void rootCause_kindFromLabelsThenEvidenceThenComponentKind() {
        // GIVEN root causes whose workload kind is told by a label, by the evidence, or not at all
        List<Map<String, String>> statefulSetLabel = List.of(Map.of("namespace", "shop", "statefulset", "order-api"));
        RootCause orderApi = cause(ORDER_API, ComponentKind.SERVICE, 0, "CrashLoopBackOff");
        RootCause cacheByEvidence = cause(new ServiceId("shop", "redis"), ComponentKind.CACHE, 1,
                "Deployment redis: readiness probe failed");
        RootCause queueByDefault = cause(new ServiceId("shop", "kafka"), ComponentKind.QUEUE, 1, "OOMKilled");

        // WHEN / THEN
        assertThat(rules.propose(findings(orderApi), statefulSetLabel).orElseThrow().action().param("kind"))
                .contains("statefulset");
        assertThat(rules.propose(findings(cacheByEvidence), List.of()).orElseThrow().action().param("kind"))
                .contains("deployment");
        assertThat(rules.propose(findings(queueByDefault), List.of()).orElseThrow().action().param("kind"))
                .contains("statefulset");
    }

    @Test
    void rootCause_labelInAnotherNamespace_isNotItsKind() {
        List<Map<String, String>> alerts = List.of(Map.of("namespace", "billing", "statefulset", "order-api"));
        ActionProposal proposal = rules
                .propose(findings(cause(ORDER_API, ComponentKind.SERVICE, 0, "not ready")), alerts)
                .orElseThrow();
        assertThat(proposal.action().param("kind")).contains("deployment");
    }

    @Test
    void rootCause_failureARestartCannotClear_noProposal() {
        // GIVEN the best root cause cannot pull its image (a restart would not help), or shows no restartable evidence
        RootCause imagePull = cause(POSTGRES, ComponentKind.DATABASE, 1, "CrashLoopBackOff", "ImagePullBackOff");
        RootCause pending = cause(POSTGRES, ComponentKind.DATABASE, 1, "0/1 pods Pending: Unschedulable");
        RootCause onlyAnAlert = cause(POSTGRES, ComponentKind.DATABASE, 1, "firing alert PostgresDown");
        RootCause noEvidence = cause(POSTGRES, ComponentKind.DATABASE, 1);

        // WHEN / THEN nothing is proposed (a human or the LLM decides)
        for (RootCause c : List.of(imagePull, pending, onlyAnAlert, noEvidence)) {
            assertThat(rules.propose(findings(c), List.of())).as(c.evidence().toString()).isEmpty();
        }
    }

    @Test
    void rootCause_bestNotActionable_lesserCausesAreNotActedOn() {
        // GIVEN the database is broken beyond a restart while a cache crash-loops
        GraphFindings findings = findings(
                cause(POSTGRES, ComponentKind.DATABASE, 1, "ErrImagePull"),
                cause(new ServiceId("shop", "redis"), ComponentKind.CACHE, 1, "CrashLoopBackOff"));

        // WHEN / THEN restarting the cache would not fix the outage: no proposal
        assertThat(rules.propose(findings, List.of())).isEmpty();
    }

    @Test
    void rootCause_ofKindOther_noProposal() {
        RootCause external = cause(new ServiceId("payments", "stripe-proxy"), ComponentKind.OTHER, 1,
                "CrashLoopBackOff");
        assertThat(rules.propose(findings(external), List.of())).isEmpty();
    }

    @Test
    void noRootCause_oneCrashLoopingPodInLabelledAlerts_restartPodWithLabels() {
        // GIVEN Kubernetes names are labelled, so nothing resolved in the graph
        List<Map<String, String>> alerts = List.of(
                Map.of("alertname", "KubePodCrashLooping", "namespace", "[NAMESPACE_1]", "pod", "[POD_1]"),
                Map.of("alertname", "KubePodCrashLooping", "namespace", "[NAMESPACE_1]", "pod", "[POD_1]", "container",
                        "app"));

        // WHEN
        ActionProposal proposal = rules.propose(GraphFindings.none(), alerts).orElseThrow();

        // THEN the pod is restarted by its labels, for the executor to rehydrate
        assertThat(proposal.rule()).isEqualTo(ProposalRule.ALERTED_POD_RESTART);
        assertThat(proposal.action().toString()).isEqualTo("restart_pod(namespace=[NAMESPACE_1], pod=[POD_1])");
        assertThat(proposal.action().needsRehydration()).isTrue();
    }

    @Test
    void noRootCause_severalCrashLoopingPodsOfOneWorkload_rolloutRestart() {
        List<Map<String, String>> alerts = List.of(
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp"),
                Map.of("alertname", "KubePodNotReady", "namespace", "shop", "pod", "order-api-7d9f8c6b5-p8m2z"));

        ActionProposal proposal = rules.propose(GraphFindings.none(), alerts).orElseThrow();

        assertThat(proposal.rule()).isEqualTo(ProposalRule.ALERTED_WORKLOAD_RESTART);
        assertThat(proposal.action().toString())
                .isEqualTo("rollout_restart(kind=deployment, namespace=shop, workload=order-api)");
    }

    @Test
    void noRootCause_podsOfSeveralWorkloadsOrUnknownOwners_noProposal() {
        List<Map<String, String>> twoWorkloads = List.of(
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp"),
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "postgres-db-0"));
        List<Map<String, String>> labelledPods = List.of(
                Map.of("alertname", "KubePodCrashLooping", "namespace", "[NAMESPACE_1]", "pod", "[POD_1]"),
                Map.of("alertname", "KubePodCrashLooping", "namespace", "[NAMESPACE_1]", "pod", "[POD_2]"));

        assertThat(rules.propose(GraphFindings.none(), twoWorkloads)).isEmpty();
        assertThat(rules.propose(GraphFindings.none(), labelledPods)).isEmpty();
    }

    @Test
    void noRootCause_nothingActionable_noProposal() {
        // GIVEN alerts that report no failing pod, or a failing pod without its namespace
        List<Map<String, String>> errorRate = List.of(Map.of("alertname", "HighErrorRate", "namespace", "shop",
                "pod", "order-api-7d9f8c6b5-x2kqp"));
        List<Map<String, String>> noNamespace = List
                .of(Map.of("alertname", "KubePodCrashLooping", "pod", "order-api-7d9f8c6b5-x2kqp"));

        // WHEN / THEN no proposal, also for no alerts at all
        assertThat(rules.propose(GraphFindings.none(), errorRate)).isEmpty();
        assertThat(rules.propose(GraphFindings.none(), noNamespace)).isEmpty();
        assertThat(rules.propose(GraphFindings.none(), List.of())).isEmpty();
    }

    @Test
    void noRootCause_podNameTheCatalogRefuses_noProposal() {
        List<Map<String, String>> alerts = List.of(Map.of("alertname", "KubePodCrashLooping", "namespace", "shop",
                "pod", "[SECRET_1]"));
        assertThat(rules.propose(GraphFindings.none(), alerts)).isEmpty();
    }

    @Test
    void propose_anyInput_neverDeletesCordonsOrScales() {
        // GIVEN every scenario above's shapes / THEN only restarts ever come out
        List<Optional<ActionProposal>> proposals = List.of(
                rules.propose(findings(cause(POSTGRES, ComponentKind.DATABASE, 1, "CrashLoopBackOff")), List.of()),
                rules.propose(GraphFindings.none(),
                        List.of(Map.of("alertname", "KubePodCrashLooping", "namespace", "shop",
                                "pod", "p-0"))));
        assertThat(proposals).allSatisfy(p -> assertThat(p.orElseThrow().action().type())
                .isIn(ActionType.RESTART_POD, ActionType.ROLLOUT_RESTART));
    }
}
