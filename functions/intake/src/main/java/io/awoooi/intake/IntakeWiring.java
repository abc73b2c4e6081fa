package io.awoooi.intake;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SqsClients;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.SecretValue;
import io.awoooi.aws.SqsRawAlertQueue;
import io.awoooi.core.intake.AlertIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the intake use case from the environment the template gives the function: STATE_TABLE,
 * RAW_ALERTS_QUEUE_URL, INTAKE_TOKEN_SECRET_ARN. Clients are built once per container, at init,
 * so SnapStart snapshots them.
 */
@ApplicationScoped
public class IntakeWiring {

    @ConfigProperty(name = "state.table")
    String stateTable;

    @ConfigProperty(name = "raw.alerts.queue.url")
    String rawAlertsQueueUrl;

    @ConfigProperty(name = "intake.token.secret.arn")
    Optional<String> tokenSecretArn;

    /** A token given directly (AWOOOI_INTAKE_TOKEN); tests use it instead of Secrets Manager. */
    @ConfigProperty(name = "awoooi.intake.token")
    Optional<String> staticToken;

    /** In-JVM tests only; deployed and local functions use the SDK's AWS_ENDPOINT_URL_* variables. */
    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "awoooi.aws.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    @Produces
    @Singleton
    AlertIntake alertIntake() {
        var dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        return new AlertIntake(
                new DynamoDbIncidentStore(dynamo, stateTable),
                new SqsRawAlertQueue(SqsClients.of(sqsEndpoint), rawAlertsQueueUrl),
                Clock.systemUTC(), new DynamoDbOperationLog(dynamo, stateTable));
    }

    @Produces
    @Singleton
    @Named("intakeToken")
    Supplier<String> intakeToken() {
        return SecretValue.directOrSecret(staticToken, tokenSecretArn,
                "INTAKE_TOKEN_SECRET_ARN (the template does) or AWOOOI_INTAKE_TOKEN");
    }
}
