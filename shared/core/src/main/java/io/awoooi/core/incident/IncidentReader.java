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
 * so that any JSON writer renders them the same: the incident with its redacted alerts, analysis,
 * approval, execution and audit trail.
 *
 * <p>Both the document and each item of the list say, beside the incident's own fields, its
 * {@code severity} (the worst of its alerts), its {@code age} ({@code 12 min}, and {@code ageSeconds}),
 * and an {@code updatedAt} that is the latest change of any part (the alerts, the analysis, the
 * approval, the execution and, in the document, the timeline). A list item also carries the
 * analysis's {@code diagnosis} {kind, inWords}, {@code rootCause} and {@code proposedAction} {id,
 * inWords, baseRisk}, and each section's short form ({@code approval} {status, risk, baseRisk, ...},
 * {@code execution} {status, outcome}), read in batches. The analysis's {@code proposedAction} has the
 * catalog's {@code baseRisk}; the assessed risk (what the quorum follows) is {@code approval.risk}.
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
    private final java.time.Clock clock;

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
        this(store, redactedAlerts, analyses, operations, sections, failures, java.time.Clock.systemUTC());
    }

    /** @param clock what {@code age} is measured against */
    public IncidentReader(IncidentStore store, RedactedAlertStore redactedAlerts, AnalysisStore analyses,
            OperationLog operations, List<IncidentSection> sections, IncidentFailureStore failures,
            java.time.Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
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
            summary(doc, incident);
            List<String> changes = new java.util.ArrayList<>();
            analyses.latestDocument(id).ifPresent(analysis -> {
                doc.put("analysis", withBaseRisk(analysis));
                changes.add(String.valueOf(analysis.get("analyzedAt")));
            });
            for (IncidentSection section : sections) {
                section.of(id).ifPresent(value -> {
                    doc.put(section.field(), value);
                    changes.addAll(times(value));
                });
            }
            var trail = operations.trail(id);
            trail.forEach(op -> changes.add(op.at().toString()));
            doc.put("updatedAt", latest(incident.updatedAt(), changes).toString());
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
        return newest(limit, pageToken, IncidentFilter.none());
    }

    /**
     * A page of the list, newest first, with what an operator scans for in each item (see the class
     * comment); the parts come from a few batch reads, not one read per incident.
     *
     * @throws IllegalArgumentException when limit is outside 1..{@value #MAX_LIMIT}
     */
    public Map<String, Object> newest(int limit, Optional<String> pageToken, IncidentFilter filter) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        IncidentStore.IncidentPage page = store.listNewest(limit, pageToken, filter);
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> ids = page.incidents().stream().map(Incident::id).toList();
        Map<String, IncidentFailure> failed = failures == null || ids.isEmpty() ? Map.of() : failures.findAll(ids);
        Map<String, Map<String, Object>> analysed = ids.isEmpty() ? Map.of() : analyses.latestDocuments(ids);
        Map<String, Map<String, Object>> parts = new LinkedHashMap<>();
        for (IncidentSection section : sections) {
            Map<String, Object> listed = ids.isEmpty() ? Map.of() : section.listed(ids);
            listed.forEach((id, value) -> parts.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(section.field(), value));
        }
        out.put("incidents", page.incidents().stream().map(i -> {
            Map<String, Object> doc = document(i, List.of(), Optional.ofNullable(failed.get(i.id())));
            summary(doc, i);
            List<String> changes = new java.util.ArrayList<>();
            Map<String, Object> analysis = analysed.get(i.id());
            if (analysis != null) {
                analysisSummary(doc, withBaseRisk(analysis));
                changes.add(String.valueOf(analysis.get("analyzedAt")));
            }
            parts.getOrDefault(i.id(), Map.of()).forEach((field, value) -> {
                doc.put(field, value);
                changes.addAll(times(value));
            });
            doc.put("updatedAt", latest(i.updatedAt(), changes).toString());
            Object alerts = doc.remove("alerts"); // the alerts last: the summary reads first
            doc.put("alerts", alerts);
            return doc;
        }).toList());
        page.nextPageToken().ifPresent(t -> out.put("nextToken", t));
        return out;
    }

    /** {@code severity}, {@code age} and {@code ageSeconds}, after {@code updatedAt}. */
    private void summary(Map<String, Object> doc, Incident incident) {
        java.time.Duration age = java.time.Duration.between(incident.createdAt(), clock.instant());
        worstSeverity(incident).ifPresent(s -> doc.put("severity", s));
        doc.put("age", io.awoooi.core.HumanTime.duration(age));
        doc.put("ageSeconds", Math.max(0, age.toSeconds()));
    }

    /** The worst severity among the incident's alerts (firing ones first), as written. */
    static Optional<String> worstSeverity(Incident incident) {
        List<IncidentAlert> firing = incident.alerts().stream().filter(IncidentAlert::firing).toList();
        return (firing.isEmpty() ? incident.alerts() : firing).stream().map(IncidentAlert::severity)
                .filter(s -> !s.isBlank())
                .min(java.util.Comparator.comparingInt(io.awoooi.core.approval.AlertFacts::rank));
    }

    /** The analysis's diagnosis kind, best root cause and proposed action, for a list item. */
    @SuppressWarnings("unchecked")
    private static void analysisSummary(Map<String, Object> doc, Map<String, Object> analysis) {
        if (analysis.get("diagnosis") instanceof Map<?, ?> d) {
            Map<String, Object> diagnosis = new LinkedHashMap<>();
            diagnosis.put("kind", d.get("kind"));
            diagnosis.put("inWords", d.get("inWords"));
            doc.put("diagnosis", diagnosis);
        }
        if (analysis.get("rootCauses") instanceof List<?> causes && !causes.isEmpty()
                && causes.get(0) instanceof Map<?, ?> best) {
            doc.put("rootCause", best.get("service"));
        }
        if (analysis.get("proposedAction") instanceof Map<?, ?> p) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("id", p.get("id"));
            if (p.get("inWords") != null) {
                action.put("inWords", p.get("inWords"));
            }
            action.put("baseRisk", p.get("baseRisk"));
            doc.put("proposedAction", action);
        }
    }

    /**
     * The analysis with its proposed action's catalog risk named {@code baseRisk}: analyses stored
     * before the rename called it {@code risk}, which read as if it contradicted the approval's.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withBaseRisk(Map<String, Object> analysis) {
        if (!(analysis.get("proposedAction") instanceof Map<?, ?> p) || !p.containsKey("risk")) {
            return analysis;
        }
        Map<String, Object> action = new LinkedHashMap<>();
        ((Map<String, Object>) p).forEach((k, v) -> action.put(k.equals("risk") ? "baseRisk" : k, v));
        Map<String, Object> copy = new LinkedHashMap<>(analysis);
        copy.put("proposedAction", action);
        return copy;
    }

    /** The {@code updatedAt}, {@code at} and {@code verifiedAt} of a section's value. */
    private static List<String> times(Object value) {
        List<String> out = new java.util.ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            for (String key : List.of("updatedAt", "at", "verifiedAt")) {
                if (m.get(key) instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The latest of the incident's own time and its parts' (unreadable times are skipped). */
    private static java.time.Instant latest(java.time.Instant own, List<String> times) {
        java.time.Instant out = own;
        for (String t : times) {
            try {
                java.time.Instant at = java.time.Instant.parse(t);
                if (at.isAfter(out)) {
                    out = at;
                }
            } catch (RuntimeException e) {
                // a part without a readable time does not move the incident's
            }
        }
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
