package io.awoooi.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A Secrets Manager secret string, cached for a few minutes in the warm function so a rotation
 * reaches it without a redeploy. The value is never logged.
 */
public final class SecretValue implements Supplier<String> {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Clock clock;
    private String value;
    private Instant fetchedAt = Instant.MIN;

    public SecretValue(SecretsManagerClient client, String secretId, Clock clock) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
    }

    /**
     * A token given directly (tests, or a deliberate override) or else the Secrets Manager secret
     * the template names; {@code settingNames} says which variables to set when neither is.
     */
    public static Supplier<String> directOrSecret(Optional<String> direct, Optional<String> secretArn,
            String settingNames) {
        if (direct.isPresent()) {
            String value = direct.get();
            return () -> value;
        }
        String arn = secretArn.orElseThrow(() -> new IllegalStateException("set " + settingNames));
        return new SecretValue(AwsClients.secretsManager(Optional.empty()), arn, Clock.systemUTC());
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (value == null || fetchedAt.plus(CACHE_FOR).isBefore(now)) {
            try {
                value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
            } catch (SdkException e) {
                throw new SecretUnavailableException("secret could not be read: " + e.getClass().getSimpleName(), e);
            }
            fetchedAt = now;
        }
        return value;
    }

    /** The secret could not be read now (Secrets Manager unreachable, throttled, denied); callers answer 503. */
    public static final class SecretUnavailableException extends RuntimeException {
        SecretUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
