package io.awoooi.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.approval.Approver;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.notify.MessageGoneException;
import io.awoooi.core.notify.NotificationFailedException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Discord through a channel webhook ({@code ?wait=true}, so a message Discord did not keep is an
 * error rather than a silent 204):
 * <pre>
 * {"content": "&lt;@123&gt; " + subject,
 *  "embeds": [{"title": subject, "description": text + "\n\n[Approve](https://...)\n[Reject](https://...)"}],
 *  "allowed_mentions": {"parse": [], "users": ["123"]}}
 * </pre>
 * Only the approver can be pinged: {@code allowed_mentions} names them alone, so an "@everyone"
 * that found its way into a text stays inert. Text is markdown-escaped (an alert annotation cannot
 * turn into a masked link). Limits: content 2000, embed title 256, description 4096.
 *
 * <p>A notification with a {@link Card} becomes a richer embed: the card's title (linked to the
 * first button's page), its tone as the embed {@code color}, its facts as inline {@code fields},
 * its sections in the description (a warning one first marked ⚠, buttons as links at its end), the
 * footer and the card's time as {@code timestamp}. Webhooks cannot carry link buttons, so the
 * buttons stay links. Limits: 25 fields (name 256, value 1024), footer 2048, 6000 characters in all.
 *
 * <p>Later news about the same request edits the message in place: PATCH of the webhook message by
 * the id {@code ?wait=true} made Discord answer.
 */
public final class DiscordChannel implements NotificationChannel {
    public static final String NAME = "discord";
    private static final Pattern USER_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern MARKDOWN = Pattern.compile("([\\\\*_~`|\\[\\]()<>#:@])");
    private static final int CONTENT_MAX = 2000;
    private static final int TITLE_MAX = 256;
    private static final int DESCRIPTION_MAX = 4096;

    private final Supplier<String> webhookUrl;
    private final JsonHttp http;

    /** @param webhookUrl the webhook's URL with its token (a secret: never logged, never in a message) */
    public DiscordChannel(Supplier<String> webhookUrl) {
        this(webhookUrl, new JsonHttp());
    }

