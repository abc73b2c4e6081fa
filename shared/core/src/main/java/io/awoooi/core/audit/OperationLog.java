package io.awoooi.core.audit;

import java.util.List;

/** Port: the append-only operation log of each incident. */
public interface OperationLog {
    /** Appends; the same opId twice keeps the first. */
    void append(Operation operation);

    /** Oldest first. */
    List<Operation> trail(String incidentId);

    /**
     * Appends without ever failing the caller: an audit write failure must not break the main flow.
     * @return whether the entry was written
     */
    static boolean appendQuietly(OperationLog log, Operation operation) {
        try {
            log.append(operation);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
