package io.awoooi.aws;

import io.awoooi.core.batch.PermanentFailureException;
import io.awoooi.core.incident.StoreRejectedException;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.intake.QueueRejectedException;
import io.awoooi.core.failure.QueueUnavailableException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Tells transient AWS failures (worth a retry) from permanent refusals of what we sent (never worth
 * one) and from everything else (errors in our own requests or setup, which propagate as they are).
 * Permanent refusals become {@link io.awoooi.core.batch.PermanentFailure}s with a value-free reason
 * made of our own words: AWS error messages are not copied into it.
 *
 * <pre>
 * transient  connection errors and timeouts (SdkClientException), HTTP 5xx, throttling
 * permanent  DynamoDB ValidationException (item over 400 KB, key too long, invalid attribute);
 *            SQS InvalidMessageContents, InvalidAttributeValue, InvalidAttributeName,
 *            InvalidParameterValue; KMS InvalidCiphertextException, IncorrectKeyException
 * neither    e.g. AccessDenied, ResourceNotFound, QueueDoesNotExist, KMS DisabledException: a
 *            deployment fault that a fix (then a retry or a dead-letter redrive) cures
 * </pre>
 */
final class AwsFailures {
    static final Set<String> SQS_REJECTIONS = Set.of("InvalidMessageContents", "InvalidAttributeValue",
            "InvalidAttributeName", "InvalidParameterValue");
    static final Set<String> KMS_REJECTIONS = Set.of("InvalidCiphertextException", "IncorrectKeyException");

    private AwsFailures() {
    }

    /**
     * Runs a DynamoDB request: a failed condition passes through (callers treat it as a lost race),
     * a transient failure becomes {@link StoreUnavailableException}, a permanent refusal
     * {@link StoreRejectedException}, anything else is a bug in the request and propagates as it is.
     */
    static <T> T storeCall(String what, Supplier<T> request) {
        return storeCall(what, "item", request);
    }

    /** @param item what the request writes, for the reason of a refusal ("redacted alert") */
    static <T> T storeCall(String what, String item, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            if (isTransient(e)) {
                throw new StoreUnavailableException(what + " is unavailable: " + e.getClass().getSimpleName(), e);
            }
            Optional<String> refusal = storeRefusal(e, item);
            if (refusal.isPresent()) {
                throw new StoreRejectedException(refusal.get(), e);
            }
            throw e;
        }
    }

    /** Why DynamoDB refused the request for good, in our words; empty when it did not. */
    static Optional<String> storeRefusal(SdkException e, String item) {
        if (!"ValidationException".equals(errorCode(e))) {
            return Optional.empty();
        }
        String message = Optional.ofNullable(((AwsServiceException) e).awsErrorDetails().errorMessage()).orElse("")
                .toLowerCase(Locale.ROOT);
        if (message.contains("item size")) {
            return Optional.of("the " + item + " exceeds DynamoDB's 400 KB item limit");
        }
        if (message.contains("key") && message.contains("size")) {
            return Optional.of("a key of the " + item + " exceeds DynamoDB's key size limit (1 KB for a sort key)");
        }
        return Optional.of("DynamoDB refused the " + item + " as invalid (ValidationException)");
    }

    /**
     * What a failed SendMessage to one of our queues becomes: {@link QueueRejectedException} when SQS
     * refused the message for good, else {@link QueueUnavailableException} (the message is not on the
     * queue; the caller fails and is retried, and the deduplication id makes the retry safe).
     */
    static RuntimeException queueFailure(String queueName, SdkException e) {
        String code = errorCode(e);
        if (!isTransient(e) && code != null && SQS_REJECTIONS.contains(code)) {
            String reason = "InvalidMessageContents".equals(code) || "InvalidMessageContents".equals(errorMessage(e))
                    ? "the " + queueName + " queue refused the message: it holds characters SQS does not allow"
                    : "the " + queueName + " queue refused the message as invalid (" + code + ")";
            return new QueueRejectedException(reason, e);
        }
        String detail = isTransient(e) || code == null ? e.getClass().getSimpleName() : code;
        return new QueueUnavailableException(queueName + " queue is unavailable: " + detail, e);
    }

    /** Runs a KMS request: a ciphertext KMS can never decrypt is a permanent failure; the rest propagates. */
    static <T> T keyCall(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            String code = errorCode(e);
            if (code != null && KMS_REJECTIONS.contains(code)) {
                throw new PermanentFailureException("KMS cannot decrypt " + what + " (" + code + ")", e);
            }
            throw e;
        }
    }

    static boolean isTransient(SdkException e) {
        if (e instanceof SdkClientException) {
            return true; // connection refused, timeouts: the service could not be reached
        }
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException()
                    || "RequestLimitExceeded".equals(errorCode(e));
        }
        return e.retryable();
    }

    /** The AWS error code ("ValidationException", "InvalidMessageContents"); null when there is none. */
    static String errorCode(SdkException e) {
        if (!(e instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            return null;
        }
        String code = service.awsErrorDetails().errorCode();
        // the query protocol's "AWS.SimpleQueueService.InvalidMessageContents" is the JSON protocol's code
        return code == null ? null : code.substring(code.lastIndexOf('.') + 1);
    }

    private static String errorMessage(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorMessage() : null;
    }
}
