package io.awoooi.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The expiry sweep: a PENDING request whose expiry has passed is moved to EXPIRED when it happens,
 * not only when a late click meets it, and the approvers its links went to and the on-call
 * operators are told (their chat messages about it edited in place to "expired").
 *
 * <p>The store lists the overdue pending requests ({@link ApprovalStore#overdue}, an index only
 * pending requests are in); each is read again strongly consistent and moved with the conditional
 * PENDING -&gt; EXPIRED that a late click also uses ({@code DecideApproval}). So a sweep racing a
 * click, a decision or another sweep (a retried schedule) moves it once, and only the one that
 * moved it logs and tells: everybody hears it once. A request approved, rejected or cancelled
 * meanwhile is left alone.
 */
public final class ExpireApprovals {
    /** Requests handled per sweep; more are left to the next one (they stay overdue, so listed). */
    public static final int DEFAULT_BATCH = 100;

    private final ApprovalLedger ledger;
    private final ApproverNotices notices;

    /** The sweep needs no link key and no executions queue: the ledger and the notices. */
    public ExpireApprovals(ApprovalLedger ledger, ApproverNotices notices) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /**
     * @param expired the requests this sweep moved to EXPIRED (and announced)
     * @param skipped the listed requests that had moved on meanwhile or were moved by someone else
     * @param more whether the batch was full: more overdue requests may be waiting
     */
    public record Result(List<String> expired, int skipped, boolean more) {
        public Result {
            expired = List.copyOf(expired);
        }
    }

    /** One sweep of at most {@code batch} overdue requests, as of the ledger's clock. */
    public Result sweep(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a sweep handles at least one request");
        }
        Instant now = ledger.clock().instant();
        List<String> overdue = ledger.store().overdue(now, batch);
        List<String> expired = new java.util.ArrayList<>();
        int skipped = 0;
        for (String id : overdue) {
            Optional<ApprovalRequest> request = ledger.store().find(id);
            if (request.isPresent() && request.get().status() == ApprovalStatus.PENDING
                    && request.get().statusAt(now) == ApprovalStatus.EXPIRED
                    && DecideApproval.expire(ledger, notices, request.get(), now)) {
                expired.add(id);
            } else {
                skipped++;
            }
        }
        return new Result(expired, skipped, overdue.size() >= batch);
    }
}
