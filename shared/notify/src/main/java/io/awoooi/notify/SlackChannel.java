package io.awoooi.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.notify.NotificationFailedException;
import java.util.ArrayList;
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
 *
 * <p>A notification with a {@link Card} uses more of Block Kit: the title as the header, the
 * mention with the card's facts as section {@code fields} ({@code *Risk*\nHIGH}), one mrkdwn section
 * per card section (a warning one marked {@code :warning:}, checklist boxes as emoji), the buttons
 * with their style ({@code primary} to go ahead, {@code danger} to stop) and a context block with
 * the references as links and the footer.
 * Limits (Block Kit): header 150 chars, section 3000, field 2000 (10 of them), button text 75, 25
 * buttons, context 10 elements, 50 blocks.
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
        if (n.card().isPresent()) {
            return cardPayload(userId, n, n.card().get());
        }
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

    private static final int FIELDS_MAX = 10;
    private static final int FIELD_MAX = 2000;
    private static final int CONTEXT_MAX = 10;
    private static final int BLOCKS_MAX = 50;

    static ObjectNode cardPayload(String userId, Notification n, Card card) {
        ObjectNode root = JsonHttp.object();
        root.put("text", TextLimits.truncate(escape(n.subject()), SECTION_MAX));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        plainText(header.putObject("text"), TextLimits.truncate(card.title(), HEADER_MAX));

        ObjectNode intro = blocks.addObject().put("type", "section");
        intro.putObject("text").put("type", "mrkdwn")
                .put("text", TextLimits.truncate("<@" + userId + "> " + escape(n.subject()), SECTION_MAX));
        if (!card.facts().isEmpty()) {
            ArrayNode fields = intro.putArray("fields");
            card.facts().stream().limit(FIELDS_MAX).forEach(f -> fields.addObject().put("type", "mrkdwn")
                    .put("text", TextLimits.truncate("*" + escape(f.label()) + "*\n" + escape(f.value()), FIELD_MAX)));
        }
        int room = BLOCKS_MAX - 4; // header, intro, actions, context
        for (Card.Section section : card.sections()) {
            if (room-- <= 0) {
                break;
            }
            StringBuilder text = new StringBuilder();
            text.append(section.warning() ? ":warning: *" : "*").append(escape(section.title())).append('*');
            for (String line : section.lines()) {
                text.append('\n').append(line(line));
            }
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", TextLimits.truncate(text.toString(), SECTION_MAX));
        }
        List<Card.Button> buttons = card.buttons().stream().limit(BUTTONS_MAX).toList();
        if (!buttons.isEmpty()) {
            ArrayNode elements = blocks.addObject().put("type", "actions").putArray("elements");
            for (int i = 0; i < buttons.size(); i++) {
                Card.Button b = buttons.get(i);
                ObjectNode button = elements.addObject().put("type", "button").put("action_id", "link_" + i);
                plainText(button.putObject("text"), TextLimits.truncate(b.label(), BUTTON_TEXT_MAX));
                button.put("url", b.url());
                switch (b.style()) {
                    case PRIMARY -> button.put("style", "primary");
                    case DANGER -> button.put("style", "danger");
                    case PLAIN -> { }
                }
            }
        }
        List<String> context = new ArrayList<>();
        card.references().forEach(r -> context.add("<" + linkTarget(r.url()) + "|" + escape(r.label()) + ">"));
        if (!card.footer().isEmpty()) {
            context.add(escape(card.footer()));
        }
        if (!context.isEmpty()) {
            ArrayNode elements = blocks.addObject().put("type", "context").putArray("elements");
            context.stream().limit(CONTEXT_MAX).forEach(c -> elements.addObject().put("type", "mrkdwn")
                    .put("text", TextLimits.truncate(c, SECTION_MAX)));
        }
        return root;
    }

    /** A checklist line with Slack's emoji for its box; any other line as a bullet. */
    static String line(String line) {
        if (line.startsWith("[x] ")) {
            return ":white_check_mark: " + escape(line.substring(4));
        }
        if (line.startsWith("[-] ")) {
            return ":x: " + escape(line.substring(4));
        }
        if (line.startsWith("[ ] ")) {
            return ":white_large_square: " + escape(line.substring(4));
        }
        return "• " + escape(line);
    }

    /** A URL as the target of {@code <url|label>}: the characters that would end it are percent-encoded. */
    static String linkTarget(String url) {
        return url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20");
    }

    private static void plainText(ObjectNode node, String text) {
        node.put("type", "plain_text").put("text", text).put("emoji", true);
    }

    /** Slack's three control characters in mrkdwn: text can never form a link or a mention. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
