package io.awoooi.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.notify.MessageGoneException;
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
 *
 * <p>With a bot token ({@link #withBotToken}) the same payload goes through the Web API instead:
 * {@code chat.postMessage} (to the approver's direct messages, or to one configured channel with
 * the mention), whose answer's {@code channel} and {@code ts} are the message's reference; later news
 * about the same request is a {@code chat.update} of that message. An incoming webhook cannot edit,
 * so in that mode news is a new message. The Web API answers HTTP 200 with {@code "ok": false} on
 * errors: those are failures (named by Slack's error code, never the token).
 */
public final class SlackChannel implements NotificationChannel {
    public static final String NAME = "slack";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{2,40}");
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;
    private static final int BUTTON_TEXT_MAX = 75;
    private static final int BUTTONS_MAX = 25;

    public static final String DEFAULT_API_URL = "https://slack.com/api";
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,60}");
    private static final java.util.Set<String> GONE = java.util.Set.of("message_not_found", "channel_not_found",
            "cant_update_message", "is_archived", "not_in_channel");

    private final Supplier<String> webhookUrl;
    private final Supplier<String> botToken;
    private final String apiUrl;
    private final Optional<String> channel;
    private final JsonHttp http;

    /** @param webhookUrl the incoming webhook's URL (a secret: never logged, never in a message) */
    public SlackChannel(Supplier<String> webhookUrl) {
        this(webhookUrl, new JsonHttp());
    }

    SlackChannel(Supplier<String> webhookUrl, JsonHttp http) {
        this(Objects.requireNonNull(webhookUrl, "webhookUrl"), null, DEFAULT_API_URL, Optional.empty(), http);
    }

    private SlackChannel(Supplier<String> webhookUrl, Supplier<String> botToken, String apiUrl,
            Optional<String> channel,
            JsonHttp http) {
        this.webhookUrl = webhookUrl;
        this.botToken = botToken;
        this.apiUrl = apiUrl.strip().replaceAll("/+$", "");
        this.channel = channel;
        this.http = http;
    }

    /**
     * The Web API mode, which can edit its messages.
     *
     * @param botToken the bot's token ({@code xoxb-...}; a secret: never logged, never in a message)
     * @param apiUrl {@value #DEFAULT_API_URL} unless a test
     * @param channel a channel id to post into (with the mention); empty: each approver's direct messages
     */
    public static SlackChannel withBotToken(Supplier<String> botToken, String apiUrl, Optional<String> channel) {
        return withBotToken(botToken, apiUrl, channel, new JsonHttp());
    }

    static SlackChannel withBotToken(Supplier<String> botToken, String apiUrl, Optional<String> channel,
            JsonHttp http) {
        channel.filter(c -> !USER_ID.matcher(c).matches()).ifPresent(c -> {
            throw new IllegalArgumentException("the Slack channel must be a channel id such as C0123ABCD");
        });
        return new SlackChannel(null, Objects.requireNonNull(botToken, "botToken"), apiUrl, channel, http);
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
        post(address, notification);
    }

    /** Webhook mode: posts, no reference. Bot mode: {@code chat.postMessage}, reference {@code channel/ts}. */
    @Override
    public Optional<String> post(String address, Notification notification) {
        if (!USER_ID.matcher(address).matches()) {
            throw new NotificationFailedException(NAME + ": the address is not a Slack user id");
        }
        if (botToken == null) {
            http.post(NAME, Secrets.get(NAME, webhookUrl), payload(address, notification));
            return Optional.empty();
        }
        ObjectNode body = payload(address, notification);
        body.put("channel", channel.orElse(address));
        body.put("unfurl_links", false);
        com.fasterxml.jackson.databind.JsonNode reply = call("chat.postMessage", body, false);
        String ch = reply.path("channel").asText("");
        String ts = reply.path("ts").asText("");
        return USER_ID.matcher(ch).matches() && ts.matches("[0-9]{1,12}\\.[0-9]{1,9}")
                ? Optional.of(ch + "/" + ts) : Optional.empty();
    }

    /** Bot mode: {@code chat.update} of {@code channel/ts} with the whole new text and blocks. */
    @Override
    public void edit(String address, String ref, Notification notification) {
        if (botToken == null) {
            throw new UnsupportedOperationException(NAME + " through an incoming webhook cannot edit a message");
        }
        String[] parts = ref.split("/", 2);
        if (parts.length != 2 || !USER_ID.matcher(parts[0]).matches()
                || !parts[1].matches("[0-9]{1,12}\\.[0-9]{1,9}")) {
            throw new MessageGoneException(NAME + ": not a message reference");
        }
        ObjectNode body = payload(address, notification);
        body.put("channel", parts[0]);
        body.put("ts", parts[1]);
        call("chat.update", body, true);
    }

    private com.fasterxml.jackson.databind.JsonNode call(String method, ObjectNode body, boolean editing) {
        JsonHttp.Answer answer = http.exchange(NAME, "POST", apiUrl + "/" + method, body,
                java.util.Map.of("Authorization", "Bearer " + Secrets.get(NAME, botToken)));
        com.fasterxml.jackson.databind.JsonNode reply = JsonHttp.json(answer);
        if (answer.status() / 100 == 2 && reply != null && reply.path("ok").asBoolean(false)) {
            return reply;
        }
        String error = reply == null ? "" : reply.path("error").asText("");
        String named = ERROR_CODE.matcher(error).matches() ? " (" + error + ")" : "";
        if (editing && GONE.contains(error)) {
            throw new MessageGoneException(NAME + ": " + method + " found no message to edit" + named);
        }
        throw new NotificationFailedException(NAME + ": " + method + " answered HTTP " + answer.status()
                + (reply == null ? "" : " with ok=false") + named);
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
                    case PLAIN -> {
                    }
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
