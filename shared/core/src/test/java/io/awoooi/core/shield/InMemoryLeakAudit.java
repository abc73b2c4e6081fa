package io.awoooi.core.shield;

import io.awoooi.core.failure.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake of the leak audit: keeps every blocked send, append-only; can be made unavailable.
 * Thread-safe. It passes {@link LeakAuditContract}, as the DynamoDB adapter does.
 */
public final class InMemoryLeakAudit implements LeakGuard.LeakAudit {
    private final List<LeakGuard.LeakReport> reports = new ArrayList<>();
    private volatile boolean unavailable;

    /** From now on every call throws {@link StoreUnavailableException}, like an unreachable table. */
    public InMemoryLeakAudit unavailable() {
        unavailable = true;
        return this;
    }

    @Override
    public synchronized void blocked(LeakGuard.LeakReport report) {
        if (unavailable) {
            throw new StoreUnavailableException("injected failure: the audit store is unavailable", null);
        }
        reports.add(report);
    }

    /** The blocked sends of one incident, in the order they were recorded. */
    public synchronized List<LeakGuard.LeakReport> of(String incidentId) {
        return reports.stream().filter(r -> r.incidentId().equals(incidentId)).toList();
    }
}
