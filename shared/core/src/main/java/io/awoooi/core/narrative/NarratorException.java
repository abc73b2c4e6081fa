package io.awoooi.core.narrative;

import java.util.Objects;

/**
 * A narrator could not produce a valid narrative. Typed, so that {@link ResilientNarrator} can
 * decide: {@link Kind#TIMEOUT} and {@link Kind#UNAVAILABLE} are retried once, {@link Kind#REJECTED}
 * and {@link Kind#BLOCKED} go straight to the fallback.
 */
public class NarratorException extends RuntimeException {
    public enum Kind {
        /** The model did not answer in time. */
        TIMEOUT,
        /** Transport, server or client error talking to the model. */
        UNAVAILABLE,
        /** The model answered, but the answer is not a valid narrative. */
        REJECTED,
        /** The prompt was not sent: the prompt guard found a value that must not leave. */
        BLOCKED
    }

    private final Kind kind;
    private final String prompt;
    private final String rawResponse;

    public NarratorException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null, null);
    }

    public NarratorException(Kind kind, String message, Throwable cause, String prompt, String rawResponse) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.prompt = prompt;
        this.rawResponse = rawResponse;
    }

    public Kind kind() {
        return kind;
    }

    /** The prompt that was (or would have been) sent, if known. */
    public String prompt() {
        return prompt;
    }

    /** The model's raw answer, if there was one. */
    public String rawResponse() {
        return rawResponse;
    }
}
