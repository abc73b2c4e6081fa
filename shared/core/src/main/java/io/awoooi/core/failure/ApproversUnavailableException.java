package io.awoooi.core.failure;

/** The approvers directory could not be read now (SSM unreachable, throttled, denied, no such parameter). */
public final class ApproversUnavailableException extends DependencyUnavailableException {
    public ApproversUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "the approvers directory";
    }
}
