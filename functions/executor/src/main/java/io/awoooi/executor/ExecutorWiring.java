package io.awoooi.executor;

import io.awoooi.aws.DynamoDbAiOutcomes;
import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.SqsVerificationQueue;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.core.shield.Rehydrator;
import io.awoooi.core.shield.Vault;
import io.awoooi.kube.KubernetesActions;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.kube.KubernetesRestores;
import io.awoooi.wiring.ApprovalAssembly;
import io.awoooi.wiring.ApprovalParts;
import io.awoooi.wiring.Required;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the executor from the template's environment: the state table, the vault and the cluster
 * (io.awoooi.wiring), the approvers and the notification channels, VERIFICATION_QUEUE_URL and
 * VERIFICATION_DELAY_SECONDS. Of the approval side it takes the ledger and the notices only
 * ({@link ApprovalParts.Links#NONE}): it never reads the link key and holds no executions queue, so
 * the component that acts can neither forge nor dispatch an approval.
 */
@ApplicationScoped
public class ExecutorWiring {

    /** When the effect of an action is checked. */
    @ConfigMapping(prefix = "verification")
    public interface VerificationSettings {
        @WithName("queue.url")
        Optional<String> queueUrl();

        /** The template's default too: a few minutes for the workload to settle. */
        @WithName("delay.seconds")
        @WithDefault("180")
        int delaySeconds();
    }

    @Produces
    @Singleton
    Executions executions(KubernetesClient kubernetes, Vault vault,
            ApprovalAssembly approvals, DynamoDbExecutionStore executions, DynamoDbDriftStore drift,
            DynamoDbIncidentStore incidents, DynamoDbAiOutcomes outcomes, SqsClient sqs,
            VerificationSettings verification) {
        ApprovalParts parts = approvals.parts(ApprovalParts.Links.NONE);
        // restore_fields (issue #15) plans on the accepted baselines, read from the state table
        var restores = new KubernetesRestores(kubernetes, drift::find, DriftPolicy.defaults());
        // the dry-run asks for this function's own rights: it is the one that acts
        return new Executions(parts.ledger(), parts.notices(), executions,
                new KubernetesDryRun(kubernetes).withRestores(restores),
                new KubernetesActions(kubernetes).withRestores(restores), new Rehydrator(vault),
                new SqsVerificationQueue(sqs, Required.value(verification.queueUrl(), "verification.queue.url")),
                Duration.ofSeconds(verification.delaySeconds()), incidents, outcomes);
    }

    /** Where orders that can never be carried out go: a failure on their incident (ADR 0010). */
    @Produces
    @Singleton
    ParkFailedMessage parkFailedMessage(DynamoDbIncidentStore incidents, DynamoDbIncidentFailureStore failures,
            DynamoDbOperationLog operations) {
        return new ParkFailedMessage(ExecutorFunction.STAGE, Optional.empty(), incidents, failures, operations,
                Clock.systemUTC());
    }
}
