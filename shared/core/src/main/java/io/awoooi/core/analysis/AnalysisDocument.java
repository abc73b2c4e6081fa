package io.awoooi.core.analysis;

import io.awoooi.core.action.ActionWords;
import io.awoooi.core.incident.view.AnalysisView;
import io.awoooi.core.topology.ServiceId;
import java.util.Map;

/**
 * The analysis as the incident API shows it under {@code analysis} and as it is stored beside the
 * incident: the {@link AnalysisView} of it, whose {@code document()} is the JSON (targets, rootCauses
 * best first, blastRadius, narrative, narrator, diagnosis, proposedAction with the catalog's
 * {@code baseRisk}; the assessed risk, after raises, is the approval's {@code risk}).
 */
public final class AnalysisDocument {
    private AnalysisDocument() {
    }

    /** The stored and served form: {@code view(a).document()}. */
    public static Map<String, Object> of(Analysis a) {
        return view(a).document();
    }

    public static AnalysisView view(Analysis a) {
        return new AnalysisView(a.findings().targets().stream().map(ServiceId::toString).toList(),
                a.findings().rootCauses().stream().map(rc -> new AnalysisView.RootCause(rc.service().toString(),
                        rc.kind().name(), rc.depth(), rc.evidence())).toList(),
                a.findings().blastRadius().stream().map(i -> new AnalysisView.Impact(i.service().toString(), i.depth()))
                        .toList(),
                a.summary(), a.hypotheses(), a.narrator(), a.diagnosis().map(AnalysisDocument::diagnosis),
                a.proposedAction().map(p -> new AnalysisView.ProposedAction(p.type().id(), p.params(),
                        java.util.Optional.of(ActionWords.sentence(p)), p.baseRisk().name(), a.proposalSource(),
                        a.diagnosis().flatMap(d -> d.proposal()).filter(dp -> dp.action().equals(p))
                                .map(dp -> dp.rule().name()),
                        a.humanRequired())),
                a.topologyStale(), a.notificationKey(), a.analyzedAt());
    }

    private static AnalysisView.Diagnosis diagnosis(io.awoooi.core.diagnosis.Diagnosis d) {
        return new AnalysisView.Diagnosis(d.kind().name(), d.kind().words(), d.subject().map(ServiceId::toString),
                d.summary(), d.evidence(), d.proposal().map(p -> p.rule().name()),
                d.proposal().map(p -> p.rule().description()), d.humanStep(), d.unambiguous());
    }
}
