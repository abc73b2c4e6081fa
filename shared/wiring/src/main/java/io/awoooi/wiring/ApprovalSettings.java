package io.awoooi.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The approval side's settings: APPROVERS_PARAMETER (or APPROVERS_FILE), the link key
 * (APPROVAL_LINK_KEY_SECRET_ARN, or AWOOOI_APPROVAL_LINK_KEY in tests), PUBLIC_BASE_URL,
 * APPROVAL_TTL_MINUTES and EXECUTIONS_QUEUE_URL. What a function may hold of them is decided by what
 * it does with links ({@link ApprovalParts.Links}): {@link ApprovalParts.Settings#from} never reads
 * the key of a function that neither issues nor verifies links.
 */
@ConfigMapping(prefix = "")
public interface ApprovalSettings {
    @WithName("approvers.file")
    Optional<String> approversFile();

    @WithName("approvers.parameter")
    Optional<String> approversParameter();

    @WithName("awoooi.approval.link.key")
    Optional<String> linkKey();

    @WithName("approval.link.key.secret.arn")
    Optional<String> linkKeySecretArn();

    @WithName("public.base.url")
    Optional<String> publicBaseUrl();

    /** How long a request waits for its quorum. */
    @WithName("approval.ttl.minutes")
    @WithDefault("30")
    int ttlMinutes();

    @WithName("executions.queue.url")
    Optional<String> executionsQueueUrl();
}
