package io.awoooi.core.notify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to one person about one incident. Built only from pseudonymized text (labels such as
 * {@code [IP_1]}), ids and links: never a real value from an alert. Channels render it their way
 * (Block Kit, an embed, HTML mail, an inline keyboard); a channel that can show structure renders
 * the {@link Card} when there is one, the others the text (which then is the card's text).
 *
 * @param kind what it is about, e.g. {@code approval_requested}, {@code diagnosis}, {@code signed},
 *     {@code auto_execution}, {@code executed}, {@code effective}, {@code cancelled}
 * @param incidentId the incident it is about
 * @param subject one line
 * @param text the body, plain text, lines separated by {@code \n}
 * @param links buttons, in order (may be empty)
 * @param card the same content with its structure, when the sender built one
 */
public record Notification(String kind, String incidentId, String subject, String text, List<Link> links,
        Optional<Card> card) {
    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        links = List.copyOf(links);
        Objects.requireNonNull(card, "card");
    }

    /** A text-only notification. */
    public Notification(String kind, String incidentId, String subject, String text, List<Link> links) {
        this(kind, incidentId, subject, text, links, Optional.empty());
    }

    /** A notification with a card: its text is the card's text, its links the card's buttons. */
    public static Notification of(String kind, String incidentId, String subject, Card card) {
        return new Notification(kind, incidentId, subject, card.text(), card.links(), Optional.of(card));
    }
}
