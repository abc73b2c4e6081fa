package io.awoooi.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Tells transient AWS failures (worth a retry) from errors in our own requests. */
final class AwsFailures {
    private AwsFailures() {
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
