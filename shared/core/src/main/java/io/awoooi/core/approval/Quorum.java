package io.awoooi.core.approval;

import io.awoooi.core.action.RiskLevel;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How many distinct approvals a request needs, from whom. The risk matrix:
 * <ul>
 *   <li>LOW: none (the action runs on its own, with an FYI notification);
 *   <li>MEDIUM: one from admin, devops or sre;
 *   <li>HIGH: two distinct approvers from admin, devops or sre;
 *   <li>CRITICAL: two, and they must include the CTO and the CISO.
 * </ul>
 *
 * @param level the matrix row this quorum is (after trust, which may lower HIGH and MEDIUM one row)
 * @param count distinct approvals needed
 * @param eligible roles whose approval counts
 * @param mustInclude roles that must each be among the approvers
 */
public record Quorum(RiskLevel level, int count, Set<Role> eligible, Set<Role> mustInclude) {
    private static final Set<Role> OPERATORS = EnumSet.of(Role.ADMIN, Role.DEVOPS, Role.SRE);

    public Quorum {
        Objects.requireNonNull(level, "level");
        eligible = eligible.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(eligible));
        mustInclude = mustInclude.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(mustInclude));
        if (count < 0 || count < mustInclude.size()) {
            throw new IllegalArgumentException("count must cover every required role");
        }
    }

    public static Quorum forLevel(RiskLevel level) {
        return switch (level) {
            case LOW -> new Quorum(level, 0, Set.of(), Set.of());
            case MEDIUM -> new Quorum(level, 1, OPERATORS, Set.of());
            case HIGH -> new Quorum(level, 2, OPERATORS, Set.of());
            case CRITICAL -> new Quorum(level, 2, EnumSet.of(Role.CTO, Role.CISO), EnumSet.of(Role.CTO, Role.CISO));
        };
    }

    /** No signature needed: the action is executed without waiting for anyone. */
    public boolean automatic() {
        return count == 0;
    }

    /** Whether this approver can sign (holds an eligible role). */
    public boolean canSign(Approver approver) {
        return approver.roles().stream().anyMatch(eligible::contains);
    }

    /** The role an approver's signature counts as: a required role they hold first, else an eligible one. */
    public Role roleFor(Approver approver) {
        for (Role r : mustInclude) {
            if (approver.has(r)) {
                return r;
            }
        }
        for (Role r : eligible) {
            if (approver.has(r)) {
                return r;
            }
        }
        throw new IllegalArgumentException("approver holds no eligible role");
    }

    /**
     * Whether these approvals meet the quorum: approvals only, each approver counted once, only
     * eligible roles, at least {@code count} of them, and every required role among the roles the
     * signatures count as. Rejections never count towards it.
     */
    public boolean metBy(Collection<Signature> signatures) {
        Set<String> approvers = new HashSet<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Signature s : signatures) {
            if (s.decision() == Decision.APPROVE && eligible.contains(s.role()) && approvers.add(s.approverId())) {
                roles.add(s.role());
            }
        }
        return approvers.size() >= count && roles.containsAll(mustInclude);
    }
}
