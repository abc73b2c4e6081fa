package io.awoooi.core.drift;

import java.util.Optional;

/** Port: where drift reports are kept, and which drift was already notified. */
public interface DriftReports {
    void save(DriftReport report);

    Optional<DriftReport> find(String id);

    Optional<DriftReport> latest();

    /**
     * Claims the notification of one drift (conditional write): true when it was never notified or
     * its last notification is at least {@code reminder} old; two overlapping scans cannot both win.
     */
    boolean claimNotification(String fingerprint, java.time.Instant now, java.time.Duration reminder);
}
