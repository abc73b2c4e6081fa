package io.awoooi.core.alert;

/**
 * A notification that can never be accepted, however often it is retried. The message names the
 * field and the rule, never the value (values may be personal data).
 */
public abstract sealed class InvalidWebhookException extends RuntimeException
        permits InvalidWebhookException.MalformedJson, InvalidWebhookException.InvalidShape {

    private InvalidWebhookException(String detail) {
        super(detail, null, false, false);
    }

    /** The body is not JSON at all (HTTP 400). */
    public static final class MalformedJson extends InvalidWebhookException {
        public MalformedJson(String detail) {
            super(detail);
        }
    }

    /** Valid JSON, but not an Alertmanager webhook v4 (HTTP 422). */
    public static final class InvalidShape extends InvalidWebhookException {
        public InvalidShape(String detail) {
            super(detail);
        }
    }
}
