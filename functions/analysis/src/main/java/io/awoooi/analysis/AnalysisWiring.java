package io.awoooi.analysis;

import io.awoooi.ai.Narrators;
import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.aws.SqsClients;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbLeakAudit;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.DynamoDbVaultStore;
import io.awoooi.aws.KmsKeyRing;
import io.awoooi.aws.SecretValue;
import io.awoooi.core.shield.IncidentNames;
import io.awoooi.core.shield.Vault;
import io.awoooi.cluster.ClusterClients;
import io.awoooi.core.analysis.AnalyzeIncident;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.notify.ApprovalDesks;
import io.awoooi.core.analysis.RecentFiringIncidents;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.topology.CachedTopology;
import io.awoooi.kube.KubernetesTopologySource;
import io.awoooi.kube.NamespaceSelection;
import io.awoooi.kube.PrometheusServiceGraph;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the analysis from the template's environment: STATE_TABLE; the
 * Kubernetes client from CLUSTER_AUTH (auto: KUBECONFIG or KUBERNETES_MASTER; eks; secret); TOPOLOGY_NAMESPACES
 * (comma-separated, empty = all); PROMETHEUS_URL for service-graph edges; TOPOLOGY_MAX_DEPTH;
 * AWOOOI_LLM (none | ollama | bedrock) with OLLAMA_BASE_URL / BEDROCK_MODEL_ID; LABEL_KUBERNETES_NAMES with
 * VAULT_TABLE, VAULT_KEY_ID and VAULT_HASH_KEY_SECRET_ARN (labelled names, {@link #incidentNames}).
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
        // CLUSTER_AUTH = auto (KUBECONFIG, KUBERNETES_MASTER, in-cluster) | eks (the function's IAM role)
        // | secret (a kubeconfig or token in Secrets Manager); see shared/cluster/README.md. It fails fast:
        // the client's default of 10 retries would spend ~19 s on an unreachable API server, where the
        // cached topology (served stale for up to 5 minutes) is the better answer
        return kubernetesMaster.map(ClusterClients::forApiServer).orElseGet(ClusterClients::fromEnvironment);
    }

    @ConfigProperty(name = "approval.ttl.minutes", defaultValue = "30")
    int approvalTtlMinutes;

    /** The executor's Kubernetes user, when the analysis's own identity is not the one that acts. */
    @ConfigProperty(name = "executor.kubernetes.user")
    Optional<String> executorUser;

    @ConfigProperty(name = "executor.kubernetes.groups")
    Optional<List<String>> executorGroups;

    @ConfigProperty(name = "awoooi.aws.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    /** LABEL_KUBERNETES_NAMES: the Privacy Shield labels Kubernetes names; the analysis maps them in memory. */
    @ConfigProperty(name = "label.kubernetes.names", defaultValue = "false")
    boolean labelKubernetesNames;

    @ConfigProperty(name = "vault.table")
    Optional<String> vaultTable;

    @ConfigProperty(name = "vault.key.id")
    Optional<String> vaultKeyId;

    @ConfigProperty(name = "vault.hash.key.secret.arn")
    Optional<String> hashKeySecretArn;

    /** Given directly (AWOOOI_VAULT_HASH_KEY): tests use it instead of Secrets Manager. */
    @ConfigProperty(name = "awoooi.vault.hash.key")
    Optional<String> hashKey;

    @ConfigProperty(name = "awoooi.aws.kms.endpoint")
    Optional<URI> kmsEndpoint;

    /**
     * With LABEL_KUBERNETES_NAMES=true, the incident's labels in the vault (VAULT_TABLE, VAULT_KEY_ID,
     * VAULT_HASH_KEY_SECRET_ARN): read by keyed hash, extended with labels for names the alerts did
     * not carry (kms:GenerateDataKey only: the analysis can add labels, never reveal a value).
     */
    @Produces
    @Singleton
    IncidentNames incidentNames() {
        if (!labelKubernetesNames) {
            return IncidentNames.PLAIN;
        }
        String table = vaultTable.filter(t -> !t.isBlank()).orElseThrow(() -> new IllegalStateException(
                "LABEL_KUBERNETES_NAMES=true needs VAULT_TABLE (the template sets it)"));
        String keyId = vaultKeyId.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "LABEL_KUBERNETES_NAMES=true needs VAULT_KEY_ID (the template sets it)"));
        KmsKeyRing keys = new KmsKeyRing(AwsClients.kms(kmsEndpoint), keyId, SecretValue.directOrSecret(hashKey,
                hashKeySecretArn, "VAULT_HASH_KEY_SECRET_ARN (the template does) or AWOOOI_VAULT_HASH_KEY"));
        return IncidentNames.inVault(new Vault(new DynamoDbVaultStore(AwsClients.dynamoDb(dynamoEndpoint), table),
                keys, Clock.systemUTC()));
    }

    @Produces
    @Singleton
    Approvals approvals(KubernetesClient kubernetes, IncidentNames names, AnalyzeIncident analyze) {
        var desks = ApprovalDesks.of(ApprovalDesks.Settings.fromConfig(
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), ApprovalDesks.Links.ISSUE),
                AwsClients.dynamoDb(dynamoEndpoint),
                SqsExecutionQueue.fromConfig(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), SqsClients.of(sqsEndpoint)));
        var dryRun = new KubernetesDryRun(kubernetes, executorUser.filter(u -> !u.isBlank())
                .map(u -> new KubernetesDryRun.Executor(u, executorGroups.orElse(List.of()))));
        return new Approvals(desks, dryRun, new RiskPolicy(), Duration.ofMinutes(approvalTtlMinutes))
                .withNames(names, analyze::knownNames);
    }

    @Produces
    @Singleton
    AnalyzeIncident analyzeIncident(KubernetesClient kubernetes, IncidentNames names) {
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
                new TimedNarrator(Narrators.fromEnvironment(new DynamoDbAiTraceSink(dynamo, stateTable),
                        (incidentId, prompt) -> guard.check("llm-prompt", incidentId, prompt))),
                new DynamoDbAnalysisStore(dynamo, stateTable), Clock.systemUTC(), maxDepth,
                new DynamoDbOperationLog(dynamo, stateTable),
                new RecentFiringIncidents(new DynamoDbIncidentStore(dynamo, stateTable),
                        new DynamoDbRedactedAlertStore(dynamo, stateTable))).withNames(names);
    }

    /** Where events that can never be analyzed go: a failure on their incident (ADR 0010). */
    @Produces
    @Singleton
    ParkFailedMessage parkFailedMessage() {
        DynamoDbClient dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        return new ParkFailedMessage(AnalysisFunction.STAGE, Optional.of("redacted"),
                new DynamoDbIncidentStore(dynamo, stateTable), new DynamoDbIncidentFailureStore(dynamo, stateTable),
                new DynamoDbOperationLog(dynamo, stateTable), Clock.systemUTC());
    }
}
