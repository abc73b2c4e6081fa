package io.awoooi.intake;

import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.SecretValue;
import io.awoooi.aws.SqsRawAlertQueue;
import io.awoooi.core.intake.AlertIntake;
import io.awoooi.wiring.Required;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the intake use case from the environment the template gives the function: STATE_TABLE
 * (io.awoooi.wiring), RAW_ALERTS_QUEUE_URL, INTAKE_TOKEN_SECRET_ARN. Clients are built once per
 * container, at init, so SnapStart snapshots them.
 */
@ApplicationScoped
public class IntakeWiring {

    /** The intake's own settings. */
    @ConfigMapping(prefix = "")
    public interface IntakeSettings {
        @WithName("raw.alerts.queue.url")
        Optional<String> rawAlertsQueueUrl();

        @WithName("intake.token.secret.arn")
        Optional<String> tokenSecretArn();

        /** A token given directly (AWOOOI_INTAKE_TOKEN); tests use it instead of Secrets Manager. */
        @WithName("awoooi.intake.token")
        Optional<String> token();
    }

    @Produces
    @Singleton
    AlertIntake alertIntake(DynamoDbIncidentStore incidents, DynamoDbOperationLog operations, SqsClient sqs,
            IntakeSettings settings) {
        return new AlertIntake(incidents,
                new SqsRawAlertQueue(sqs, Required.value(settings.rawAlertsQueueUrl(), "raw.alerts.queue.url")),
                Clock.systemUTC(), operations);
    }

    @Produces
    @Singleton
    @Named("intakeToken")
    Supplier<String> intakeToken(IntakeSettings settings) {
        return SecretValue.directOrSecret(settings.token(), settings.tokenSecretArn(),
                "INTAKE_TOKEN_SECRET_ARN (the template does) or AWOOOI_INTAKE_TOKEN");
    }
}
