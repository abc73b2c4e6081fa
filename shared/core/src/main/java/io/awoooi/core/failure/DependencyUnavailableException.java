package io.awoooi.core.failure;

/**
 * Something the work depends on cannot be used right now (a store, a queue, the cluster, a secret,
 * the approvers directory, the metrics backend): a retry may succeed. One closed family, so that
 * a port declares "may be unavailable" with one type and a handler maps it to one answer (HTTP 503
 * with Retry-After, or a failed batch item that SQS redelivers) without knowing the adapters'
 * classes. Messages name what failed and why in our words, never a value.
 */
public abstract sealed class DependencyUnavailableException extends RuntimeException
        permits StoreUnavailableException, QueueUnavailableException, TopologyUnavailableException,
        UsageUnavailableException, ServiceGraphUnavailableException, ClusterCredentialsUnavailableException,
        SecretUnavailableException, ApproversUnavailableException {

    protected DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What is unavailable, in words for an answer ("the state store"). */
    public abstract String dependency();
}