    DiscordChannel(Supplier<String> webhookUrl, JsonHttp http) {
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The approver's Discord user id (a snowflake: digits only). */
    @Override
    public Optional<String> addressOf(Approver approver) {
        return approver.handle(NAME).filter(id -> USER_ID.matcher(id).matches());
    }

    @Override
    public void deliver(String address, Notification notification) {
        post(address, notification);
    }

    /** The webhook with {@code ?wait=true}: Discord answers the message, whose id is the reference. */
    @Override
    public Optional<String> post(String address, Notification notification) {
        if (!USER_ID.matcher(address).matches()) {
            throw new NotificationFailedException(NAME + ": the address is not a Discord user id");
        }
        JsonHttp.Answer answer = http.post(NAME, withWait(Secrets.get(NAME, webhookUrl)),
                payload(address, notification));
        com.fasterxml.jackson.databind.JsonNode message = JsonHttp.json(answer);
        String id = message == null ? "" : message.path("id").asText("");
        return USER_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /**
     * PATCH {@code <webhook>/messages/<id>} (a thread's {@code thread_id} kept) with the notification
     * as a whole new content and embed; 404 is {@link MessageGoneException}.
     */
    @Override
    public void edit(String address, String ref, Notification notification) {
        if (!USER_ID.matcher(ref).matches()) {
            throw new MessageGoneException(NAME + ": not a message id");
        }
        JsonHttp.Answer answer = http.exchange(NAME, "PATCH", messageUrl(Secrets.get(NAME, webhookUrl), ref),
                payload(address, notification), java.util.Map.of());
        if (answer.status() == 404) {
            throw new MessageGoneException(NAME + ": the message to edit is gone (HTTP 404)");
        }
        if (answer.status() / 100 != 2) {
            throw new NotificationFailedException(NAME + ": edit answered HTTP " + answer.status());
        }
    }

    /** {@code https://discord.com/api/webhooks/1/tok?thread_id=5&wait=true} → {@code .../1/tok/messages/ID?thread_id=5}. */
    static String messageUrl(String webhookUrl, String messageId) {
        String url = webhookUrl.strip();
        int q = url.indexOf('?');
        String path = (q < 0 ? url : url.substring(0, q)).replaceAll("/+$", "");
        String thread = "";
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.startsWith("thread_id=")) {
                    thread = "?" + pair;
                }
            }
        }
        return path + "/messages/" + messageId + thread;
    }

    static ObjectNode payload(String userId, Notification n) {
        if (n.card().isPresent()) {
            return cardPayload(userId, n, n.card().get());
        }
        ObjectNode root = JsonHttp.object();
        root.put("content", TextLimits.truncate("<@" + userId + "> " + escape(n.subject()), CONTENT_MAX));
        StringBuilder links = new StringBuilder();
        for (Link link : n.links()) {
            links.append('\n').append('[').append(escape(link.label())).append("](")
                    .append(link.url().replace("(", "%28").replace(")", "%29").replace(" ", "%20")).append(')');
        }
        String body = escape(n.text());
        // the links must survive a cut: shorten the text, never the buttons
        int room = DESCRIPTION_MAX - links.length() - (links.isEmpty() ? 0 : 1);
        String description = TextLimits.truncate(body, Math.max(room, 0)) + (links.isEmpty() ? "" : "\n" + links);
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", TextLimits.truncate(escape(n.subject()), TITLE_MAX));
        embed.put("description", TextLimits.truncate(description, DESCRIPTION_MAX));
        ObjectNode mentions = root.putObject("allowed_mentions");
        mentions.putArray("parse");
        mentions.putArray("users").add(userId);
        return root;
    }

    private static final int FIELDS_MAX = 25;
    private static final int FIELD_NAME_MAX = 256;
    private static final int FIELD_VALUE_MAX = 1024;
    private static final int FOOTER_MAX = 2048;
    private static final int EMBED_MAX = 6000;

    static ObjectNode cardPayload(String userId, Notification n, Card card) {
        ObjectNode root = JsonHttp.object();
        root.put("content", TextLimits.truncate("<@" + userId + "> " + escape(n.subject()), CONTENT_MAX));
        ObjectNode embed = root.putArray("embeds").addObject();
        String title = TextLimits.truncate(escape(card.title()), TITLE_MAX);
        embed.put("title", title);
        card.buttons().stream().findFirst().ifPresent(b -> embed.put("url", b.url()));
        embed.put("color", card.tone().rgb());
        int used = title.length();
        ArrayNode fields = embed.putArray("fields");
        for (Card.Fact f : card.facts().stream().limit(FIELDS_MAX).toList()) {
            String name = TextLimits.truncate(escape(f.label()), FIELD_NAME_MAX);
            String value = TextLimits.truncate(escape(f.value()), FIELD_VALUE_MAX);
            fields.addObject().put("name", name).put("value", value).put("inline", true);
            used += name.length() + value.length();
        }
        String footer = TextLimits.truncate(card.footer(), FOOTER_MAX);
        if (!footer.isEmpty()) {
            embed.putObject("footer").put("text", footer);
            used += footer.length();
        }
        embed.put("timestamp", card.at().toString());
        StringBuilder links = new StringBuilder();
        for (Card.Button b : card.buttons()) {
            links.append(links.isEmpty() ? "" : " · ").append("**[").append(escape(b.label())).append("](")
                    .append(target(b.url())).append(")**");
        }
        for (Link r : card.references()) {
            links.append(links.isEmpty() ? "" : " · ").append('[').append(escape(r.label())).append("](")
                    .append(target(r.url())).append(')');
        }
        StringBuilder body = new StringBuilder();
        for (Card.Section section : card.sections()) {
            if (!body.isEmpty()) {
                body.append("\n\n");
            }
            body.append(section.warning() ? "⚠️ **" : "**").append(escape(section.title())).append("**");
            for (String line : section.lines()) {
                body.append('\n').append(line.startsWith("[") ? box(line) : "• " + escape(line));
            }
        }
        // the links must survive a cut: shorten the sections, never the buttons
        int room = Math.min(DESCRIPTION_MAX, EMBED_MAX - used) - links.length() - 2;
        String description = TextLimits.truncate(body.toString(), Math.max(room, 0))
                + (links.isEmpty() ? "" : "\n\n" + links);
        embed.put("description", TextLimits.truncate(description, Math.min(DESCRIPTION_MAX, EMBED_MAX - used)));
        ObjectNode mentions = root.putObject("allowed_mentions");
        mentions.putArray("parse");
        mentions.putArray("users").add(userId);
        return root;
    }

    /** A checklist line with its box as an emoji. */
    static String box(String line) {
        if (line.startsWith("[x] ")) {
            return "✅ " + escape(line.substring(4));
        }
        if (line.startsWith("[-] ")) {
            return "❌ " + escape(line.substring(4));
        }
        if (line.startsWith("[ ] ")) {
            return "⬜ " + escape(line.substring(4));
        }
        return escape(line);
    }

    /** A URL as a markdown link target. */
    static String target(String url) {
        return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20");
    }

    /** Backslash before every character Discord markdown could act on. */
    static String escape(String text) {
        return MARKDOWN.matcher(text).replaceAll("\\\\$1");
    }

    static String withWait(String url) {
        if (url.contains("wait=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "wait=true";
    }
}
