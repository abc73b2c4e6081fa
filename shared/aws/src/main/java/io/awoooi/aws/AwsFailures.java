package io.awoooi.aws;

import io.awoooi.core.incident.StoreUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Tells transient AWS failures (worth a retry) from errors in our own requests. */
final class AwsFailures {
    private AwsFailures() {
    }

    /**
     * Runs a DynamoDB request: a failed condition passes through (callers treat it as a lost race),
     * a transient failure becomes {@link StoreUnavailableException}, anything else is a bug in the
     * request and propagates as it is.
     */
    static <T> T storeCall(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            if (isTransient(e)) {
                throw new StoreUnavailableException(what + " is unavailable: " + e.getClass().getSimpleName(), e);
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
                    || "RequestLimitExceeded".equals(service.awsErrorDetails() == null ? null
                            : service.awsErrorDetails().errorCode());
        }
        return e.retryable();
    }
}
