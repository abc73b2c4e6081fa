package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.batch.PermanentFailure;
import io.awoooi.core.batch.PermanentFailureException;
import io.awoooi.core.incident.StoreRejectedException;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.intake.QueueRejectedException;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Permanent refusals told from transient faults: against dynalite and ElasticMQ where they can
 * produce them, else with the SDK's exceptions as AWS sends them.
 */
class PermanentRefusalsTest {
    private final LocalAws aws = LocalAws.shared();
    private final String incident = "inc_" + UUID.randomUUID();

    private DynamoDbRedactedAlertStore alerts() {
        return new DynamoDbRedactedAlertStore(aws.dynamo().client(), aws.resources().tableName("StateTable"));
    }

    private static RedactedAlert alert(String fingerprint, String description) {
        return new RedactedAlert(fingerprint, Instant.parse("2026-11-25T03:00:00Z"), AlertStatus.FIRING,
                Optional.empty(),
                Map.of("alertname", "Big"), Map.of("description", description), "");
    }

    @Test
    void redactedAlert_over400KB_isRejectedForGoodWithAValueFreeReason() {
        String secret = "do-not-log-";
        assertThatThrownBy(() -> alerts().save(incident, List.of(alert("fp1", secret + "x".repeat(450_000)))))
                .isInstanceOf(StoreRejectedException.class)
                .hasMessage("the redacted alert exceeds DynamoDB's 400 KB item limit")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    @Test
    void redactedAlert_fingerprintOver1KB_isRejectedForGood() {
        assertThatThrownBy(() -> alerts().save(incident, List.of(alert("f".repeat(1100), "short"))))
                .isInstanceOf(StoreRejectedException.class)
                .hasMessage("a key of the redacted alert exceeds DynamoDB's key size limit (1 KB for a sort key)");
    }

    @Test
    void store_serverStopped_isUnavailableNotRejected() {
        try (var dynamo = io.awoooi.testing.LocalDynamo.startInMemory()) {
            var store = new DynamoDbRedactedAlertStore(dynamo.client(), "StateTable");
            dynamo.stop();
            assertThatThrownBy(() -> store.save(incident, List.of(alert("fp1", "short"))))
                    .isInstanceOf(StoreUnavailableException.class)
                    .satisfies(e -> assertThat(PermanentFailure.of(e)).isEmpty());
        }
    }

    @Test
    void fifoPublisher_bodyWithNul_isRejectedForGoodNotUnavailable() {
        var publisher = new SqsFifoPublisher(aws.sqs().client(), aws.resources().queueUrl("IncidentsQueue"),
                "incidents");
        assertThatThrownBy(() -> publisher.send("{\"x\":\"a\u0000b\"}", "g-" + UUID.randomUUID(),
                UUID.randomUUID().toString(), Map.of("incidentId", incident)))
                .isInstanceOf(QueueRejectedException.class)
                .hasMessage("the incidents queue refused the message: it holds characters SQS does not allow");
    }

    @Test
    void fifoPublisher_queueMissing_isUnavailable() {
        var publisher = new SqsFifoPublisher(aws.sqs().client(), aws.sqs().endpoint() + "/000000000000/missing.fifo",
                "incidents");
        assertThatThrownBy(() -> publisher.send("{}", "g", "d", Map.of()))
                .isInstanceOf(QueueUnavailableException.class)
                .satisfies(e -> assertThat(PermanentFailure.of(e)).isEmpty());
    }

    @Test
    void classification_awsErrorsAsSent() {
        // DynamoDB: ValidationException is permanent, throttling and 5xx are transient, the rest is neither
        assertThat(AwsFailures.storeRefusal(
                dynamo("ValidationException", "Item size has exceeded the maximum allowed size", 400),
                "item")).contains("the item exceeds DynamoDB's 400 KB item limit");
        assertThat(AwsFailures
                .storeRefusal(dynamo("ValidationException", "An AttributeValue may not contain an empty string",
                        400), "item"))
                .contains("DynamoDB refused the item as invalid (ValidationException)");
        assertThat(AwsFailures.isTransient(dynamo("ProvisionedThroughputExceededException", "slow down", 400)))
                .isTrue();
        assertThat(AwsFailures.isTransient(dynamo("InternalServerError", "oops", 500))).isTrue();
        assertThat(AwsFailures.isTransient(SdkClientException.create("connection refused"))).isTrue();
        assertThat(AwsFailures.storeRefusal(dynamo("AccessDeniedException", "no", 400), "item")).isEmpty();
        assertThatThrownBy(() -> AwsFailures.storeCall("t", () -> {
            throw dynamo("ThrottlingException", "Rate exceeded", 400);
        })).isInstanceOf(StoreUnavailableException.class);

        // SQS: invalid contents and attributes are permanent (AWS's JSON and query protocol codes)
        assertThat(AwsFailures.queueFailure("raw-alerts", sqs("InvalidMessageContents", 400)))
                .isInstanceOf(QueueRejectedException.class)
                .hasMessage("the raw-alerts queue refused the message: it holds characters SQS does not allow");
        assertThat(AwsFailures.queueFailure("raw-alerts", sqs("AWS.SimpleQueueService.InvalidMessageContents", 400)))
                .isInstanceOf(QueueRejectedException.class);
        assertThat(AwsFailures.queueFailure("raw-alerts", sqs("InvalidParameterValue", 400)))
                .isInstanceOf(QueueRejectedException.class)
                .hasMessage("the raw-alerts queue refused the message as invalid (InvalidParameterValue)");
        assertThat(AwsFailures.queueFailure("raw-alerts", sqs("RequestThrottled", 400)))
                .isInstanceOf(QueueUnavailableException.class);
        assertThat(AwsFailures.queueFailure("raw-alerts", sqs("InternalError", 500)))
                .isInstanceOf(QueueUnavailableException.class);
        assertThat(AwsFailures.queueFailure("raw-alerts", sqs("AccessDenied", 403)))
                .isInstanceOf(QueueUnavailableException.class)
                .hasMessage("raw-alerts queue is unavailable: AccessDenied");

        // KMS: a ciphertext it can never decrypt is permanent; access denied is a setup fault and propagates
        assertThatThrownBy(() -> AwsFailures.keyCall("a vault label's data key", () -> {
            throw kms("InvalidCiphertextException");
        })).isInstanceOf(PermanentFailureException.class)
                .hasMessage("KMS cannot decrypt a vault label's data key (InvalidCiphertextException)");
        assertThatThrownBy(() -> AwsFailures.keyCall("k", () -> {
            throw kms("AccessDeniedException");
        })).isInstanceOf(AwsServiceException.class);
    }

    private static DynamoDbException dynamo(String code, String message, int status) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    private static SqsException sqs(String code, int status) {
        return (SqsException) SqsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    private static AwsServiceException kms(String code) {
        return AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
