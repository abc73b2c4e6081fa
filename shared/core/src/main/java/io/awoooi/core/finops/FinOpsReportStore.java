package io.awoooi.core.finops;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where reports are kept. A report is written whole first ({@link #save}); only then is it
 * made the latest ({@link #promote}), conditionally, so a scan that dies before promoting leaves the
 * previous report as the latest, and an older scan finishing late never replaces a newer one.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface FinOpsReportStore {
    /** Writes (or, for a retried scan of the same trigger, overwrites) the report document. */
    void save(FinOpsReport report, String document);

    /**
     * Makes the report the latest unless a report of a later scan already is.
     *
     * @return whether it is the latest now
     */
    boolean promote(String reportId, Instant scannedAt);

    /** The latest report's document. */
    Optional<String> latest();

    /** A report's document by id. */
    Optional<String> find(String reportId);
}
