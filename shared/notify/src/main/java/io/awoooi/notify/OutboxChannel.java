package io.awoooi.notify;

import io.awoooi.core.approval.Approver;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * The local runtime's outbox ({@code AWOOOI_LOCAL_OUTBOX_URL}, {@code POST /local/outbox} on the
 * local API port): every notification, once per approver, whatever else is configured, as the
 * webhook document plus {@code "channel": "outbox"}. {@code GET /local/outbox} lists them, so a
 * person or a test can follow the approval links without Slack or a mail server.
 */
public final class OutboxChannel implements NotificationChannel {
    public static final String NAME = "outbox";

    private final String url;
    private final JsonHttp http;

    public OutboxChannel(String url) {
        this(url, new JsonHttp());
    }

    OutboxChannel(String url, JsonHttp http) {
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
        var document = JsonHttp.object().put("channel", NAME);
        http.post(NAME, url, NotificationDocument.into(document, address, notification));
    }
}
