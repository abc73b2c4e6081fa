package io.awoooi.redaction;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SqsClients;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbLeakAudit;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.DynamoDbVaultStore;
import io.awoooi.aws.KmsKeyRing;
import io.awoooi.aws.SecretValue;
import io.awoooi.aws.SqsIncidentEventQueue;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.KeyRing;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.core.shield.RedactNotification;
import io.awoooi.core.shield.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the Privacy Shield from the template's environment: STATE_TABLE, VAULT_TABLE,
 * VAULT_KEY_ID, VAULT_HASH_KEY_SECRET_ARN, INCIDENTS_QUEUE_URL, LABEL_KUBERNETES_NAMES.
 */
@ApplicationScoped
public class RedactionWiring {

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

    @ConfigProperty(name = "incidents.queue.url")
    String incidentsQueueUrl;

    @ConfigProperty(name = "label.kubernetes.names", defaultValue = "false")
    boolean labelKubernetesNames;

    /** In-JVM tests only; deployed and local functions use the SDK's AWS_ENDPOINT_URL_* variables. */
    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "awoooi.aws.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    @ConfigProperty(name = "awoooi.aws.kms.endpoint")
    Optional<URI> kmsEndpoint;

    @Produces
    @Singleton
    KeyRing keyRing() {
        return new KmsKeyRing(AwsClients.kms(kmsEndpoint), vaultKeyId, SecretValue.directOrSecret(hashKey,
                hashKeySecretArn, "VAULT_HASH_KEY_SECRET_ARN (the template does) or AWOOOI_VAULT_HASH_KEY"));
    }

    private DynamoDbClient dynamo;

    /** One client for the shield and the parking. */
    private synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        }
        return dynamo;
    }

    /** Where messages that can never be redacted go: a failure on their incident (ADR 0010). */
    @Produces
    @Singleton
    ParkFailedMessage parkFailedMessage() {
        DynamoDbClient dynamo = dynamo();
        return new ParkFailedMessage(RedactionFunction.STAGE, Optional.of("alert_received"),
                new DynamoDbIncidentStore(dynamo, stateTable), new DynamoDbIncidentFailureStore(dynamo, stateTable),
                new DynamoDbOperationLog(dynamo, stateTable), Clock.systemUTC());
    }

    @Produces
    @Singleton
    RedactNotification redactNotification(KeyRing keys) {
        DynamoDbClient dynamo = dynamo();
        PiiScanner scanner = new PiiScanner();
        Vault vault = new Vault(new DynamoDbVaultStore(dynamo, vaultTable), keys, Clock.systemUTC());
        return new RedactNotification(vault, new Pseudonymizer(scanner, labelKubernetesNames),
                new DynamoDbRedactedAlertStore(dynamo, stateTable),
                new SqsIncidentEventQueue(SqsClients.of(sqsEndpoint), incidentsQueueUrl),
                new LeakGuard(scanner, new DynamoDbLeakAudit(dynamo, stateTable), Clock.systemUTC()),
                new DynamoDbOperationLog(dynamo, stateTable));
    }
}
