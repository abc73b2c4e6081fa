package io.awoooi.core.approval;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.shield.IncidentNames;
import io.awoooi.core.shield.NameLabels;
import java.util.Objects;

/**
 * A dry-run for an action whose Kubernetes names are labels ({@code [POD_1]}): the cluster is asked
 * about the real names the incident's labels stand for ({@link NameLabels#unmask}, in memory, from
 * the names the caller read from the cluster), and the checks' reasons come back with labels in
 * place of real names (labels handed out meanwhile are sealed before the report is returned). The
 * state fingerprint is the real state's: the executor re-runs the dry-run on the rehydrated action
 * and compares the two. An action with a label the names do not know is dry-run as it is.
 */
public final class LabelledDryRunner implements DryRunner {
    private final DryRunner cluster;
    private final IncidentNames names;
    private final NameLabels labelled;

    public LabelledDryRunner(DryRunner cluster, IncidentNames names, NameLabels labelled) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.names = Objects.requireNonNull(names, "names");
        this.labelled = Objects.requireNonNull(labelled, "labelled");
    }

    @Override
    public DryRunReport dryRun(ProposedAction action) {
        ProposedAction real = labelled.unmask(action);
        DryRunReport report = cluster.dryRun(real);
        DryRunReport masked = new DryRunReport(report.checks().stream()
                .map(c -> new DryRunCheck(c.name(), c.passed(), labelled.mask(c.reason()), c.overridable())).toList(),
                report.stateFingerprint());
        names.seal(labelled);
        return masked;
    }
}
