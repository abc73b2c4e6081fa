package io.awoooi.core.drift;

import java.util.Optional;

/** Port: where drift reports are kept, and which drift was already notified. */
public interface DriftReports {
    void save(DriftReport report);

    /** A report by its id; empty for an unknown or malformed id. */
    Optional<DriftReport> find(String id);

    /**
     * The report of the latest scan saved: it only moves forward (an older scan saved late does not
     * replace it; a report of the same scan time does). Empty before the first scan.
     */
    Optional<DriftReport> latest();

    /**
     * Claims the notification of one drift (conditional write): true when it was never notified or
     * its last notification is at least {@code reminder} old; two overlapping scans cannot both win.
     */
    boolean claimNotification(String fingerprint, java.time.Instant now, java.time.Duration reminder);
}
