package io.awoooi.core.incident;

import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake of the failure store port: the same first-stays, count-once semantics as the DynamoDB one. */
public final class InMemoryIncidentFailureStore implements IncidentFailureStore {
    private final Map<String, IncidentFailure> failures = new HashMap<>();
    private final Map<String, Set<String>> messageIds = new HashMap<>();
    /** The next calls to {@link #record} throw, like an unreachable table. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    @Override
    public synchronized void record(String incidentId, String stage, String reason, String messageId, Instant at) {
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected failure", null);
        }
        Set<String> ids = messageIds.computeIfAbsent(incidentId, k -> new HashSet<>());
        if (!ids.add(messageId)) {
            return;
        }
        IncidentFailure.Latest latest = new IncidentFailure.Latest(stage, reason, at);
        IncidentFailure first = failures.get(incidentId);
        failures.put(incidentId, first == null
                ? new IncidentFailure(incidentId, stage, reason, at, 1, latest)
                : new IncidentFailure(incidentId, first.stage(), first.reason(), first.at(), ids.size(), latest));
    }

    @Override
    public synchronized Optional<IncidentFailure> find(String incidentId) {
        return Optional.ofNullable(failures.get(incidentId));
    }

    @Override
    public synchronized Map<String, IncidentFailure> findAll(Collection<String> incidentIds) {
        Map<String, IncidentFailure> out = new LinkedHashMap<>();
        incidentIds.forEach(id -> find(id).ifPresent(f -> out.put(id, f)));
        return out;
    }
}
