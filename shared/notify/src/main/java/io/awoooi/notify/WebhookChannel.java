package io.awoooi.notify;

import io.awoooi.core.approval.Approver;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A generic JSON webhook (a chat bridge, an incident tool, an automation): one POST per approver of
 * <pre>
 * {"kind": "approval_requested", "incidentId": "inc_...", "recipient": "alice",
 *  "subject": "...", "text": "...", "links": [{"label": "Approve", "url": "https://..."}]}
 * </pre>
 * {@code recipient} is the approver's id: the receiver maps it to a person.
 */
public final class WebhookChannel implements NotificationChannel {
    public static final String NAME = "webhook";

    private final Supplier<String> url;
    private final JsonHttp http;

    /** @param url where to post (treated as a secret: it may carry a token) */
    public WebhookChannel(Supplier<String> url) {
        this(url, new JsonHttp());
    }

    WebhookChannel(Supplier<String> url, JsonHttp http) {
        this.url = Objects.requireNonNull(url, "url");
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Always the approver's id. */
    @Override
    public Optional<String> addressOf(Approver approver) {
        return Optional.of(approver.id());
    }

    @Override
    public void deliver(String address, Notification notification) {
        http.post(NAME, Secrets.get(NAME, url), NotificationDocument.of(address, notification));
    }
}
