package io.awoooi.core.alert;

/**
 * A notification that can never be accepted, however often it is retried. The message names the
 * field, the rule or the limit, never the value (values may be personal data).
 */
public abstract sealed class InvalidWebhookException extends RuntimeException
        permits InvalidWebhookException.MalformedJson, InvalidWebhookException.InvalidShape,
        InvalidWebhookException.TooLarge {

    private InvalidWebhookException(String detail) {
        super(detail, null, false, false);
    }

    /** The body is not JSON, or JSON beyond the parser's limits (depth, number, key, string) (HTTP 400). */
    public static final class MalformedJson extends InvalidWebhookException {
        public MalformedJson(String detail) {
            super(detail);
        }
    }

    /** Valid JSON, but not an Alertmanager webhook v4, or a field that breaks a rule (HTTP 422). */
    public static final class InvalidShape extends InvalidWebhookException {
        public InvalidShape(String detail) {
            super(detail);
        }
    }

    /** A valid webhook over one of the size limits of {@link WebhookLimits} (HTTP 413). */
    public static final class TooLarge extends InvalidWebhookException {
        public TooLarge(String detail) {
            super(detail);
        }
    }
}
