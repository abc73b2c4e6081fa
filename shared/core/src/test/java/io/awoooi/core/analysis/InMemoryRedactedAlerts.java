package io.awoooi.core.analysis;

import io.awoooi.core.alert.AlertKey;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fake of the redacted-alert port: alerts per incident, one per instance (fingerprint and start: a
 * later save overwrites it, as the table's key does), and incidents whose read fails.
 */
public final class InMemoryRedactedAlerts implements RedactedAlertStore {
    private final Map<String, Map<AlertKey, RedactedAlert>> byIncident = new HashMap<>();
    final Set<String> unreadable = new HashSet<>();
    final List<String> reads = new ArrayList<>();

    @Override
    public synchronized void save(String incidentId, List<RedactedAlert> alerts) {
        Map<AlertKey, RedactedAlert> kept = byIncident.computeIfAbsent(incidentId, k -> new LinkedHashMap<>());
        alerts.forEach(a -> kept.put(a.key(), a));
    }

    @Override
    public synchronized List<RedactedAlert> alerts(String incidentId) {
        reads.add(incidentId);
        if (unreadable.contains(incidentId)) {
            throw new StoreUnavailableException("injected failure", null);
        }
        return List.copyOf(byIncident.getOrDefault(incidentId, Map.of()).values());
    }
}
