package io.awoooi.analysis;

import io.awoooi.ai.Narrators;
import io.awoooi.aws.AwsClients;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbLeakAudit;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.core.analysis.AnalyzeIncident;
import io.awoooi.core.analysis.RecentFiringIncidents;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.topology.CachedTopology;
import io.awoooi.kube.KubernetesTopologySource;
import io.awoooi.kube.NamespaceSelection;
import io.awoooi.kube.PrometheusServiceGraph;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the analysis from the template's environment: STATE_TABLE; the cluster from the standard
 * Kubernetes client settings (KUBECONFIG, or KUBERNETES_MASTER + token); TOPOLOGY_NAMESPACES
 * (comma-separated, empty = all); PROMETHEUS_URL for service-graph edges; TOPOLOGY_MAX_DEPTH;
 * AWOOOI_LLM (none | ollama | bedrock) with OLLAMA_BASE_URL / BEDROCK_MODEL_ID.
 *
 * <p>The other incidents firing now count as evidence on the services they are about
 * ({@link RecentFiringIncidents}: the newest 50 incidents of the state table and their redacted
 * alerts). Reading them needs {@code dynamodb:Query} on the state table and its GSI1 index; without
 * it the analysis still runs, on the topology's health alone.
 */
@ApplicationScoped
public class AnalysisWiring {

    @ConfigProperty(name = "state.table")
    String stateTable;

    @ConfigProperty(name = "topology.namespaces")
    Optional<String> namespaces;

    @ConfigProperty(name = "prometheus.url")
    Optional<URI> prometheusUrl;

    @ConfigProperty(name = "topology.max.depth", defaultValue = "3")
    int maxDepth;

    @ConfigProperty(name = "topology.cache.seconds", defaultValue = "60")
    int cacheSeconds;

    /** In-JVM tests only; deployed and local functions use the SDK's AWS_ENDPOINT_URL_* variables. */
    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    /**
     * In-JVM tests only: the API server to use instead of the standard settings (the tests' mock API
     * server). A config property rather than the client's own system properties, because
     * {@link Config#autoConfigure} would still read the machine's kubeconfig and send its
     * credentials along; with this set, nothing but the URL is configured.
     */
    @ConfigProperty(name = "awoooi.kubernetes.master")
    Optional<String> kubernetesMaster;

    @Produces
    @Singleton
    KubernetesClient kubernetes() {
        // the standard settings (KUBECONFIG, KUBERNETES_MASTER, ...), but fail fast: the client's default
        // of 10 retries with backoff would spend ~19 s of the function's budget on an unreachable API
        // server, where the cached topology (served stale for up to 5 minutes) is the better answer
        Config base = kubernetesMaster.map(url -> new ConfigBuilder(Config.empty()).withMasterUrl(url).build())
                .orElseGet(() -> Config.autoConfigure(null));
        Config config = new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(1)
                .withConnectionTimeout(3_000)
                .withRequestTimeout(10_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Produces
    @Singleton
    AnalyzeIncident analyzeIncident(KubernetesClient kubernetes) {
        DynamoDbClient dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        List<String> selected = namespaces.stream().flatMap(n -> Arrays.stream(n.split(",")))
                .map(String::strip).filter(n -> !n.isEmpty()).toList();
        NamespaceSelection selection = selected.isEmpty() ? NamespaceSelection.all() : NamespaceSelection.of(selected);
        KubernetesTopologySource cluster = new KubernetesTopologySource(kubernetes, selection,
                prometheusUrl.map(PrometheusServiceGraph::new).orElse(null), Clock.systemUTC());
        CachedTopology topology = new CachedTopology(cluster, Clock.systemUTC(), Duration.ofSeconds(cacheSeconds),
                CachedTopology.DEFAULT_MAX_STALE);
        LeakGuard guard = new LeakGuard(new PiiScanner(), new DynamoDbLeakAudit(dynamo, stateTable), Clock.systemUTC());
        return new AnalyzeIncident(topology,
                Narrators.fromEnvironment(new DynamoDbAiTraceSink(dynamo, stateTable),
                        (incidentId, prompt) -> guard.check("llm-prompt", incidentId, prompt)),
                new DynamoDbAnalysisStore(dynamo, stateTable), Clock.systemUTC(), maxDepth,
                new DynamoDbOperationLog(dynamo, stateTable),
                new RecentFiringIncidents(new DynamoDbIncidentStore(dynamo, stateTable),
                        new DynamoDbRedactedAlertStore(dynamo, stateTable)));
    }
}
