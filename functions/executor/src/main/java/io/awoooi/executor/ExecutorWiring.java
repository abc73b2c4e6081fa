package io.awoooi.executor;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.aws.SqsClients;
import io.awoooi.aws.DynamoDbAiOutcomes;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.aws.DynamoDbVaultStore;
import io.awoooi.aws.KmsKeyRing;
import io.awoooi.aws.SecretValue;
import io.awoooi.aws.SqsVerificationQueue;
import io.awoooi.cluster.ClusterClients;
import io.awoooi.core.shield.KeyRing;
import io.awoooi.core.shield.Rehydrator;
import io.awoooi.core.shield.Vault;
import io.awoooi.kube.KubernetesActions;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.notify.ApprovalDesks;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the executor from the template's environment: STATE_TABLE, VAULT_TABLE, VAULT_KEY_ID,
 * VAULT_HASH_KEY_SECRET_ARN (the vault, read only here and in the redaction), the approval side
 * (TRUST_TABLE, EXECUTIONS_QUEUE_URL, APPROVERS_PARAMETER, the notification channels),
 * VERIFICATION_QUEUE_URL and VERIFICATION_DELAY_SECONDS, and the cluster from CLUSTER_AUTH
 * (shared/cluster). It neither issues nor verifies approval links, so it never reads the link key
 * ({@link ApprovalDesks.Links#NONE}): the component that acts cannot forge an approval.
 */
@ApplicationScoped
public class ExecutorWiring {

    @ConfigProperty(name = "state.table")
    String stateTable;

    @ConfigProperty(name = "vault.table")
    String vaultTable;

    @ConfigProperty(name = "vault.key.id")
    String vaultKeyId;

    @ConfigProperty(name = "vault.hash.key.secret.arn")
    Optional<String> hashKeySecretArn;

    /** Given directly (AWOOOI_VAULT_HASH_KEY): tests use it instead of Secrets Manager. */
    @ConfigProperty(name = "awoooi.vault.hash.key")
    Optional<String> hashKey;

    @ConfigProperty(name = "verification.queue.url")
    String verificationQueueUrl;

    @ConfigProperty(name = "verification.delay.seconds", defaultValue = "180")
    int verificationDelaySeconds;

    /** In-JVM tests only: the Kubernetes API's URL, nothing else configured. */
    @ConfigProperty(name = "awoooi.kubernetes.master")
    Optional<String> kubernetesMaster;

    /** In-JVM tests only; deployed and local functions use the SDK's AWS_ENDPOINT_URL_* variables. */
    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "awoooi.aws.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    @ConfigProperty(name = "awoooi.aws.kms.endpoint")
    Optional<URI> kmsEndpoint;

    @Produces
    @Singleton
    KubernetesClient kubernetes() {
        // CLUSTER_AUTH = auto | eks (this function's role, mapped to a writing identity) | secret
        return kubernetesMaster.map(ClusterClients::forApiServer).orElseGet(ClusterClients::fromEnvironment);
    }

    @Produces
    @Singleton
    KeyRing keyRing() {
        return new KmsKeyRing(AwsClients.kms(kmsEndpoint), vaultKeyId, SecretValue.directOrSecret(hashKey,
                hashKeySecretArn, "VAULT_HASH_KEY_SECRET_ARN (the template does) or AWOOOI_VAULT_HASH_KEY"));
    }

    @Produces
    @Singleton
    Executions executions(KubernetesClient kubernetes, KeyRing keys) {
        DynamoDbClient dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        var sqs = SqsClients.of(sqsEndpoint);
        var desks = ApprovalDesks.of(ApprovalDesks.Settings.fromConfig(
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), ApprovalDesks.Links.NONE), dynamo,
                SqsExecutionQueue.fromConfig(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), sqs));
        Vault vault = new Vault(new DynamoDbVaultStore(dynamo, vaultTable), keys, Clock.systemUTC());
        // restore_fields (issue #15) plans on the accepted baselines, read from the state table
        var driftStore = new io.awoooi.aws.DynamoDbDriftStore(dynamo, stateTable);
        var restores = new io.awoooi.kube.KubernetesRestores(kubernetes, driftStore::find,
                io.awoooi.core.drift.DriftPolicy.defaults());
        return new Executions(desks, new DynamoDbExecutionStore(dynamo, stateTable),
                new KubernetesDryRun(kubernetes).withRestores(restores), new KubernetesActions(kubernetes).withRestores(restores), new Rehydrator(vault), new SqsVerificationQueue(sqs, verificationQueueUrl),
                Duration.ofSeconds(verificationDelaySeconds), new DynamoDbIncidentStore(dynamo, stateTable),
                new DynamoDbAiOutcomes(dynamo, stateTable));
    }

    /** Where orders that can never be carried out go: a failure on their incident (ADR 0010). */
    @Produces
    @Singleton
    ParkFailedMessage parkFailedMessage() {
        DynamoDbClient dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        return new ParkFailedMessage(ExecutorFunction.STAGE, Optional.empty(),
                new DynamoDbIncidentStore(dynamo, stateTable), new DynamoDbIncidentFailureStore(dynamo, stateTable),
                new DynamoDbOperationLog(dynamo, stateTable), Clock.systemUTC());
    }
}
