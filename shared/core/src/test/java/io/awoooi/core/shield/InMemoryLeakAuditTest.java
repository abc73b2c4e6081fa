package io.awoooi.core.shield;

import java.util.List;

/** The leak audit's contract on the in-memory fake. */
class InMemoryLeakAuditTest extends LeakAuditContract {
    private final InMemoryLeakAudit audit = new InMemoryLeakAudit();

    @Override
    protected LeakGuard.LeakAudit audit() {
        return audit;
    }

    @Override
    protected List<LeakGuard.LeakReport> recorded(String incidentId) {
        return audit.of(incidentId);
    }

    @Override
    protected LeakGuard.LeakAudit unreachable() {
        return new InMemoryLeakAudit().unavailable();
    }
}
