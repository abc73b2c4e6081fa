package io.awoooi.analysis;

import io.awoooi.ai.Narrators;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.core.analysis.AnalyzeIncident;
import io.awoooi.core.analysis.RecentFiringIncidents;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.core.shield.IncidentNames;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.topology.CachedTopology;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.kube.KubernetesTopologySource;
import io.awoooi.kube.NamespaceSelection;
import io.awoooi.kube.PrometheusServiceGraph;
import io.awoooi.wiring.ApprovalAssembly;
import io.awoooi.wiring.ApprovalParts;
import io.awoooi.wiring.Environment;
import io.awoooi.wiring.ShieldSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds the analysis from the template's environment: the state table, the cluster (CLUSTER_AUTH ...)
 * and the approval side (io.awoooi.wiring); TOPOLOGY_NAMESPACES (comma-separated, empty = all);
 * PROMETHEUS_URL for service-graph edges; TOPOLOGY_MAX_DEPTH; AWOOOI_LLM (none | ollama | bedrock)
 * with OLLAMA_BASE_URL / BEDROCK_MODEL_ID; LABEL_KUBERNETES_NAMES with the vault (labelled names,
 * {@link #incidentNames}).
 *
 * <p>The other incidents firing now count as evidence on the services they are about
 * ({@link RecentFiringIncidents}: the newest 50 incidents of the state table and their redacted
 * alerts). Reading them needs {@code dynamodb:Query} on the state table and its GSI1 index; without
 * it the analysis still runs, on the topology's health alone.
 */
@ApplicationScoped
public class AnalysisWiring {

    /** How the topology is read. */
    @ConfigMapping(prefix = "topology")
    public interface TopologySettings {
        Optional<String> namespaces();

        @WithName("max.depth")
        @WithDefault("3")
        int maxDepth();

        @WithName("cache.seconds")
        @WithDefault("60")
        int cacheSeconds();
    }

    /** PROMETHEUS_URL: where the service graph's edges are read (optional). */
    @ConfigMapping(prefix = "prometheus")
    public interface ServiceGraphSettings {
        Optional<URI> url();
    }

    /**
     * With LABEL_KUBERNETES_NAMES=true, the incident's labels in the vault (VAULT_TABLE, VAULT_KEY_ID,
     * VAULT_HASH_KEY_SECRET_ARN): read by keyed hash, extended with labels for names the alerts did
     * not carry (kms:GenerateDataKey only: the analysis can add labels, never reveal a value). The
     * vault is only built when names are labelled.
     */
    @Produces
    @Singleton
    IncidentNames incidentNames(ShieldSettings shield, Instance<io.awoooi.core.shield.Vault> vault) {
        return shield.labelKubernetesNames() ? IncidentNames.inVault(vault.get()) : IncidentNames.PLAIN;
    }

    @Produces
    @Singleton
    Approvals approvals(KubernetesDryRun dryRun, IncidentNames names, AnalyzeIncident analyze,
            ApprovalAssembly approvals, SqsExecutionQueue executions) {
        return new Approvals(approvals.parts(ApprovalParts.Links.ISSUE).desks(executions), dryRun, new RiskPolicy(),
                approvals.ttl()).withNames(names, analyze::knownNames);
    }

    @Produces
    @Singleton
    AnalyzeIncident analyzeIncident(KubernetesClient kubernetes, IncidentNames names, TopologySettings topology,
            ServiceGraphSettings serviceGraph, LeakGuard guard, DynamoDbAiTraceSink traces,
            DynamoDbAnalysisStore analyses, DynamoDbOperationLog operations, DynamoDbIncidentStore incidents,
            DynamoDbRedactedAlertStore alerts) {
        List<String> selected = topology.namespaces().stream().flatMap(n -> Arrays.stream(n.split(",")))
                .map(String::strip).filter(n -> !n.isEmpty()).toList();
        NamespaceSelection selection = selected.isEmpty() ? NamespaceSelection.all() : NamespaceSelection.of(selected);
        KubernetesTopologySource cluster = new KubernetesTopologySource(kubernetes, selection,
                serviceGraph.url().map(PrometheusServiceGraph::new).orElse(null), Clock.systemUTC());
        CachedTopology cached = new CachedTopology(cluster, Clock.systemUTC(),
                Duration.ofSeconds(topology.cacheSeconds()),
                CachedTopology.DEFAULT_MAX_STALE);
        return new AnalyzeIncident(cached,
                new TimedNarrator(Narrators.fromSettings(Environment.lookup(), traces,
                        (incidentId, prompt) -> guard.check("llm-prompt", incidentId, prompt))),
                analyses, Clock.systemUTC(), topology.maxDepth(), operations,
                new RecentFiringIncidents(incidents, alerts)).withNames(names);
    }

    /** Where events that can never be analyzed go: a failure on their incident (ADR 0010). */
    @Produces
    @Singleton
    ParkFailedMessage parkFailedMessage(DynamoDbIncidentStore incidents, DynamoDbIncidentFailureStore failures,
            DynamoDbOperationLog operations) {
        return new ParkFailedMessage(AnalysisFunction.STAGE, Optional.of("redacted"), incidents, failures, operations,
                Clock.systemUTC());
    }
}
