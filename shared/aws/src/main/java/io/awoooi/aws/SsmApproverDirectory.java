package io.awoooi.aws;

import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.approval.ApproverDirectory;
import io.awoooi.core.approval.ApproverDirectory.InvalidApproverDirectoryException;
import io.awoooi.core.failure.ApproversUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The approvers directory from an SSM parameter (named by the template's ApproversParameterName; a JSON
 * document, see {@link ApproverDirectory#parse}). As a {@link Supplier} it caches the directory for
 * a few minutes in the warm function, so an edit of the parameter reaches it without a redeploy.
 */
public final class SsmApproverDirectory implements Supplier<ApproverDirectory> {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final AwsJsonApi ssm;
    private final String parameterName;
    private final Clock clock;
    private ApproverDirectory directory;
    private Instant fetchedAt = Instant.MIN;

    public SsmApproverDirectory(AwsJsonApi ssm, String parameterName, Clock clock) {
        this.ssm = ssm;
        this.parameterName = parameterName;
        this.clock = clock;
    }

    /** The directory now, read again when the cached one is older than {@link #CACHE_FOR}. */
    @Override
    public synchronized ApproverDirectory get() {
        Instant now = clock.instant();
        if (directory == null || fetchedAt.plus(CACHE_FOR).isBefore(now)) {
            directory = load(ssm, parameterName);
            fetchedAt = now;
        }
        return directory;
    }

    /**
     * Reads and parses the parameter (decrypted, should it be a SecureString).
     *
     * @throws ApproversUnavailableException when the parameter cannot be read (SSM unreachable,
     *     throttled, denied, no such parameter)
     * @throws InvalidApproverDirectoryException when its value is not a valid directory
     */
    public static ApproverDirectory load(AwsJsonApi ssm, String parameterName) {
        String value;
        try {
            value = ssm.call("GetParameter", Map.of("Name", parameterName, "WithDecryption", true))
                    .path("Parameter").path("Value").asText(null);
        } catch (SdkException e) {
            throw new ApproversUnavailableException("approvers parameter " + parameterName + " could not be read: "
                    + AwsJsonApi.describe(e), e);
        }
        if (value == null) {
            throw new ApproversUnavailableException("approvers parameter " + parameterName + " has no value", null);
        }
        return ApproverDirectory.parse(value);
    }
}
