package io.awoooi.core.shield;

import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.intake.MessageTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the incidents queue: deduplicates on the notification key as the FIFO queue does (a
 * redelivered raw message publishes one event), refuses a body larger than the queue carries
 * (1 MiB, SQS's limit) and can be told to fail like an unreachable queue. Thread-safe.
 */
public final class RecordingIncidentEventQueue implements IncidentEventQueue {
    /** The largest body the queue carries, in UTF-8 bytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final List<String> attempts = new ArrayList<>();
    /** The next calls throw {@link QueueUnavailableException}. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    @Override
    public synchronized void publish(IncidentEvent event, String serializedEvent) {
        attempts.add(serializedEvent);
        if (serializedEvent.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new MessageTooLargeException("the event does not fit the incidents queue");
        }
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new QueueUnavailableException("injected failure", null);
        }
        bodies.putIfAbsent(event.notificationKey(), serializedEvent);
    }

    /** The message bodies on the queue, one per notification key, in the order they arrived. */
    public synchronized List<String> bodies() {
        return List.copyOf(bodies.values());
    }

    /** The events on the queue, decoded as the analysis reads them. */
    public synchronized List<IncidentEvent> events() {
        return bodies.values().stream().map(IncidentEventCodec::decode).toList();
    }

    /** Every publish call, failed or deduplicated ones included. */
    public synchronized int attempts() {
        return attempts.size();
    }
}
