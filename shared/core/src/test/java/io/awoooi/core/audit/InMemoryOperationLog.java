package io.awoooi.core.audit;

import io.awoooi.core.failure.StoreUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the operation log port for use-case tests: append-only, the same opId twice keeps the
 * first (as the DynamoDB adapter's conditional put does), each incident's trail oldest first (by
 * {@code at}; entries of the same instant in the order appended).
 * Thread-safe.
 */
public final class InMemoryOperationLog implements OperationLog {
    private final Map<String, Operation> byId = new LinkedHashMap<>();
    /** The next calls to {@link #append} throw, like an unreachable table. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    @Override
    public synchronized void append(Operation operation) {
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected failure", null);
        }
        byId.putIfAbsent(operation.opId(), operation);
    }

    @Override
    public synchronized List<Operation> trail(String incidentId) {
        List<Operation> out = new ArrayList<>();
        for (Operation o : byId.values()) {
            if (o.incidentId().equals(incidentId)) {
                out.add(o);
            }
        }
        out.sort(java.util.Comparator.comparing(Operation::at)); // oldest first, as the port says (stable)
        return List.copyOf(out);
    }

    /** Every entry of every incident, in the order they were first appended. */
    public synchronized List<Operation> all() {
        return List.copyOf(byId.values());
    }

    /** The entries of this type, in append order. */
    public synchronized List<Operation> ofType(String type) {
        return byId.values().stream().filter(o -> o.type().equals(type)).toList();
    }

    public synchronized Optional<Operation> find(String opId) {
        return Optional.ofNullable(byId.get(opId));
    }
}
