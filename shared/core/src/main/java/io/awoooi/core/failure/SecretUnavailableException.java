package io.awoooi.core.failure;

/** A secret (a token, a key) could not be read now: Secrets Manager unreachable, throttled or denied. */
public final class SecretUnavailableException extends DependencyUnavailableException {
    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "a secret";
    }
}
