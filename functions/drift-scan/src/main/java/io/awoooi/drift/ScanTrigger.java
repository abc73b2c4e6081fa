package io.awoooi.drift;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What started a scan: an EventBridge Scheduler target input ({@code source}, {@code scheduledTime},
 * {@code attempt}) or an on-demand invoke (anything, or nothing). The scan reads the cluster as it is
 * now whatever the trigger says; overlapping scans are told apart by the notification claims, not by
 * the trigger (issue #15: the same drift is never notified twice).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScanTrigger {
    public String source;
    public String scheduledTime;
}
