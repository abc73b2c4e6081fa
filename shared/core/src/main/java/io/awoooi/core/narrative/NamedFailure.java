package io.awoooi.core.narrative;

/**
 * A failure that names itself better than its class does, e.g. a model provider's error code
 * ({@code ThrottlingException}) carried by one exception type: traces record this name.
 */
public interface NamedFailure {
    /** A short name, safe to store (no values from the request). */
    String failureName();
}
