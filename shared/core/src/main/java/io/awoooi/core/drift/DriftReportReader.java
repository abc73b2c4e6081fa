package io.awoooi.core.drift;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.AiTraces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operators' view of a drift report ({@code GET /v1/drift/reports/latest|{id}}): the report in
 * redacted words (never a raw value: env values are digests, the rest goes through the Privacy
 * Shield), the narrative as the narrator's operation row recorded it, and the audit rows (the
 * report's operation log and its AI traces, without the prompt and the full answer: their sizes and
 * the answer's head).
 */
public final class DriftReportReader {
    private final DriftReports reports;
    private final OperationLog operations;
    private final AiTraces traces;
    private final DriftRedaction redaction;

    public DriftReportReader(DriftReports reports, OperationLog operations, AiTraces traces, DriftRedaction redaction) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.traces = Objects.requireNonNull(traces, "traces");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    public Optional<Map<String, Object>> latest() {
        return reports.latest().map(this::view);
    }

    public Optional<Map<String, Object>> find(String id) {
        return reports.find(id).map(this::view);
    }

    Map<String, Object> view(DriftReport r) {
        DriftRedaction.Words words = redaction.words(r);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("scannedAt", r.scannedAt().toString());
        out.put("itemsScanned", r.itemsScanned());
        out.put("namespacesScanned", r.namespacesScanned().size());
        out.put("notScanned", words.notScanned());
        out.put("problems", words.problems());
        Map<String, Integer> counts = new LinkedHashMap<>();
        r.countsBySeverity().forEach((s, c) -> counts.put(s.name().toLowerCase(java.util.Locale.ROOT), c));
        counts.put("workloads", r.workloads().size());
        counts.put("items", r.itemCount());
        out.put("counts", counts);
        out.put("notifiedItems", r.newFingerprints().size());
        List<Map<String, Object>> workloads = new ArrayList<>();
        int at = 0;
        for (WorkloadDrift w : r.workloads()) {
            List<DriftRedaction.Line> lines = words.lines().subList(at, at + w.items().size());
            at += w.items().size();
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("workload", lines.isEmpty() ? w.ref().kind() : lines.getFirst().workload());
            wm.put("source", w.source().wire());
            wm.put("resourceVersion", w.resourceVersion());
            wm.put("highest", w.highest().name());
            List<Map<String, Object>> items = new ArrayList<>();
            for (DriftRedaction.Line l : lines) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("category", l.category());
                im.put("severity", l.severity());
                im.put("field", l.field());
                im.put("line", l.text());
                im.put("restorable", l.restorable());
                im.put("fingerprint", l.fingerprint());
                items.add(im);
            }
            wm.put("items", items);
            workloads.add(wm);
        }
        out.put("workloads", workloads);
        List<Operation> trail = operations.trail(r.id());
        out.put("narrative", trail.stream().filter(o -> o.type().equals(DriftNarration.OPERATION)).findFirst()
                .map(o -> {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("summary", o.output().get("narrative"));
                    n.put("items", o.output().get("items"));
                    n.put("opId", o.opId());
                    return n;
                }).orElse(null));
        List<Map<String, Object>> ops = new ArrayList<>();
        for (Operation o : trail) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("opId", o.opId());
            om.put("operation_type", o.type());
            om.put("actor", o.actor());
            om.put("input", o.input());
            om.put("output", o.output());
            om.put("duration_ms", o.durationMs());
            om.put("parent_op_id", o.parentOpId().orElse(null));
            om.put("tags", o.tags());
            om.put("at", o.at().toString());
            ops.add(om);
        }
        List<Map<String, Object>> ai = new ArrayList<>();
        for (AiTrace t : traces.of(r.id())) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("agent", t.agent());
            tm.put("model", t.model());
            tm.put("attempt", t.attempt());
            tm.put("accepted", t.accepted());
            tm.put("outcome", t.outcome());
            // the human feedback loop: accepted_change (Accept) or rolled_back (a Rollback executed)
            tm.put("actionOutcome", t.actionOutcome().isEmpty() ? null : t.actionOutcome());
            tm.put("durationMs", t.durationMs());
            tm.put("promptChars", t.prompt() == null ? 0 : t.prompt().length());
            tm.put("responseHead", t.responseHead());
            tm.put("at", t.at() == null ? null : t.at().toString());
            ai.add(tm);
        }
        out.put("audit", Map.of("operations", ops, "aiTraces", ai));
        return out;
    }
}
