package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The local runtime's outbox: every notification the functions sent (their {@code outbox} channel
 * posts each one, once per approver, to {@code AWOOOI_LOCAL_OUTBOX_URL}), oldest first, the newest
 * {@link #DEFAULT_CAPACITY} kept. Served at {@code GET /local/outbox} on the API port, so the
 * approval links can be followed without Slack, Discord, Telegram or a mail server. Thread-safe.
 */
public final class Outbox {

    public static final int DEFAULT_CAPACITY = 1000;

    /** A button of a notification. */
    public record Link(String label, String url) {
        public Link {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
        }
    }

    /** One captured notification: to whom ({@code recipient} is the approver id), what, and when it arrived. */
    public record Message(String channel, String recipient, String subject, String text, List<Link> links,
            String kind, String incidentId, Instant at) {
        public Message {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(at, "at");
            links = List.copyOf(links);
        }

        /**
         * What the outbox channel posts: {@code {channel?, kind, incidentId, recipient, subject, text,
         * links: [{label, url}]}} ({@code channel} defaults to {@code outbox}, {@code links} to none).
         *
         * @throws IllegalArgumentException naming the first missing or mistyped field, never a value
         */
        static Message fromJson(JsonNode json, Instant at) {
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("a notification is a JSON object");
            }
            List<Link> links = new ArrayList<>();
            JsonNode list = json.get("links");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw new IllegalArgumentException("links must be an array");
                }
                for (JsonNode link : list) {
                    links.add(new Link(text(link, "links[].label"), text(link, "links[].url")));
                }
            }
            JsonNode channel = json.get("channel");
            return new Message(channel == null || channel.isNull() ? "outbox" : text(json, "channel"),
                    text(json, "recipient"), text(json, "subject"), text(json, "text"), links,
                    text(json, "kind"), text(json, "incidentId"), at);
        }

        private static String text(JsonNode node, String path) {
            String field = path.substring(path.lastIndexOf('.') + 1);
            JsonNode value = node == null ? null : node.get(field);
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException(path + " must be a string");
            }
            return value.asText();
        }

        /** {@code {channel, recipient, subject, text, links: [{label, url}], kind, incidentId, at}}. */
        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.put("channel", channel);
            json.put("recipient", recipient);
            json.put("subject", subject);
            json.put("text", text);
            ArrayNode array = json.putArray("links");
            links.forEach(l -> array.addObject().put("label", l.label()).put("url", l.url()));
            json.put("kind", kind);
            json.put("incidentId", incidentId);
            json.put("at", at.toString());
            return json;
        }
    }

    private final int capacity;
    private final Deque<Message> messages = new ArrayDeque<>();

    public Outbox() {
        this(DEFAULT_CAPACITY);
    }

    public Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Keeps the message; the oldest one goes when the outbox is full. */
    public synchronized void add(Message message) {
        Objects.requireNonNull(message, "message");
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    /** All kept messages, oldest first (a copy). */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages about one incident, oldest first. */
    public List<Message> forIncident(String incidentId) {
        return messages().stream().filter(m -> m.incidentId().equals(incidentId)).toList();
    }

    public synchronized int size() {
        return messages.size();
    }

    /** The whole outbox as the JSON array GET /local/outbox answers. */
    ArrayNode toJson() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        messages().forEach(m -> array.add(m.toJson()));
        return array;
    }
}
