package io.awoooi.core.incident.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The incident's approval request: {id, status, risk (assessed: what the quorum follows), baseRisk
 * (the catalog's), riskStory, riskReasons, action {id, params, inWords}, proposedBy?, required {count,
 * roles, mustInclude, inWords}, trust, dryRun {passed, checks[]}, signatures[] ({approver, role,
 * decision, at}), notified, dispatched, createdAt, updatedAt, expiresAt, reason?}. A pending request
 * past its expiry shows EXPIRED. The incident list shows its {@link Summary}.
 *
 * @param proposedBy {@code agent:<name>} when an outside agent proposed the action
 */
public record ApprovalView(String id, String status, String risk, String baseRisk, String riskStory,
        List<String> riskReasons, Action action, Optional<String> proposedBy, Required required, int trust,
        DryRun dryRun, List<SignatureView> signatures, List<String> notified, boolean dispatched, Instant createdAt,
        Instant updatedAt, Instant expiresAt, Optional<String> reason) {
    public ApprovalView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(baseRisk, "baseRisk");
        Objects.requireNonNull(riskStory, "riskStory");
        riskReasons = List.copyOf(riskReasons);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(proposedBy, "proposedBy");
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(dryRun, "dryRun");
        signatures = List.copyOf(signatures);
        notified = List.copyOf(notified);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
    }

    /** The action to approve, its parameters pseudonymized, in words. */
    public record Action(String id, Map<String, String> params, String inWords) {
        public Action {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(inWords, "inWords");
        }

        public Map<String, Object> document() {
            return Documents.object().put("id", id).put("params", params).put("inWords", inWords).build();
        }

        /** {id, inWords}: the list's and the agents' short form. */
        public Map<String, Object> summaryDocument() {
            return Documents.object().put("id", id).put("inWords", inWords).build();
        }
    }

    /** Who must sign: {count, roles, mustInclude, inWords}, roles by their wire names. */
    public record Required(int count, List<String> roles, List<String> mustInclude, String inWords) {
        public Required {
            roles = List.copyOf(roles);
            mustInclude = List.copyOf(mustInclude);
            Objects.requireNonNull(inWords, "inWords");
        }

        public Map<String, Object> document() {
            return Documents.object().put("count", count).put("roles", roles).put("mustInclude", mustInclude)
                    .put("inWords", inWords).build();
        }
    }

    /** The dry-run before the request: {passed, checks [{name, passed, reason, overridable}]}. */
    public record DryRun(boolean passed, List<Check> checks) {
        public DryRun {
            checks = List.copyOf(checks);
        }

        public record Check(String name, boolean passed, String reason, boolean overridable) {
            public Check {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(reason, "reason");
            }

            public Map<String, Object> document() {
                return Documents.object().put("name", name).put("passed", passed).put("reason", reason)
                        .put("overridable", overridable).build();
            }
        }

        public Map<String, Object> document() {
            return Documents.object().put("passed", passed).put("checks", checks.stream().map(Check::document).toList())
                    .build();
        }
    }

    /** A recorded decision: {approver, role, decision (approve | reject), at}. */
    public record SignatureView(String approver, String role, String decision, Instant at) {
        public SignatureView {
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(at, "at");
        }

        public Map<String, Object> document() {
            return Documents.object().put("approver", approver).put("role", role).put("decision", decision)
                    .put("at", at).build();
        }
    }

    /** The approval in the incident list: {status, risk, baseRisk, action {id, inWords}, updatedAt}. */
    public record Summary(String status, String risk, String baseRisk, Action action, Instant updatedAt) {
        public Summary {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(risk, "risk");
            Objects.requireNonNull(baseRisk, "baseRisk");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }

        public Map<String, Object> document() {
            return Documents.object().put("status", status).put("risk", risk).put("baseRisk", baseRisk)
                    .put("action", action.summaryDocument()).put("updatedAt", updatedAt).build();
        }
    }

    public Map<String, Object> document() {
        return Documents.object().put("id", id).put("status", status)
                .put("risk", risk).put("baseRisk", baseRisk).put("riskStory", riskStory).put("riskReasons", riskReasons)
                .put("action", action.document()).put("proposedBy", proposedBy).put("required", required.document())
                .put("trust", trust).put("dryRun", dryRun.document())
                .put("signatures", signatures.stream().map(SignatureView::document).toList())
                .put("notified", notified).put("dispatched", dispatched).put("createdAt", createdAt)
                .put("updatedAt", updatedAt).put("expiresAt", expiresAt).put("reason", reason).build();
    }
}
