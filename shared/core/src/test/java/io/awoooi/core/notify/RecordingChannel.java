package io.awoooi.core.notify;

import io.awoooi.core.approval.Approver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake channel that keeps what it was given. Reaches every approver by id (like the outbox) or,
 * when made {@link #byHandle}, only approvers with a handle for its name. Can be told to fail.
 * Thread-safe.
 */
public final class RecordingChannel implements NotificationChannel {
    /** One notification as the channel received it. */
    public record Delivered(String address, Notification notification) {
    }

    private final String name;
    private final boolean byHandle;
    private final List<Delivered> delivered = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    /** The next deliveries throw {@link NotificationFailedException}. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    private RecordingChannel(String name, boolean byHandle) {
        this.name = Objects.requireNonNull(name, "name");
        this.byHandle = byHandle;
    }

    /** Reaches every approver; the address is the approver id. */
    public RecordingChannel(String name) {
        this(name, false);
    }

    /** Reaches an approver only through their handle for {@code name} ({@code email}, {@code slack}...). */
    public static RecordingChannel byHandle(String name) {
        return new RecordingChannel(name, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> addressOf(Approver approver) {
        return byHandle ? approver.handle(name) : Optional.of(approver.id());
    }

    @Override
    public synchronized void deliver(String address, Notification notification) {
        attempts.incrementAndGet();
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new NotificationFailedException(name + ": injected failure (HTTP 503)");
        }
        delivered.add(new Delivered(address, notification));
    }

    /** Every notification delivered, in order. */
    public synchronized List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    /** The notifications delivered to this address. */
    public synchronized List<Notification> to(String address) {
        return delivered.stream().filter(d -> d.address().equals(address)).map(Delivered::notification).toList();
    }

    /** The deliveries of this kind ({@code approval_requested}, {@code auto_execution}...). */
    public synchronized List<Delivered> ofKind(String kind) {
        return delivered.stream().filter(d -> d.notification().kind().equals(kind)).toList();
    }

    /** Delivery attempts, failed ones included. */
    public int attempts() {
        return attempts.get();
    }
}
