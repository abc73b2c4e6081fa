package io.awoooi.core.finops;

import io.awoooi.core.failure.UsageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Use case: one FinOps scan. Reads the cluster and the usage of the last window, finds and prices
 * the waste, writes the report whole, then makes it the latest (conditionally: never over a later
 * scan's), and only then hands it on (recommendations into approval requests, the summary
 * notification). A scan that fails before the promotion leaves the previous latest in place and
 * throws, so the schedule's retry policy runs it again; the retry carries the same trigger time and
 * so writes the same report id.
 */
public final class ScanForWaste {
    private static final Logger LOG = Logger.getLogger(ScanForWaste.class.getName());
    public static final Duration STEP = Duration.ofHours(1);

    private final ClusterInventorySource cluster;
    private final UsageSource usage;
    private final java.util.function.Supplier<WasteAnalysis> analyses;
    private final FinOpsSettings settings;
    private final FinOpsReportStore store;
    private final List<Consumer<FinOpsReport>> after;
    private final Clock clock;

    /**
     * @param after what runs once the report is the latest (recommendations, notification); each is
     *     given the report and must not throw for a partial failure it can recover from on the next scan
     */
    public ScanForWaste(ClusterInventorySource cluster, UsageSource usage, WasteAnalysis analysis,
            FinOpsSettings settings, FinOpsReportStore store, List<Consumer<FinOpsReport>> after, Clock clock) {
        this(cluster, usage, constant(Objects.requireNonNull(analysis, "analysis")), settings, store, after, clock);
    }

    /**
     * @param analyses the analysis of each scan (its prices may be refreshed between scans: a table
     *     read once at a cold start would be frozen into a SnapStart snapshot)
     */
    public ScanForWaste(ClusterInventorySource cluster, UsageSource usage,
            java.util.function.Supplier<WasteAnalysis> analyses, FinOpsSettings settings, FinOpsReportStore store,
            List<Consumer<FinOpsReport>> after, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.analyses = Objects.requireNonNull(analyses, "analyses");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.after = List.copyOf(after);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static java.util.function.Supplier<WasteAnalysis> constant(WasteAnalysis analysis) {
        return () -> analysis;
    }

    /** What a scan produced. */
    public record Result(FinOpsReport report, boolean latest) {
    }

    /**
     * @param triggeredAt the schedule's time (or now for an on-demand scan): the report's id
     */
    public Result scan(Instant triggeredAt) {
        Instant now = clock.instant();
        // whole hours, so the samples of a retried scan and of the report line up with the hour
        Instant to = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant from = to.minus(settings.zombieWindow());
        ClusterInventory inventory = cluster.read();
        UsageHistory history;
        try {
            history = usage.read(inventory, from, to, STEP);
        } catch (UsageUnavailableException e) {
            LOG.log(Level.WARNING, "finops scan: usage unavailable: {0}", e.getMessage());
            history = UsageHistory.unavailable(from, to, STEP, e.getMessage());
        }
        FinOpsReport report = analyses.get().analyse(FinOpsReport.idFor(triggeredAt), now, inventory, history);
        for (Gap g : report.gaps()) {
            LOG.log(Level.INFO, "finops scan {0}: not measured or priced: {1}", new Object[] {report.id(), g});
        }
        store.save(report, FinOpsReportDocument.toJson(report, settings.top()));
        boolean latest = store.promote(report.id(), report.scannedAt());
        LOG.log(Level.INFO,
                "finops scan {0}: {1} findings, monthly {2} (realizable {3}, freed {4}), {5} gaps, latest={6}",
                new Object[] {report.id(), report.findings().size(), report.totals().monthly().toPlainString(),
                        report.totals().realizable().toPlainString(), report.totals().freed().toPlainString(),
                        report.gaps().size(), latest});
        if (latest) {
            for (Consumer<FinOpsReport> step : after) {
                step.accept(report);
            }
        }
        return new Result(report, latest);
    }
}
