package io.awoooi.drift;

import io.awoooi.core.drift.DriftNarrative;
import io.awoooi.core.drift.DriftRedaction;
import io.awoooi.core.drift.DriftReport;
import io.awoooi.core.drift.NotifyDrift;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The scheduled (or on-demand) drift scan: scan, narrate and notify what is new, answer the report's
 * summary in redacted words. A failure propagates: the invocation fails and the asynchronous
 * invocation's retries (the template's EventInvokeConfig, then its dead-letter queue) run it again;
 * the notification claims keep a retry from notifying the same drift twice.
 */
public class DriftScanFunction {
    private static final Logger LOG = Logger.getLogger(DriftScanFunction.class);

    @Inject
    NotifyDrift notifyDrift;

    @Inject
    DriftRedaction redaction;

    @Funq
    public Map<String, Object> scan(ScanTrigger trigger) {
        NotifyDrift.Result result = notifyDrift.run();
        DriftReport report = result.report();
        LOG.infof("drift scan report=%s workloads=%d items=%d scanned=%d notScanned=%d notified=%d", report.id(),
                report.workloads().size(), report.itemCount(), report.itemsScanned(),
                report.namespacesNotScanned().size(), result.notified());
        DriftRedaction.Words words = redaction.words(report);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", report.id());
        out.put("scannedAt", report.scannedAt().toString());
        out.put("itemsScanned", report.itemsScanned());
        out.put("workloads", report.workloads().size());
        out.put("items", report.itemCount());
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.countsBySeverity().forEach((s, c) -> counts.put(s.name().toLowerCase(java.util.Locale.ROOT), c));
        out.put("counts", counts);
        out.put("notScanned", words.notScanned());
        out.put("problems", words.problems());
        out.put("notified", result.notified());
        out.put("narrative", result.narrative().map(DriftNarrative::summary).orElse(null));
        out.put("narrator", result.narrative().map(DriftNarrative::narrator).orElse(null));
        out.put("lines", words.lines().stream().map(DriftRedaction.Line::text).toList());
        out.put("box", box(report, words, result));
        return out;
    }

    /** The report for people ({@code ./awoooi invoke drift-scan}). */
    static String box(DriftReport report, DriftRedaction.Words words, NotifyDrift.Result result) {
        List<String> rows = new java.util.ArrayList<>();
        rows.add("DRIFT SCAN " + report.id());
        rows.add(report.itemsScanned() + " workloads scanned in " + report.namespacesScanned().size()
                + " namespaces; " + report.itemCount() + " drifted fields in " + report.workloads().size()
                + " workloads");
        result.narrative().ifPresent(n -> rows.add("Summary (" + n.narrator() + "): " + n.summary()));
        if (report.workloads().isEmpty()) {
            rows.add("No drift.");
        }
        words.lines().forEach(l -> rows.add("  - " + l.text()));
        words.notScanned().forEach(l -> rows.add("NOT SCANNED " + l));
        words.problems().forEach(l -> rows.add("BASELINE NOT APPLIED " + l));
        rows.add(result.notified() > 0 ? "Notified " + result.notified() + " operators."
                : report.workloads().isEmpty() ? "Nobody notified."
                        : "Nobody notified (already notified; reminder later).");
        int width = Math.min(120, rows.stream().mapToInt(String::length).max().orElse(10));
        StringBuilder sb = new StringBuilder("+").append("-".repeat(width + 2)).append("+\n");
        for (String r : rows) {
            String cut = r.length() > width ? r.substring(0, width - 1) + "…" : r;
            sb.append("| ").append(cut).append(" ".repeat(width - cut.length())).append(" |\n");
        }
        return sb.append("+").append("-".repeat(width + 2)).append("+").toString();
    }
}
