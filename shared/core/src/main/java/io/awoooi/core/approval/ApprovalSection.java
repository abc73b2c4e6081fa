package io.awoooi.core.approval;

import io.awoooi.core.action.ActionWords;
import io.awoooi.core.incident.IncidentSection;
import io.awoooi.core.incident.view.ApprovalView;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident's {@code approval} ({@link ApprovalView}): its request with the signatures; a pending
 * request past its expiry shows EXPIRED. In the incident list, its {@link ApprovalView.Summary}.
 */
public final class ApprovalSection implements IncidentSection<ApprovalView, ApprovalView.Summary> {
    private final ApprovalStore store;
    private final Clock clock;

    public ApprovalSection(ApprovalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<ApprovalView> of(String incidentId) {
        return store.find(ApprovalRequest.idFor(incidentId)).map(r -> view(r, store.signatures(r.id()), clock));
    }

    @Override
    public Map<String, ApprovalView.Summary> listed(List<String> incidentIds) {
        Map<String, String> byRequest = new LinkedHashMap<>();
        incidentIds.forEach(id -> byRequest.put(ApprovalRequest.idFor(id), id));
        Map<String, ApprovalView.Summary> out = new LinkedHashMap<>();
        store.findAll(byRequest.keySet())
                .forEach((requestId, r) -> out.put(byRequest.get(requestId), summary(r, clock)));
        return out;
    }

    static ApprovalView.Summary summary(ApprovalRequest r, Clock clock) {
        return new ApprovalView.Summary(r.statusAt(clock.instant()).name(), r.risk().level().name(),
                r.risk().base().name(), action(r), r.updatedAt());
    }

    public static ApprovalView view(ApprovalRequest r, List<Signature> signatures, Clock clock) {
        return new ApprovalView(r.id(), r.statusAt(clock.instant()).name(), r.risk().level().name(),
                r.risk().base().name(), ApprovalCard.riskStory(r), r.risk().reasons(), action(r),
                r.proposingAgent().map(agent -> "agent:" + agent),
                new ApprovalView.Required(r.quorum().count(),
                        r.quorum().eligible().stream().map(Role::wireName).toList(),
                        r.quorum().mustInclude().stream().map(Role::wireName).toList(), ApprovalCard.needs(r.quorum())),
                r.trust(),
                new ApprovalView.DryRun(r.dryRun().passed(), r.dryRun().checks().stream()
                        .map(c -> new ApprovalView.DryRun.Check(c.name(), c.passed(), c.reason(), c.overridable()))
                        .toList()),
                signatures.stream().map(s -> new ApprovalView.SignatureView(s.approverId(), s.role().wireName(),
                        s.decision().wireName(), s.at())).toList(),
                r.notified(), r.dispatched(), r.createdAt(), r.updatedAt(), r.expiresAt(), r.reason());
    }

    private static ApprovalView.Action action(ApprovalRequest r) {
        return new ApprovalView.Action(r.action().type().id(), r.action().params(), ActionWords.sentence(r.action()));
    }
}
