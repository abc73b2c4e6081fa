package io.awoooi.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.notify.NotificationFailedException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Slack through an incoming webhook, as Block Kit:
 * <pre>
 * {"text": subject,                                  (fallback: push notifications, old clients)
 *  "blocks": [{"type": "header", "text": {"type": "plain_text", "text": subject}},
 *             {"type": "section", "text": {"type": "mrkdwn", "text": "&lt;@U123&gt;\n" + text}},
 *             {"type": "actions", "elements": [{"type": "button", "action_id": "link_0",
 *                                               "text": {"type": "plain_text", "text": label},
 *                                               "url": url}, ...]}]}
 * </pre>
 * The buttons are link buttons: Slack opens the URL, nothing comes back to us. The approver is
 * reached by the mention of their Slack user id; the webhook decides the channel.
 * Limits (Block Kit): header 150 chars, section 3000, button text 75, 25 buttons.
 */
public final class SlackChannel implements NotificationChannel {
    public static final String NAME = "slack";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{2,40}");
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;
    private static final int BUTTON_TEXT_MAX = 75;
    private static final int BUTTONS_MAX = 25;

    private final Supplier<String> webhookUrl;
    private final JsonHttp http;

    /** @param webhookUrl the incoming webhook's URL (a secret: never logged, never in a message) */
    public SlackChannel(Supplier<String> webhookUrl) {
        this(webhookUrl, new JsonHttp());
    }

    SlackChannel(Supplier<String> webhookUrl, JsonHttp http) {
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The approver's Slack user id, when it looks like one (anything else could inject markup). */
    @Override
    public Optional<String> addressOf(Approver approver) {
        return approver.handle(NAME).filter(id -> USER_ID.matcher(id).matches());
    }

    @Override
    public void deliver(String address, Notification notification) {
        if (!USER_ID.matcher(address).matches()) {
            throw new NotificationFailedException(NAME + ": the address is not a Slack user id");
        }
        http.post(NAME, Secrets.get(NAME, webhookUrl), payload(address, notification));
    }

    static ObjectNode payload(String userId, Notification n) {
        ObjectNode root = JsonHttp.object();
        root.put("text", TextLimits.truncate(escape(n.subject()), SECTION_MAX));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        plainText(header.putObject("text"), TextLimits.truncate(n.subject(), HEADER_MAX));

        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text")
                .put("type", "mrkdwn")
                .put("text", TextLimits.truncate("<@" + userId + ">\n" + escape(n.text()), SECTION_MAX));

        List<Link> links = n.links().stream().limit(BUTTONS_MAX).toList();
        if (!links.isEmpty()) {
            ArrayNode elements = blocks.addObject().put("type", "actions").putArray("elements");
            for (int i = 0; i < links.size(); i++) {
                Link link = links.get(i);
                ObjectNode button = elements.addObject().put("type", "button").put("action_id", "link_" + i);
                plainText(button.putObject("text"), TextLimits.truncate(link.label(), BUTTON_TEXT_MAX));
                button.put("url", link.url());
            }
        }
        return root;
    }

    private static void plainText(ObjectNode node, String text) {
        node.put("type", "plain_text").put("text", text).put("emoji", true);
    }

    /** Slack's three control characters in mrkdwn: text can never form a link or a mention. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
