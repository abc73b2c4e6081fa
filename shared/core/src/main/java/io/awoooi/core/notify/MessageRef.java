package io.awoooi.core.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a message one channel sent to one person lives, so that later news about the same request
 * edits it in place instead of adding a message (Slack {@code chat.update}, Telegram
 * {@code editMessageText}, a Discord webhook message's PATCH). Kept beside the request.
 *
 * @param channel the channel's {@link NotificationChannel#name()}
 * @param recipientId the approver (or operator) it went to
 * @param ref the channel's own reference: Slack {@code channel/ts}, Telegram {@code chat/message_id},
 *     Discord the message id; never a secret (no token, no webhook URL)
 * @param linkBase for the message that carried the recipient's approval link: the public base URL
 *     the link pointed to, so an edit while the request is still pending can show a link again
 */
public record MessageRef(String channel, String recipientId, String ref, Optional<String> linkBase) {
    public MessageRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(linkBase, "linkBase");
        if (ref.isBlank() || ref.length() > 256) {
            throw new IllegalArgumentException("a message reference is 1 to 256 characters");
        }
    }
}
