package io.awoooi.core.approval;

import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the approval store port for use-case tests. Thread-safe (every method holds the
 * store's lock, so each call is atomic as one conditional write is), and it honours the same
 * conditions as the DynamoDB adapter: a request is created once; a transition is refused with an
 * {@link IllegalArgumentException} when the status machine forbids it and happens only from the
 * expected status; marking a missing request is an {@link IllegalStateException}; an approver
 * signs a request once; signatures come back oldest first (then by approver id).
 */
public final class InMemoryApprovalStore implements ApprovalStore {
    private final Map<String, ApprovalRequest> requests = new HashMap<>();
    private final Map<String, Map<String, Signature>> signatures = new HashMap<>();
    private final Map<String, Map<String, io.awoooi.core.notify.MessageRef>> messages = new HashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    /** The next calls (any method) throw {@link StoreUnavailableException}, like an unreachable table. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    /** Everything the store holds, for comparing before and after. */
    public record Snapshot(Map<String, ApprovalRequest> requests, Map<String, List<Signature>> signatures) {
    }

    private void maybeFail() {
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected failure", null);
        }
    }

    @Override
    public synchronized boolean create(ApprovalRequest request) {
        Objects.requireNonNull(request, "request");
        maybeFail();
        writes.incrementAndGet();
        return requests.putIfAbsent(request.id(), request) == null;
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(String requestId) {
        maybeFail();
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public synchronized List<String> overdue(Instant now, int limit) {
        maybeFail();
        return requests.values().stream().filter(r -> r.status() == ApprovalStatus.PENDING)
                .filter(r -> !r.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(ApprovalRequest::expiresAt).thenComparing(ApprovalRequest::id))
                .limit(limit).map(ApprovalRequest::id).toList();
    }

    @Override
    public synchronized List<String> pending(Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        maybeFail();
        return requests.values().stream().filter(r -> r.status() == ApprovalStatus.PENDING)
                .filter(r -> r.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(ApprovalRequest::expiresAt).thenComparing(ApprovalRequest::id))
                .limit(limit).map(ApprovalRequest::id).toList();
    }

    @Override
    public synchronized boolean transition(String requestId, ApprovalStatus from, ApprovalStatus to,
            Optional<String> reason, Instant at) {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("an approval request cannot move from " + from + " to " + to);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        maybeFail();
        writes.incrementAndGet();
        ApprovalRequest current = requests.get(requestId);
        if (current == null || current.status() != from) {
            return false;
        }
        requests.put(requestId, current.withStatus(to, reason, at));
        return true;
    }

    @Override
    public synchronized void markNotified(String requestId, List<String> approverIds) {
        maybeFail();
        writes.incrementAndGet();
        ApprovalRequest current = requests.get(requestId);
        if (current == null) {
            throw new IllegalStateException("no approval request " + requestId);
        }
        requests.put(requestId, current.withNotified(approverIds));
    }

    @Override
    public synchronized void markDispatched(String requestId) {
        maybeFail();
        writes.incrementAndGet();
        ApprovalRequest current = requests.get(requestId);
        if (current == null) {
            throw new IllegalStateException("no approval request " + requestId);
        }
        requests.put(requestId, current.withDispatched());
    }

    @Override
    public synchronized boolean addSignature(String requestId, Signature signature) {
        Objects.requireNonNull(signature, "signature");
        maybeFail();
        writes.incrementAndGet();
        return signatures.computeIfAbsent(requestId, id -> new LinkedHashMap<>())
                .putIfAbsent(signature.approverId(), signature) == null;
    }

    @Override
    public synchronized List<Signature> signatures(String requestId) {
        maybeFail();
        List<Signature> out = new ArrayList<>(signatures.getOrDefault(requestId, Map.of()).values());
        out.sort(Comparator.comparing(Signature::at).thenComparing(Signature::approverId));
        return List.copyOf(out);
    }

    /** How many write calls reached the store (successful or not): zero for a reader. */
    public int writes() {
        return writes.get();
    }

    public synchronized Snapshot snapshot() {
        Map<String, List<Signature>> sigs = new HashMap<>();
        signatures.forEach((id, byApprover) -> sigs.put(id, List.copyOf(byApprover.values())));
        return new Snapshot(Map.copyOf(requests), Map.copyOf(sigs));
    }

    public synchronized int requestCount() {
        return requests.size();
    }

    /** Rewrites a stored request as is (a test's shortcut to a state, e.g. past its expiry). */
    public synchronized void put(ApprovalRequest request) {
        requests.put(request.id(), request);
    }

    @Override
    public synchronized boolean saveMessage(String requestId, io.awoooi.core.notify.MessageRef ref) {
        maybeFail();
        return messages.computeIfAbsent(requestId, k -> new LinkedHashMap<>())
                .putIfAbsent(ref.channel() + "#" + ref.recipientId(), ref) == null;
    }

    @Override
    public synchronized List<io.awoooi.core.notify.MessageRef> messages(String requestId) {
        maybeFail();
        return List.copyOf(messages.getOrDefault(requestId, Map.of()).values());
    }
}
