package io.awoooi.core.drift;

import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApproverNotices;
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

    /** Workloads with Accept and Rollback buttons in one message (the rest: the report and a later message). */
    static final int MAX_DECISIONS = 5;

    private final DriftScan scan;
    private final DriftNarration narration;
    private final java.util.function.Supplier<ApprovalDesk> desk;
    private final java.time.Duration linkTtl;

    /**
     * A message without Accept and Rollback links (a desk that issues none).
     *
     * @param desk the desk of this run (its approver directory as it is now)
     */
    public NotifyDrift(DriftScan scan, DriftNarration narration, java.util.function.Supplier<ApprovalDesk> desk) {
        this(scan, narration, desk, java.time.Duration.ZERO);
    }

    /**
     * @param linkTtl how long the Accept and Rollback links work (the reminder interval: by then a
     *     reminder brings fresh ones); zero: no links
     */
    public NotifyDrift(DriftScan scan, DriftNarration narration, java.util.function.Supplier<ApprovalDesk> desk,
            java.time.Duration linkTtl) {
        this.scan = Objects.requireNonNull(scan, "scan");
        this.narration = Objects.requireNonNull(narration, "narration");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.linkTtl = Objects.requireNonNull(linkTtl, "linkTtl");
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
        var operators = d.directory().withAnyRole(ApproverNotices.OPERATORS);
        boolean links = !linkTtl.isZero() && d.signer().hasKey() && d.publicBaseUrl().isPresent();
        if (!links) {
            d.notifyAll(operators, notification(report, narrative));
        } else {
            java.time.Instant expires = d.clock().instant().plus(linkTtl);
            for (var operator : operators) {
                d.notifyAll(List.of(operator), notification(report, narrative, decisions(d, report, narrative,
                        operator.id(), expires)));
            }
        }
        return new Result(report, Optional.of(narrative), operators.size());
    }

    /** Accept and Rollback, signed for this operator, for each workload with new drift (most severe first). */
    static List<Card.Button> decisions(ApprovalDesk d, DriftReport report, DriftNarrative narrative, String approverId,
            java.time.Instant expires) {
        String base = d.publicBaseUrl().orElseThrow().toString();
        java.util.Set<String> fresh = new java.util.HashSet<>(report.newFingerprints());
        List<Card.Button> out = new ArrayList<>();
        int workloads = 0;
        for (WorkloadDrift w : report.workloads()) {
            if (w.items().stream().noneMatch(i -> fresh.contains(i.fingerprint(w.ref())))
                    || workloads >= MAX_DECISIONS) {
                continue;
            }
            workloads++;
            String name = narrative.items().stream()
                    .filter(l -> w.items().stream().anyMatch(i -> i.fingerprint(w.ref()).equals(l.fingerprint())))
                    .map(DriftRedaction.Line::workload).findFirst().orElse(w.ref().kind());
            out.add(new Card.Button("Accept " + name,
                    DriftLinks.link(d.signer(), base, DriftChoice.ACCEPT, report.id(), w,
                            approverId, expires),
                    Card.Style.PRIMARY));
            if (RollbackDrift.actionFor(w).isPresent()) {
                out.add(new Card.Button("Rollback " + name, DriftLinks.link(d.signer(), base, DriftChoice.ROLLBACK,
                        report.id(), w, approverId, expires), Card.Style.DANGER));
            }
        }
        return out;
    }

    /** The message without buttons. */
    public static Notification notification(DriftReport report, DriftNarrative narrative) {
        return notification(report, narrative, List.of());
    }

    /**
     * The message: the summary, the drift that is new in this scan (or due a reminder; redacted),
     * how much else still drifts, what was not scanned or not applied, and the buttons.
     */
    public static Notification notification(DriftReport report, DriftNarrative narrative, List<Card.Button> buttons) {
        Map<Severity, Integer> counts = report.countsBySeverity();
        java.util.Set<String> fresh = new java.util.HashSet<>(report.newFingerprints());
        List<DriftRedaction.Line> news = narrative.items().stream().filter(l -> fresh.contains(l.fingerprint()))
                .toList();
        List<Card.Fact> facts = List.of(new Card.Fact("New", Integer.toString(news.size())),
                new Card.Fact("High", counts.get(Severity.HIGH).toString()),
                new Card.Fact("Medium", counts.get(Severity.MEDIUM).toString()),
                new Card.Fact("Low", counts.get(Severity.LOW).toString()),
                new Card.Fact("Workloads", report.workloads().size() + " of " + report.itemsScanned()));
        List<String> lines = new ArrayList<>();
        news.stream().limit(MAX_LINES).forEach(l -> lines.add(l.text()));
        if (news.size() > MAX_LINES) {
            lines.add("... and " + (news.size() - MAX_LINES) + " more (GET /v1/drift/reports/" + report.id() + ")");
        }
        int known = report.itemCount() - news.size();
        if (known > 0) {
            lines.add(known + " more drifted " + (known == 1 ? "field was" : "fields were")
                    + " notified before and still drift (GET /v1/drift/reports/" + report.id() + ")");
        }
        List<Card.Section> sections = new ArrayList<>();
        sections.add(Card.Section.of("Summary", List.of(narrative.summary()
                + (narrative.fallback() ? " (the model did not answer usefully: deterministic summary)" : ""))));
        sections.add(Card.Section.of("New drift", lines));
        if (!buttons.isEmpty()) {
            sections.add(Card.Section.of("Your choice", List.of("Accept keeps the workload as it is now (its new"
                    + " baseline); Rollback asks for approval to put its image, replicas, resources and env vars back."
                    + " The first choice on a workload counts.")));
        }
        if (!narrative.notScanned().isEmpty()) {
            sections.add(Card.Section.warning("Not scanned", narrative.notScanned()));
        }
        if (!narrative.problems().isEmpty()) {
            sections.add(Card.Section.warning("Baselines not applied", narrative.problems()));
        }
        Severity highest = report.workloads().stream()
                .flatMap(w -> w.items().stream().filter(i -> fresh.contains(i.fingerprint(w.ref()))))
                .map(DriftItem::severity).max(Enum::compareTo).orElse(Severity.LOW);
        Card.Tone tone = switch (highest) {
            case HIGH -> Card.Tone.DANGER;
            case MEDIUM -> Card.Tone.WARNING;
            case LOW -> Card.Tone.INFO;
        };
        long newWorkloads = news.stream().map(DriftRedaction.Line::workload).distinct().count();
        Card card = new Card(tone, "Configuration drift: " + news.size() + " new fields in " + newWorkloads
                + " workloads", facts, sections, buttons, List.of(),
                "drift report " + report.id() + ", narrated by " + narrative.narrator(), report.scannedAt());
        return Notification.of(KIND, report.id(), "[AWOOOI] Drift: " + news.size() + " new fields in " + newWorkloads
                + " workloads (" + report.itemCount() + " drifting in all, " + counts.get(Severity.HIGH) + " high)",
                card);
    }
}
