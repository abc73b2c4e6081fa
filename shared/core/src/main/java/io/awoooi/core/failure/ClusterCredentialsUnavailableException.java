package io.awoooi.core.failure;

/**
 * The cluster credentials could not be obtained now (Secrets Manager unreachable, throttled or
 * denied; no AWS credentials to sign with): worth a retry, unlike a malformed cluster setting.
 */
public final class ClusterCredentialsUnavailableException extends DependencyUnavailableException {
    public ClusterCredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "the cluster credentials";
    }
}
