package io.awoooi.aws;

import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.failure.SecretUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A Secrets Manager secret string, cached for a few minutes in the warm function so a rotation
 * reaches it without a redeploy. The value is never logged.
 */
public final class SecretValue implements Supplier<String> {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final AwsJsonApi client;
    private final String secretId;
    private final Clock clock;
    private String value;
    private Instant fetchedAt = Instant.MIN;

    public SecretValue(AwsJsonApi client, String secretId, Clock clock) {
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
                value = secretString(client, secretId, Optional.empty()).orElseThrow(
                        () -> new SecretUnavailableException("secret holds no string", null));
            } catch (SdkException e) {
                throw new SecretUnavailableException("secret could not be read: " + AwsJsonApi.describe(e), e);
            }
            fetchedAt = now;
        }
        return value;
    }

    /**
     * GetSecretValue of one secret (its AWSCURRENT version, or the staging label given): its
     * SecretString, empty when the version holds binary only.
     *
     * @throws SdkException as an SDK client would (ResourceNotFoundException for a label no version has)
     */
    static Optional<String> secretString(AwsJsonApi client, String secretId, Optional<String> stage) {
        Map<String, String> body = stage.map(s -> Map.of("SecretId", secretId, "VersionStage", s))
                .orElseGet(() -> Map.of("SecretId", secretId));
        var answer = client.call("GetSecretValue", body).path("SecretString");
        return answer.isTextual() ? Optional.of(answer.asText()) : Optional.empty();
    }
}
