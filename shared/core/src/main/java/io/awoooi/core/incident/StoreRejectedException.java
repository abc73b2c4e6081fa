package io.awoooi.core.incident;

import io.awoooi.core.batch.PermanentFailureException;

/**
 * The state store refused a request for good: the item is too large, a key too long, an attribute
 * invalid. Retrying the same request fails the same way (unlike {@link StoreUnavailableException}).
 * The reason is value-free.
 */
public class StoreRejectedException extends PermanentFailureException {
    public StoreRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
