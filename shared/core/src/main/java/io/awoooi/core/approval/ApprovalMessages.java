package io.awoooi.core.approval;

import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.topology.RootCause;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of approval notifications. Everything in them comes from the request and the analysis,
 * both built from pseudonymized input: labels such as {@code [IP_1]}, Kubernetes names, ids.
 */
public final class ApprovalMessages {
    private ApprovalMessages() {
    }

    public static Notification requested(ApprovalRequest r, Analysis analysis, String link) {
        StringBuilder text = new StringBuilder();
        text.append("Incident ").append(r.incidentId()).append(" needs a decision.\n");
        analysis.diagnosis().ifPresent(d -> {
            text.append("Diagnosis: ").append(d.summary()).append('\n');
            d.proposal().filter(p -> p.action().equals(r.action()))
                    .ifPresent(p -> text.append("Why this action: ").append(p.rule().description()).append('\n'));
        });
        if ("llm".equals(analysis.proposalSource())) {
            text.append("Chosen by the model among the fixes the evidence supports.\n");
        }
        text.append("Proposed action: ").append(r.action()).append('\n');
        text.append("Risk: ").append(r.risk().level()).append(" (").append(String.join("; ", r.risk().reasons())).append(")\n");
        text.append("Needs: ").append(needs(r.quorum())).append('\n');
        text.append("Summary: ").append(analysis.summary()).append('\n');
        if (!analysis.findings().rootCauses().isEmpty()) {
            text.append("Root causes: ").append(analysis.findings().rootCauses().stream().limit(3)
                    .map(ApprovalMessages::cause).collect(Collectors.joining(", "))).append('\n');
        }
        text.append("Blast radius: ").append(analysis.findings().blastRadius().size()).append(" service(s)\n");
        text.append("Dry-run: ").append(r.dryRun().passed() ? "all checks passed" : r.dryRun().failures().size()
                + " check(s) failed").append('\n');
        text.append("Link expires at ").append(r.expiresAt()).append(" and works once.");
        return new Notification("approval_requested", r.incidentId(),
                "[AWOOOI] " + r.risk().level() + " action needs your approval: " + r.action().type().id(),
                text.toString(), List.of(new Link("Review and decide", link)));
    }

    public static Notification autoApproved(ApprovalRequest r, String why) {
        return new Notification("auto_execution", r.incidentId(),
                "[AWOOOI] FYI: running " + r.action().type().id() + " without approval",
                "Incident " + r.incidentId() + ": " + r.action() + " goes to the executor without signatures ("
                        + why + "). Risk " + r.risk().level() + ".",
                List.of());
    }

    public static Notification decided(ApprovalRequest r, String approverId, ApprovalStatus status) {
        return new Notification(status == ApprovalStatus.APPROVED ? "approved" : "rejected", r.incidentId(),
                "[AWOOOI] " + r.action().type().id() + " " + status.name().toLowerCase(java.util.Locale.ROOT)
                        + " (incident " + r.incidentId() + ")",
                r.action() + " was " + status.name().toLowerCase(java.util.Locale.ROOT) + "; last decision by "
                        + approverId + "." + (status == ApprovalStatus.APPROVED ? " It goes to the executor now." : ""),
                List.of());
    }

    public static Notification cancelled(ApprovalRequest r, String why) {
        return new Notification("cancelled", r.incidentId(),
                "[AWOOOI] No decision needed any more: " + r.action().type().id() + " (incident " + r.incidentId() + ")",
                "The request for " + r.action() + " was cancelled: " + why + ". Links sent for it no longer work.",
                List.of());
    }

    public static String needs(Quorum q) {
        if (q.automatic()) {
            return "no signature";
        }
        String roles = q.eligible().stream().map(Role::wireName).collect(Collectors.joining("/"));
        String must = q.mustInclude().isEmpty() ? ""
                : ", including " + q.mustInclude().stream().map(Role::wireName).collect(Collectors.joining(" and "));
        return q.count() + " approval(s) from " + roles + must;
    }

    private static String cause(RootCause rc) {
        return rc.service() + " (" + rc.kind() + ", depth " + rc.depth() + ")";
    }
}
