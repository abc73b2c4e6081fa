package io.awoooi.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.narrative.NarrationRequest;
import io.awoooi.core.narrative.Narrative;
import io.awoooi.core.narrative.Narrator;
import io.awoooi.core.narrative.ResilientNarrator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The drift narrator: the existing {@link Narrator} port (Ollama, Bedrock or deterministic) writes
 * the summary of a drift report from its redacted lines ({@link DriftRedaction}), behind a
 * {@link ResilientNarrator} (timeout, one retry, the deterministic summary when the model is down,
 * slow or answers garbage). Every attempt writes an AI trace (agent {@value #AGENT}, the report id
 * in the incident slot); every narration, model or fallback, writes one operation-log row
 * {@code notification_formatted}. Neither a failing trace sink nor a failing operation log breaks
 * the narration: {@link #narrate} never throws for them.
 */
public final class DriftNarration {
    public static final String AGENT = "drift_narrator";
    public static final String OPERATION = "notification_formatted";
    public static final List<String> TAGS = List.of("drift", "llm_summary");
    /** Lines of the report given to the model as findings (the rest is counted, not listed). */
    static final int MAX_PROMPT_LINES = 40;

    private final Narrator primary;
    private final AiTraceSink traces;
    private final OperationLog operations;
    private final DriftRedaction redaction;
    private final Duration timeout;
    private final Clock clock;

    public DriftNarration(Narrator primary, AiTraceSink traces, OperationLog operations, DriftRedaction redaction,
            Duration timeout, Clock clock) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.traces = traces == null ? AiTraceSink.NONE : traces;
        this.operations = Objects.requireNonNull(operations, "operations");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DriftNarrative narrate(DriftReport report) {
        long start = System.nanoTime();
        DriftRedaction.Words words = redaction.words(report);
        List<DriftRedaction.Line> lines = words.lines();
        String deterministic = deterministicSummary(report, words);
        Narrator fallback = new FixedNarrator(deterministic);
        boolean model = !"deterministic".equals(primary.name());
        ResilientNarrator narrator = ResilientNarrator.builder(model ? primary : fallback)
                .fallback(fallback).traceSink(traces).timeout(timeout).agent(AGENT).clock(clock).build();
        Narrative n = narrator.narrate(request(report, words));
        boolean usedFallback = model && !n.narrator().equals(primary.name());
        String summary = n.summary();
        String opId = Operation.idFor(report.id(), OPERATION);
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        boolean logged = OperationLog.appendQuietly(operations, new Operation(opId, report.id(), OPERATION, AGENT,
                input(report, words), output(summary, lines), durationMs, parentOf(report.id()), clock.instant(),
                TAGS));
        return new DriftNarrative(report.id(), summary, lines, usedFallback ? "deterministic" : n.narrator(),
                usedFallback, logged ? opId : "", words.notScanned(), words.problems());
    }

    private static NarrationRequest request(DriftReport report, DriftRedaction.Words words) {
        List<DriftRedaction.Line> lines = words.lines();
        StringBuilder text = new StringBuilder("Configuration drift report ").append(report.id()).append(": ")
                .append(report.itemCount()).append(" drifted fields in ").append(report.workloads().size())
                .append(" of ").append(report.itemsScanned()).append(" workloads. Drift means the live object no")
                .append(" longer matches its desired state (an accepted baseline, the last-applied configuration,")
                .append(" or a declarative field manager). Summarise what changed and why it may matter; no action")
                .append(" is recommended (a human accepts or rolls back).");
        if (!words.notScanned().isEmpty()) {
            text.append(" Not scanned (the Kubernetes API failed): ").append(String.join("; ", words.notScanned()))
                    .append('.');
        }
        List<String> facts = new ArrayList<>();
        lines.stream().limit(MAX_PROMPT_LINES).forEach(l -> facts.add(l.text()));
        if (lines.size() > MAX_PROMPT_LINES) {
            facts.add("... and " + (lines.size() - MAX_PROMPT_LINES) + " more drifted fields");
        }
        return new NarrationRequest(report.id(), text.toString(), facts, "", List.of());
    }

    /** The summary when no model writes one: counts, the most severe workloads, what was not scanned (redacted words). */
    public static String deterministicSummary(DriftReport report, DriftRedaction.Words words) {
        String notScanned = words.notScanned().isEmpty() ? ""
                : "; not scanned: " + String.join(", ", words.notScanned().stream()
                        .map(l -> l.substring(0, Math.max(0, l.indexOf(": ")))).toList());
        if (report.workloads().isEmpty()) {
            return "No configuration drift in " + report.itemsScanned() + " workloads" + notScanned + ".";
        }
        Map<Severity, Integer> counts = report.countsBySeverity();
        List<String> parts = new ArrayList<>();
        for (Severity s : List.of(Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            if (counts.get(s) > 0) {
                parts.add(counts.get(s) + " " + s.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        // the workloads by their most severe item, each with its categories, in redacted words
        Map<String, Severity> highest = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> categories = new LinkedHashMap<>();
        for (DriftRedaction.Line l : words.lines()) {
            highest.merge(l.workload(), Severity.valueOf(l.severity()), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            categories.computeIfAbsent(l.workload(), k -> new java.util.LinkedHashSet<>()).add(l.category());
        }
        List<String> worst = highest.entrySet().stream()
                .sorted((a, b) -> b.getValue().compareTo(a.getValue()))
                .limit(3)
                .map(e -> e.getKey() + " (" + String.join(", ", categories.get(e.getKey())) + ")")
                .toList();
        return report.itemCount() + " drifted fields in " + report.workloads().size() + " of "
                + report.itemsScanned() + " workloads (" + String.join(", ", parts) + "): "
                + String.join("; ", worst) + (highest.size() > 3 ? "; ..." : "") + notScanned + ".";
    }

    private static Map<String, String> input(DriftReport report, DriftRedaction.Words words) {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("report_id", report.id());
        // the namespaces as the redacted lines name them (labels when Kubernetes names are labelled)
        TreeSet<String> namespaces = new TreeSet<>();
        words.lines().forEach(l -> namespaces.add(l.workload().split("/", 3)[1]));
        in.put("namespace", namespaces.isEmpty() ? "-" : String.join(",", namespaces));
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.countsBySeverity().forEach((s, c) -> counts.put(s.name().toLowerCase(java.util.Locale.ROOT), c));
        counts.put("workloads", report.workloads().size());
        counts.put("items", report.itemCount());
        in.put("counts", json(counts));
        in.put("items_scanned", Integer.toString(report.itemsScanned()));
        return in;
    }

    private static Map<String, String> output(String summary, List<DriftRedaction.Line> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("narrative", summary);
        out.put("items", json(lines.stream().map(DriftRedaction.Line::text).toList()));
        out.put("items_count", Integer.toString(lines.size()));
        return out;
    }

    /** The last operation already logged under the report id (an alert chain), else none. */
    private Optional<String> parentOf(String reportId) {
        try {
            List<Operation> trail = operations.trail(reportId);
            return trail.stream().filter(o -> !o.type().equals(OPERATION)).reduce((a, b) -> b).map(Operation::opId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String json(Object value) {
        try {
            return Canonical.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The deterministic drift narrator: the summary computed from the report. */
    private record FixedNarrator(String summary) implements Narrator {
        @Override
        public Narrative narrate(NarrationRequest request) {
            return new Narrative(summary, List.of(), Optional.empty(), 1.0, "deterministic");
        }

        @Override
        public String name() {
            return "deterministic";
        }
    }

    /** For the callers that need the time of the narration. */
    Instant now() {
        return clock.instant();
    }
}
