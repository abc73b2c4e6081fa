package io.awoooi.core.analysis;

import io.awoooi.core.action.ActionProposal;
import io.awoooi.core.diagnosis.Diagnosis;
import io.awoooi.core.shield.NameLabels;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;

/**
 * An analysis as people and models may see it when Kubernetes names are labelled: every service,
 * namespace, workload, pod, node and claim name in its findings, diagnosis, proposal and narrative
 * replaced by the incident's label ({@link NameLabels#mask}). The identity for plain names.
 */
public final class MaskedAnalysis {
    private MaskedAnalysis() {
    }

    public static Analysis of(Analysis a, NameLabels names) {
        if (!names.labelling()) {
            return a;
        }
        return new Analysis(a.incidentId(), a.notificationKey(), findings(a.findings(), names), names.mask(a.summary()),
                names.mask(a.hypotheses()), a.narrator(), a.proposedAction().map(names::mask), a.proposalSource(),
                a.topologyStale(), a.analyzedAt(), a.firingElsewhereComplete(),
                a.diagnosis().map(d -> diagnosis(d, names)));
    }

    static GraphFindings findings(GraphFindings f, NameLabels names) {
        return new GraphFindings(
                f.targets().stream().map(id -> service(id, names)).toList(),
                f.rootCauses().stream().map(rc -> new RootCause(service(rc.service(), names), rc.kind(), rc.depth(),
                        names.mask(rc.evidence()))).toList(),
                f.blastRadius().stream().map(i -> new Impact(service(i.service(), names), i.depth())).toList());
    }

    static Diagnosis diagnosis(Diagnosis d, NameLabels names) {
        return new Diagnosis(d.kind(), d.subject().map(id -> service(id, names)), names.mask(d.summary()),
                names.mask(d.evidence()),
                d.proposal().map(p -> new ActionProposal(names.mask(p.action()), p.rule())),
                d.alternatives().stream().map(names::mask).toList(), d.unambiguous(),
                d.humanStep().map(names::mask));
    }

    static ServiceId service(ServiceId id, NameLabels names) {
        return new ServiceId(names.maskName(id.namespace()), names.maskName(id.name()));
    }
}
