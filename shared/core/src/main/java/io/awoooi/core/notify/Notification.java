package io.awoooi.core.notify;

import java.util.List;
import java.util.Objects;

/**
 * A message to one person about one incident. Built only from pseudonymized text (labels such as
 * {@code [IP_1]}), ids and links: never a real value from an alert. Channels render it their way
 * (Block Kit, an embed, HTML mail, an inline keyboard).
 *
 * @param kind what it is about, e.g. {@code approval_requested}, {@code auto_execution},
 *     {@code cancelled}
 * @param incidentId the incident it is about
 * @param subject one line
 * @param text the body, plain text, lines separated by {@code \n}
 * @param links buttons, in order (may be empty)
 */
public record Notification(String kind, String incidentId, String subject, String text, List<Link> links) {
    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        links = List.copyOf(links);
    }
}
