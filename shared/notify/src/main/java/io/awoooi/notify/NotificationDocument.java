package io.awoooi.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;

/**
 * The notification as plain JSON, for the generic webhook and the local outbox:
 * {@code {kind, incidentId, recipient, subject, text, links: [{label, url}]}}, and when it has a
 * card, {@code card: {tone, colour, title, facts: [{label, value}], sections: [{title, lines,
 * warning}], buttons: [{label, url, style}], references: [{label, url}], footer, at}} (the same
 * content with its structure, for a receiver that builds its own view). Nothing else is added.
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
        n.card().ifPresent(card -> card(root.putObject("card"), card));
        return root;
    }

    static void card(ObjectNode out, Card card) {
        out.put("tone", card.tone().name().toLowerCase(java.util.Locale.ROOT)).put("colour", card.tone().hex());
        out.put("title", card.title());
        ArrayNode facts = out.putArray("facts");
        card.facts().forEach(f -> facts.addObject().put("label", f.label()).put("value", f.value()));
        ArrayNode sections = out.putArray("sections");
        for (Card.Section s : card.sections()) {
            ObjectNode section = sections.addObject().put("title", s.title());
            s.lines().forEach(section.putArray("lines")::add);
            section.put("warning", s.warning());
        }
        ArrayNode buttons = out.putArray("buttons");
        card.buttons().forEach(b -> buttons.addObject().put("label", b.label()).put("url", b.url())
                .put("style", b.style().name().toLowerCase(java.util.Locale.ROOT)));
        ArrayNode references = out.putArray("references");
        card.references().forEach(r -> references.addObject().put("label", r.label()).put("url", r.url()));
        out.put("footer", card.footer());
        out.put("at", card.at().toString());
    }
}
