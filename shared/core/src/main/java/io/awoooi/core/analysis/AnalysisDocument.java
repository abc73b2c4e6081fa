package io.awoooi.core.analysis;

import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis as the incident API shows it under {@code analysis}: targets, rootCauses (best first),
 * blastRadius, narrative, narrator, diagnosis {kind, inWords, subject, summary, evidence, rule,
 * ruleInWords, humanStep, unambiguous}, proposedAction {id, params, inWords, baseRisk, source, rule,
 * humanRequired}. Plain maps in a fixed order, stored as JSON beside the incident. {@code baseRisk} is the
 * catalog's risk of the action; the assessed one (after raises, what the quorum follows) is the
 * approval's {@code risk}.
 */
public final class AnalysisDocument {
    private AnalysisDocument() {
    }

    public static Map<String, Object> of(Analysis a) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("targets", a.findings().targets().stream().map(ServiceId::toString).toList());
        doc.put("rootCauses", a.findings().rootCauses().stream().map(AnalysisDocument::rootCause).toList());
        doc.put("blastRadius", a.findings().blastRadius().stream().map(AnalysisDocument::impact).toList());
        doc.put("narrative", a.summary());
        doc.put("hypotheses", a.hypotheses());
        doc.put("narrator", a.narrator());
        a.diagnosis().ifPresent(d -> doc.put("diagnosis", diagnosis(d)));
        a.proposedAction().ifPresent(p -> {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("id", p.type().id());
            action.put("params", new LinkedHashMap<>(p.params()));
            action.put("inWords", io.awoooi.core.action.ActionWords.sentence(p));
            action.put("baseRisk", p.baseRisk().name());
            action.put("source", a.proposalSource());
            a.diagnosis().flatMap(d -> d.proposal()).filter(dp -> dp.action().equals(p))
                    .ifPresent(dp -> action.put("rule", dp.rule().name()));
            a.humanRequired().ifPresent(why -> action.put("humanRequired", why));
            doc.put("proposedAction", action);
        });
        doc.put("topologyStale", a.topologyStale());
        doc.put("notificationKey", a.notificationKey());
        doc.put("analyzedAt", a.analyzedAt().toString());
        return doc;
    }

    private static Map<String, Object> diagnosis(io.awoooi.core.diagnosis.Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.kind().name());
        m.put("inWords", d.kind().words());
        d.subject().ifPresent(s -> m.put("subject", s.toString()));
        m.put("summary", d.summary());
        m.put("evidence", d.evidence());
        d.proposal().ifPresent(p -> {
            m.put("rule", p.rule().name());
            m.put("ruleInWords", p.rule().description());
        });
        d.humanStep().ifPresent(h -> m.put("humanStep", h));
        m.put("unambiguous", d.unambiguous());
        return m;
    }

    private static Map<String, Object> rootCause(RootCause rc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", rc.service().toString());
        m.put("kind", rc.kind().name());
        m.put("depth", rc.depth());
        m.put("evidence", List.copyOf(rc.evidence()));
        return m;
    }

    private static Map<String, Object> impact(Impact impact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", impact.service().toString());
        m.put("depth", impact.depth());
        return m;
    }
}
