package io.awoooi.redaction;

import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.SqsIncidentEventQueue;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.core.shield.RedactNotification;
import io.awoooi.core.shield.Vault;
import io.awoooi.wiring.Required;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the Privacy Shield from the template's environment: STATE_TABLE, VAULT_TABLE, VAULT_KEY_ID,
 * VAULT_HASH_KEY_SECRET_ARN, LABEL_KUBERNETES_NAMES (io.awoooi.wiring) and INCIDENTS_QUEUE_URL.
 */
@ApplicationScoped
public class RedactionWiring {

    /** Where redacted incidents go next. */
    @ConfigMapping(prefix = "incidents.queue")
    public interface RedactionSettings {
        @WithName("url")
        Optional<String> url();
    }

    /** Where messages that can never be redacted go: a failure on their incident (ADR 0010). */
    @Produces
    @Singleton
    ParkFailedMessage parkFailedMessage(DynamoDbIncidentStore incidents, DynamoDbIncidentFailureStore failures,
            DynamoDbOperationLog operations) {
        return new ParkFailedMessage(RedactionFunction.STAGE, Optional.of("alert_received"), incidents, failures,
                operations, Clock.systemUTC());
    }

    @Produces
    @Singleton
    RedactNotification redactNotification(Vault vault, Pseudonymizer pseudonymizer,
            DynamoDbRedactedAlertStore alerts, SqsClient sqs, RedactionSettings settings, LeakGuard guard,
            DynamoDbOperationLog operations) {
        return new RedactNotification(vault, pseudonymizer, alerts,
                new SqsIncidentEventQueue(sqs, Required.value(settings.url(), "incidents.queue.url")), guard,
                operations);
    }
}
