package io.awoooi.core.approval;

import java.util.Objects;

/**
 * One check of a dry-run, reported whether it passed or not.
 *
 * @param name {@code rbac}, {@code parameters}, {@code exists}, {@code pdb}, {@code blast_radius}
 * @param reason why it passed or failed, in words an approver reads (no personal data)
 * @param overridable a failure approvers may knowingly accept (it raises the risk instead of
 *     blocking); a failure that is not overridable blocks the request
 */
public record DryRunCheck(String name, boolean passed, String reason, boolean overridable) {
    public DryRunCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    public static DryRunCheck pass(String name, String reason) {
        return new DryRunCheck(name, true, reason, true);
    }

    public static DryRunCheck fail(String name, String reason, boolean overridable) {
        return new DryRunCheck(name, false, reason, overridable);
    }
}
