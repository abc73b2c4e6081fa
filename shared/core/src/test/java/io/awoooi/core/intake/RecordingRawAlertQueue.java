package io.awoooi.core.intake;

import io.awoooi.core.failure.QueueUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Fake of the queue port: deduplicates on the notification key as the FIFO queue does. */
public final class RecordingRawAlertQueue implements RawAlertQueue {
    private final Map<String, RawAlertMessage> messages = new LinkedHashMap<>();
    private final List<RawAlertMessage> attempts = new ArrayList<>();
    public final AtomicInteger failNextCalls = new AtomicInteger();

    @Override
    public synchronized void publish(RawAlertMessage message) {
        attempts.add(message);
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new QueueUnavailableException("injected failure", null);
        }
        messages.putIfAbsent(message.notificationKey(), message);
    }

    public synchronized List<RawAlertMessage> messages() {
        return List.copyOf(messages.values());
    }

    public synchronized int attempts() {
        return attempts.size();
    }
}
