package io.awoooi.aws;

import io.awoooi.core.failure.SecretUnavailableException;
import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.approval.SigningKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The approval-link signing keys from one Secrets Manager secret: its {@code AWSCURRENT} version
 * signs, its {@code AWSPREVIOUS} version (there is one after the first rotation) still verifies,
 * so links sent before a rotation keep working until they expire. As a {@link Supplier} it caches
 * the keys for a few minutes in the warm function, so a rotation reaches it without a redeploy.
 * Key material is never logged.
 */
public final class SecretsManagerSigningKeys implements Supplier<SigningKeys> {
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";

    private final AwsJsonApi client;
    private final String secretId;
    private final Clock clock;
    private SigningKeys keys;
    private Instant fetchedAt = Instant.MIN;

    public SecretsManagerSigningKeys(AwsJsonApi client, String secretId, Clock clock) {
        this.client = client;
        this.secretId = secretId;
        this.clock = clock;
    }

    /** The keys now, read again when the cached ones are older than {@link SecretValue#CACHE_FOR}. */
    @Override
    public synchronized SigningKeys get() {
        Instant now = clock.instant();
        if (keys == null || fetchedAt.plus(SecretValue.CACHE_FOR).isBefore(now)) {
            keys = load(client, secretId);
            fetchedAt = now;
        }
        return keys;
    }

    /**
     * Reads both versions. No {@code AWSPREVIOUS} version (Secrets Manager answers
     * ResourceNotFoundException for a staging label no version has) means no previous key.
     *
     * @throws SecretUnavailableException when the secret cannot be read (unreachable, throttled,
     *     denied, missing) or holds no string
     * @throws IllegalArgumentException when a version is too short to be a key (at least 16 bytes)
     */
    public static SigningKeys load(AwsJsonApi client, String secretId) {
        String current = read(client, secretId, CURRENT)
                .orElseThrow(() -> new SecretUnavailableException("the signing key secret has no " + CURRENT
                        + " version", null));
        Optional<String> previous;
        try {
            previous = read(client, secretId, PREVIOUS);
        } catch (AwsServiceException e) {
            if (!notFound(e)) {
                throw e;
            }
            previous = Optional.empty();
        }
        return SigningKeys.of(current, previous);
    }

    /** The version's secret string; ResourceNotFoundException of the previous version passes through. */
    private static Optional<String> read(AwsJsonApi client, String secretId, String stage) {
        try {
            return SecretValue.secretString(client, secretId, Optional.of(stage));
        } catch (AwsServiceException e) {
            if (PREVIOUS.equals(stage) && notFound(e)) {
                throw e;
            }
            throw new SecretUnavailableException("signing key secret could not be read: " + code(e), e);
        } catch (SdkException e) {
            throw new SecretUnavailableException("signing key secret could not be read: " + AwsJsonApi.describe(e), e);
        }
    }

    private static boolean notFound(AwsServiceException e) {
        return "ResourceNotFoundException".equals(code(e));
    }

    private static String code(AwsServiceException e) {
        return AwsJsonApi.describe(e);
    }
}
