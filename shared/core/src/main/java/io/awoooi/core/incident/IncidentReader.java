package io.awoooi.core.incident;

import io.awoooi.core.alert.AlertKey;
import io.awoooi.core.analysis.AnalysisStore;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: the operators' read view of incidents. Documents are plain maps in a fixed field order
 * so that any JSON writer renders them the same; later issues add the redacted alert, analysis,
 * approval, execution and audit trail to the same document.
 */
public final class IncidentReader {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final IncidentStore store;
    private final RedactedAlertStore redactedAlerts;
    private final AnalysisStore analyses;
    private final OperationLog operations;
    private final List<IncidentSection> sections;
    private final IncidentFailureStore failures;

    public IncidentReader(IncidentStore store, RedactedAlertStore redactedAlerts, AnalysisStore analyses,
            OperationLog operations) {
        this(store, redactedAlerts, analyses, operations, List.of());
    }

    /** @param sections later stages' parts of the document, added in this order after the analysis */
    public IncidentReader(IncidentStore store, RedactedAlertStore redactedAlerts, AnalysisStore analyses,
            OperationLog operations, List<IncidentSection> sections) {
        this(store, redactedAlerts, analyses, operations, sections, null);
    }

    /**
     * @param sections later stages' parts of the document, added in this order after the analysis
     * @param failures the incidents' permanent processing failures, shown as {@code failure} in the
     *                 document and the list (null: none shown)
     */
    public IncidentReader(IncidentStore store, RedactedAlertStore redactedAlerts, AnalysisStore analyses,
            OperationLog operations, List<IncidentSection> sections, IncidentFailureStore failures) {
        this.store = store;
        this.redactedAlerts = redactedAlerts;
        this.analyses = analyses;
        this.operations = operations;
        this.sections = List.copyOf(sections);
        this.failures = failures;
    }

    public Optional<Map<String, Object>> incident(String id) {
        if (!IncidentIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return store.find(id).map(incident -> {
            Map<String, Object> doc = document(incident, redactedAlerts.alerts(id),
                    failures == null ? Optional.empty() : failures.find(id));
            analyses.latestDocument(id).ifPresent(analysis -> doc.put("analysis", analysis));
            for (IncidentSection section : sections) {
                section.of(id).ifPresent(value -> doc.put(section.field(), value));
            }
            var trail = operations.trail(id);
            // the audit chain, oldest first: alert_received -> redacted -> analyzed -> approval_requested
            // -> signed (each) -> approved -> executed | voided | failed -> verified; processing_failed
            // where a stage parked a message it could never process
            doc.put("timeline", trail.stream().map(op -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("opId", op.opId());
                op.parentOpId().ifPresent(p -> entry.put("parentOpId", p));
                entry.put("type", op.type());
                entry.put("actor", op.actor());
                entry.put("at", op.at().toString());
                return entry;
            }).toList());
            doc.put("operations", trail.stream().map(op -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("opId", op.opId());
                entry.put("type", op.type());
                entry.put("actor", op.actor());
                op.parentOpId().ifPresent(p -> entry.put("parentOpId", p));
                entry.put("at", op.at().toString());
                entry.put("durationMs", op.durationMs());
                entry.put("output", op.output());
                return entry;
            }).toList());
            return doc;
        });
    }

    /** @throws IllegalArgumentException when limit is outside 1..{@value #MAX_LIMIT} */
    public Map<String, Object> newest(int limit, Optional<String> pageToken) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        IncidentStore.IncidentPage page = store.listNewest(limit, pageToken);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, IncidentFailure> failed = failures == null || page.incidents().isEmpty() ? Map.of()
                : failures.findAll(page.incidents().stream().map(Incident::id).toList());
        out.put("incidents", page.incidents().stream()
                .map(i -> document(i, List.of(), Optional.ofNullable(failed.get(i.id())))).toList());
        page.nextPageToken().ifPresent(t -> out.put("nextToken", t));
        return out;
    }

    /**
     * The incident with, per alert, its pseudonymized labels and annotations once the Privacy
     * Shield has run (the list view leaves them out to stay one query), and its {@code failure} when
     * a stage parked one of its messages for good.
     */
    static Map<String, Object> document(Incident incident, List<RedactedAlert> redacted,
            Optional<IncidentFailure> failure) {
        Map<AlertKey, RedactedAlert> byKey = new HashMap<>();
        redacted.forEach(r -> byKey.put(r.key(), r));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", incident.id());
        doc.put("status", incident.status().name());
        doc.put("createdAt", incident.createdAt().toString());
        doc.put("updatedAt", incident.updatedAt().toString());
        incident.resolvedAt().ifPresent(t -> doc.put("resolvedAt", t.toString()));
        doc.put("groupKeyHash", incident.groupKeyHash());
        failure.ifPresent(f -> doc.put("failure", failure(f)));
        List<Map<String, Object>> alerts = incident.alerts().stream().map(a -> {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("alertname", a.alertname());
            alert.put("severity", a.severity());
            alert.put("fingerprint", a.fingerprint());
            alert.put("startsAt", a.startsAt().toString());
            alert.put("status", a.status().name());
            a.endsAt().ifPresent(t -> alert.put("endsAt", t.toString()));
            RedactedAlert r = byKey.get(a.key());
            if (r != null) {
                alert.put("labels", r.labels());
                alert.put("annotations", r.annotations());
                if (!r.generatorURL().isEmpty()) {
                    alert.put("generatorURL", r.generatorURL());
                }
            }
            return alert;
        }).toList();
        doc.put("alerts", alerts);
        return doc;
    }

    /** {stage, reason, at, messages, latest?}: the first failure, and the latest when there were more. */
    static Map<String, Object> failure(IncidentFailure f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stage", f.stage());
        out.put("reason", f.reason());
        out.put("at", f.at().toString());
        out.put("messages", f.messages());
        if (f.messages() > 1) {
            Map<String, Object> latest = new LinkedHashMap<>();
            latest.put("stage", f.latest().stage());
            latest.put("reason", f.latest().reason());
            latest.put("at", f.latest().at().toString());
            out.put("latest", latest);
        }
        return out;
    }
}
