package io.awoooi.core.shield;

import java.util.ArrayList;
import java.util.List;

/** Fake of the vault table with its conditional add. */
public final class InMemoryVaultStore implements VaultStore {
    private final List<VaultEntry> rows = new ArrayList<>();

    @Override
    public synchronized List<VaultEntry> entries(String incidentId) {
        return rows.stream().filter(r -> r.incidentId().equals(incidentId)).toList();
    }

    @Override
    public synchronized boolean add(VaultEntry entry) {
        boolean taken = rows.stream()
                .anyMatch(r -> r.incidentId().equals(entry.incidentId()) && r.label().equals(entry.label()));
        if (!taken) {
            rows.add(entry);
        }
        return !taken;
    }

    public synchronized List<VaultEntry> all() {
        return new ArrayList<>(rows);
    }
}
