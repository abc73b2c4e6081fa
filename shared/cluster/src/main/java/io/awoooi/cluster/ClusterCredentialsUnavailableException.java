package io.awoooi.cluster;

/**
 * The cluster credentials could not be obtained now (Secrets Manager unreachable, throttled or
 * denied; no AWS credentials to sign with): worth a retry, unlike {@link ClusterSettingsException}.
 */
public final class ClusterCredentialsUnavailableException extends RuntimeException {
    ClusterCredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
