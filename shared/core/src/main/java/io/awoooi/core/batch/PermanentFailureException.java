package io.awoooi.core.batch;

import java.util.Objects;

/**
 * A {@link PermanentFailure} as an exception. The message is the reason, value-free by contract;
 * the cause (kept for the stack trace, never logged by message) may carry details.
 */
public class PermanentFailureException extends RuntimeException implements PermanentFailure {
    public PermanentFailureException(String reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause);
    }

    public PermanentFailureException(String reason) {
        this(reason, null);
    }

    @Override
    public String reason() {
        return getMessage();
    }
}
