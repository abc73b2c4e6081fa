package io.awoooi.core.drift;

import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A scan, then, when it found drift that is new or due a reminder, the narration and one message to
 * the on-call operators (through the desk: the leak guard sees it first). A scan of an undrifted
 * cluster, or of drift already notified within the reminder interval, narrates nothing and notifies
 * no one. The audit writes of the narration never stop the message ({@link DriftNarration}).
 */
public final class NotifyDrift {
    public static final String KIND = "drift_report";
    /** Item lines in one message; the rest are counted (the report and the API have them all). */
    static final int MAX_LINES = 15;

    private final DriftScan scan;
    private final DriftNarration narration;
    private final java.util.function.Supplier<ApprovalDesk> desk;

    /** @param desk the desk of this run (its approver directory as it is now) */
    public NotifyDrift(DriftScan scan, DriftNarration narration, java.util.function.Supplier<ApprovalDesk> desk) {
        this.scan = Objects.requireNonNull(scan, "scan");
        this.narration = Objects.requireNonNull(narration, "narration");
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    /** What one run did. */
    public record Result(DriftReport report, Optional<DriftNarrative> narrative, int notified) {
    }

    public Result run() {
        DriftReport report = scan.run();
        if (!report.notifies()) {
            return new Result(report, Optional.empty(), 0);
        }
        DriftNarrative narrative = narration.narrate(report);
        ApprovalDesk d = desk.get();
        var operators = d.directory().withAnyRole(ApprovalDesk.OPERATORS);
        d.notifyAll(operators, notification(report, narrative));
        return new Result(report, Optional.of(narrative), operators.size());
    }

    /** The message: the summary, the drifted fields (redacted), what was not scanned or not applied. */
    public static Notification notification(DriftReport report, DriftNarrative narrative) {
        Map<Severity, Integer> counts = report.countsBySeverity();
        List<Card.Fact> facts = List.of(new Card.Fact("High", counts.get(Severity.HIGH).toString()),
                new Card.Fact("Medium", counts.get(Severity.MEDIUM).toString()),
                new Card.Fact("Low", counts.get(Severity.LOW).toString()),
                new Card.Fact("Workloads", report.workloads().size() + " of " + report.itemsScanned()));
        List<String> lines = new ArrayList<>();
        narrative.items().stream().limit(MAX_LINES).forEach(l -> lines.add(l.text()));
        if (narrative.items().size() > MAX_LINES) {
            lines.add("... and " + (narrative.items().size() - MAX_LINES) + " more (GET /v1/drift/reports/" + report.id() + ")");
        }
        List<Card.Section> sections = new ArrayList<>();
        sections.add(Card.Section.of("Summary", List.of(narrative.summary()
                + (narrative.fallback() ? " (the model did not answer usefully: deterministic summary)" : ""))));
        sections.add(Card.Section.of("Drifted fields", lines));
        if (!narrative.notScanned().isEmpty()) {
            sections.add(Card.Section.warning("Not scanned", narrative.notScanned()));
        }
        if (!narrative.problems().isEmpty()) {
            sections.add(Card.Section.warning("Baselines not applied", narrative.problems()));
        }
        Severity highest = report.workloads().stream().map(WorkloadDrift::highest).max(Enum::compareTo)
                .orElse(Severity.LOW);
        Card.Tone tone = switch (highest) {
            case HIGH -> Card.Tone.DANGER;
            case MEDIUM -> Card.Tone.WARNING;
            case LOW -> Card.Tone.INFO;
        };
        Card card = new Card(tone, "Configuration drift: " + report.itemCount() + " fields in "
                + report.workloads().size() + " workloads", facts, sections, List.of(), List.of(),
                "drift report " + report.id() + ", narrated by " + narrative.narrator(), report.scannedAt());
        return Notification.of(KIND, report.id(), "[AWOOOI] Drift: " + report.itemCount() + " fields in "
                + report.workloads().size() + " workloads (" + counts.get(Severity.HIGH) + " high)", card);
    }
}
