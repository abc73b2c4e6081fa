package io.awoooi.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;

/**
 * The notification as plain JSON, for the generic webhook and the local outbox:
 * {@code {kind, incidentId, recipient, subject, text, links: [{label, url}]}}, nothing added.
 */
final class NotificationDocument {
    private NotificationDocument() {
    }

    static ObjectNode of(String recipient, Notification n) {
        return into(JsonHttp.object(), recipient, n);
    }

    static ObjectNode into(ObjectNode root, String recipient, Notification n) {
        root.put("kind", n.kind());
        root.put("incidentId", n.incidentId());
        root.put("recipient", recipient);
        root.put("subject", n.subject());
        root.put("text", n.text());
        ArrayNode links = root.putArray("links");
        for (Link link : n.links()) {
            links.addObject().put("label", link.label()).put("url", link.url());
        }
        return root;
    }
}
