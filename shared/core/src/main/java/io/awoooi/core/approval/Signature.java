package io.awoooi.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * One approver's decision on a request, recorded once (the link's nonce goes with it).
 *
 * @param role the role the signature counts for (the approver's strongest role for this quorum)
 */
public record Signature(String approverId, Role role, Decision decision, String nonce, Instant at) {
    public Signature {
        Objects.requireNonNull(approverId, "approverId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(at, "at");
    }
}
