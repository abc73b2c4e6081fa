package io.awoooi.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.approval.Approver;
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
 * The Telegram Bot API's {@code sendMessage}, to the approver's chat:
 * <pre>
 * POST {baseUrl}/bot{token}/sendMessage
 * {"chat_id": "456", "text": subject + "\n\n" + text,
 *  "link_preview_options": {"is_disabled": true},
 *  "reply_markup": {"inline_keyboard": [[{"text": label, "url": url}], ...]}}
 * </pre>
 * Plain text (no parse_mode: nothing to escape), one URL button per row. An answer without
 * {@code "ok": true} is a failure even with HTTP 200. The bot token is part of the URL, so it is a
 * secret twice over: failures name the status and Telegram's error_code, never the URL or the
 * description. (Telegram refuses buttons with loopback URLs: a local stack's links only work in
 * the outbox.)
 *
 * <p>A notification with a {@link Card} is sent with {@code "parse_mode": "HTML"}: the title and the
 * section titles bold (a warning one marked ⚠), checklist boxes as emoji, the references as links,
 * every text HTML-escaped; its buttons keep their order, marked ✅ to go ahead and ⛔ to stop.
 * Lines are added while the message stays within 4096 characters, so a cut never splits a tag.
 *
 * <p>Later news about the same request edits the message in place ({@code editMessageText} with the
 * {@code chat_id/message_id} kept from {@code sendMessage}'s answer).
 */
public final class TelegramChannel implements NotificationChannel {
    public static final String NAME = "telegram";
    public static final String DEFAULT_BASE_URL = "https://api.telegram.org";
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z0-9_]{4,64}");
    private static final int TEXT_MAX = 4096;

    private final Supplier<String> botToken;
    private final String baseUrl;
    private final JsonHttp http;

    /** @param botToken the bot's token from BotFather (a secret: never logged, never in a message) */
    public TelegramChannel(Supplier<String> botToken) {
        this(botToken, DEFAULT_BASE_URL);
    }

    /** @param baseUrl the Bot API server, {@value #DEFAULT_BASE_URL} unless a test or a local Bot API server */
    public TelegramChannel(Supplier<String> botToken, String baseUrl) {
        this(botToken, baseUrl, new JsonHttp());
    }

    TelegramChannel(Supplier<String> botToken, String baseUrl, JsonHttp http) {
        this.botToken = Objects.requireNonNull(botToken, "botToken");
        this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The approver's chat id (a number, or an @channel name). */
    @Override
    public Optional<String> addressOf(Approver approver) {
        return approver.handle(NAME).filter(id -> CHAT_ID.matcher(id).matches());
    }

    @Override
    public void deliver(String address, Notification notification) {
        post(address, notification);
    }

    /** {@code sendMessage}; the reference is {@code chat_id/message_id} from Telegram's answer. */
    @Override
    public Optional<String> post(String address, Notification notification) {
        if (!CHAT_ID.matcher(address).matches()) {
            throw new NotificationFailedException(NAME + ": the address is not a chat id");
        }
        String url = baseUrl + "/bot" + Secrets.get(NAME, botToken) + "/sendMessage";
        JsonHttp.Answer answer = http.post(NAME, url, payload(address, notification));
        JsonNode reply = JsonHttp.json(answer);
        if (reply == null || !reply.path("ok").asBoolean(false)) {
            JsonNode code = reply == null ? null : reply.get("error_code");
            throw new NotificationFailedException(NAME + ": HTTP " + answer.status() + " without ok=true"
                    + (code != null && code.isInt() ? " (error_code " + code.asInt() + ")" : ""));
        }
        JsonNode result = reply.path("result");
        if (result.path("message_id").canConvertToLong() && result.path("chat").path("id").canConvertToLong()) {
            return Optional.of(result.path("chat").path("id").asLong() + "/" + result.path("message_id").asLong());
        }
        return Optional.empty();
    }

    /**
     * {@code editMessageText} of {@code chat_id/message_id} with the notification's text and buttons
     * (a message without buttons loses its keyboard). "message is not modified" counts as done; a
     * message Telegram no longer finds is {@link MessageGoneException}.
     */
    @Override
    public void edit(String address, String ref, Notification notification) {
        String[] parts = ref.split("/", 2);
        if (parts.length != 2 || !parts[0].matches("-?[0-9]{1,20}") || !parts[1].matches("[0-9]{1,20}")) {
            throw new MessageGoneException(NAME + ": not a message reference");
        }
        ObjectNode body = payload(address, notification);
        body.put("chat_id", Long.parseLong(parts[0]));
        body.put("message_id", Long.parseLong(parts[1]));
        String url = baseUrl + "/bot" + Secrets.get(NAME, botToken) + "/editMessageText";
        JsonHttp.Answer answer = http.exchange(NAME, "POST", url, body, java.util.Map.of());
        JsonNode reply = JsonHttp.json(answer);
        if (reply != null && reply.path("ok").asBoolean(false) && answer.status() / 100 == 2) {
            return;
        }
        String description = reply == null ? ""
                : reply.path("description").asText("").toLowerCase(java.util.Locale.ROOT);
        if (description.contains("message is not modified")) {
            return;
        }
        if (answer.status() == 400 && (description.contains("message to edit not found")
                || description.contains("chat not found") || description.contains("message can't be edited"))) {
            throw new MessageGoneException(NAME + ": the message to edit is gone (HTTP 400)");
        }
        JsonNode code = reply == null ? null : reply.get("error_code");
        throw new NotificationFailedException(NAME + ": edit answered HTTP " + answer.status()
                + (code != null && code.isInt() ? " (error_code " + code.asInt() + ")" : ""));
    }

    static ObjectNode payload(String chatId, Notification n) {
        if (n.card().isPresent()) {
            return cardPayload(chatId, n.card().get());
        }
        ObjectNode root = JsonHttp.object();
        root.put("chat_id", chatId);
        root.put("text", TextLimits.truncate(n.subject() + "\n\n" + n.text(), TEXT_MAX));
        root.putObject("link_preview_options").put("is_disabled", true);
        if (!n.links().isEmpty()) {
            ArrayNode rows = root.putObject("reply_markup").putArray("inline_keyboard");
            for (Link link : n.links()) {
                rows.addArray().addObject().put("text", link.label()).put("url", link.url());
            }
        }
        return root;
    }

    static ObjectNode cardPayload(String chatId, Card card) {
        ObjectNode root = JsonHttp.object();
        root.put("chat_id", chatId);
        java.util.List<String> parts = new java.util.ArrayList<>();
        parts.add("<b>" + html(card.title()) + "</b>");
        if (!card.facts().isEmpty()) {
            parts.add(String.join("\n", card.facts().stream()
                    .map(f -> "<b>" + html(f.label()) + ":</b> " + html(f.value())).toList()));
        }
        for (Card.Section section : card.sections()) {
            StringBuilder text = new StringBuilder(section.warning() ? "⚠️ <b>" : "<b>").append(html(section.title()))
                    .append("</b>");
            for (String line : section.lines()) {
                text.append('\n').append(line.startsWith("[x] ") ? "✅ " + html(line.substring(4))
                        : line.startsWith("[-] ") ? "❌ " + html(line.substring(4))
                                : line.startsWith("[ ] ") ? "⬜ " + html(line.substring(4)) : "• " + html(line));
            }
            parts.add(text.toString());
        }
        if (!card.references().isEmpty()) {
            parts.add(String.join(" · ", card.references().stream()
                    .map(r -> "<a href=\"" + html(r.url()) + "\">" + html(r.label()) + "</a>").toList()));
        }
        if (!card.footer().isEmpty()) {
            parts.add("<i>" + html(card.footer()) + "</i>");
        }
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            String next = (text.isEmpty() ? "" : "\n\n") + part;
            if (text.length() + next.length() > TEXT_MAX) {
                break; // whole parts only: a cut never leaves a tag open
            }
            text.append(next);
        }
        root.put("text", text.toString());
        root.put("parse_mode", "HTML");
        root.putObject("link_preview_options").put("is_disabled", true);
        if (!card.buttons().isEmpty()) {
            ArrayNode rows = root.putObject("reply_markup").putArray("inline_keyboard");
            for (Card.Button b : card.buttons()) {
                String mark = switch (b.style()) {
                    case PRIMARY -> "✅ ";
                    case DANGER -> "⛔ ";
                    case PLAIN -> "";
                };
                rows.addArray().addObject().put("text", mark + b.label()).put("url", b.url());
            }
        }
        return root;
    }

    /** Escapes text for Telegram's HTML parse mode (its three entities, and quotes for attributes). */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String stripSlash(String url) {
        String s = url.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
