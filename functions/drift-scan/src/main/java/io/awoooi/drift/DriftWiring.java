package io.awoooi.drift;

import io.awoooi.ai.Narrators;
import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.aws.SqsClients;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbLeakAudit;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.cluster.ClusterClients;
import io.awoooi.core.drift.DriftNarration;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.drift.DriftRedaction;
import io.awoooi.core.drift.DriftScan;
import io.awoooi.core.drift.NotifyDrift;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.kube.KubernetesDriftSource;
import io.awoooi.kube.NamespaceSelection;
import io.awoooi.notify.ApprovalDesks;
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

/**
 * Builds the drift scan from the template's environment: STATE_TABLE (reports, baselines,
 * notification claims, the operation log and the AI traces), the cluster from CLUSTER_AUTH
 * (shared/cluster; read-only), DRIFT_NAMESPACES (comma separated; empty: all but kube-*),
 * DRIFT_GITOPS_MANAGERS (field managers that count as declarative besides the defaults),
 * DRIFT_REMINDER_HOURS (unchanged drift is notified again after this long), LABEL_KUBERNETES_NAMES,
 * the narrator's AWOOOI_LLM settings (shared/ai Narrators) and the desk's (approvers, channels;
 * the link key and PUBLIC_BASE_URL: it issues the Accept and Rollback links). A malformed setting fails the cold start, naming it.
 */
@ApplicationScoped
public class DriftWiring {
    @ConfigProperty(name = "state.table")
    String stateTable;

    @ConfigProperty(name = "drift.namespaces")
    Optional<String> namespaces;

    @ConfigProperty(name = "drift.gitops.managers")
    Optional<String> gitOpsManagers;

    @ConfigProperty(name = "drift.reminder.hours", defaultValue = "24")
    String reminderHours;

    @ConfigProperty(name = "label.kubernetes.names", defaultValue = "false")
    boolean labelKubernetesNames;

    /** In-JVM tests only: the Kubernetes API's URL, nothing else configured. */
    @ConfigProperty(name = "awoooi.kubernetes.master")
    Optional<String> kubernetesMaster;

    /** In-JVM tests only; deployed and local functions use the SDK's AWS_ENDPOINT_URL_* variables. */
    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "awoooi.aws.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    @Produces
    @Singleton
    KubernetesClient kubernetes() {
        return kubernetesMaster.map(ClusterClients::forApiServer).orElseGet(ClusterClients::fromEnvironment);
    }

    @Produces
    @Singleton
    DriftPolicy policy() {
        long hours;
        try {
            hours = Long.parseLong(reminderHours.strip());
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (hours < 1 || hours > 24 * 90) {
            throw new IllegalArgumentException("DRIFT_REMINDER_HOURS must be a whole number of hours from 1 to 2160");
        }
        return DriftPolicy.withGitOpsManagers(gitOpsManagers.orElse(""), Duration.ofHours(hours));
    }

    @Produces
    @Singleton
    DriftRedaction redaction() {
        return new DriftRedaction(new Pseudonymizer(new PiiScanner(), labelKubernetesNames));
    }

    @Produces
    @Singleton
    NotifyDrift notifyDrift(KubernetesClient kubernetes, DriftPolicy policy, DriftRedaction redaction) {
        var dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        var store = new DynamoDbDriftStore(dynamo, stateTable);
        List<String> selected = namespaces.stream().flatMap(n -> Arrays.stream(n.split(",")))
                .map(String::strip).filter(n -> !n.isEmpty()).toList();
        var source = new KubernetesDriftSource(kubernetes,
                selected.isEmpty() ? NamespaceSelection.all() : NamespaceSelection.of(selected));
        LeakGuard guard = new LeakGuard(new PiiScanner(), new DynamoDbLeakAudit(dynamo, stateTable), Clock.systemUTC());
        var settings = (java.util.function.Function<String, String>) name -> ConfigProvider.getConfig()
                .getOptionalValue(name, String.class).orElse(null);
        var model = Narrators.model(settings, (reportId, prompt) -> guard.check("llm-prompt", reportId, prompt));
        var narration = new DriftNarration(model, new DynamoDbAiTraceSink(dynamo, stateTable),
                new DynamoDbOperationLog(dynamo, stateTable), redaction, Narrators.timeout(settings), Clock.systemUTC());
        // the message carries each operator's signed Accept and Rollback links (ADR 0023):
        // this function issues links, valid for the reminder interval (a reminder brings fresh ones)
        var desks = ApprovalDesks.of(ApprovalDesks.Settings.fromConfig(
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), ApprovalDesks.Links.ISSUE),
                dynamo, SqsExecutionQueue.fromConfig(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class),
                        SqsClients.of(sqsEndpoint)));
        return new NotifyDrift(new DriftScan(source, store, store, policy, Clock.systemUTC()), narration, desks,
                policy.reminderInterval());
    }
}
