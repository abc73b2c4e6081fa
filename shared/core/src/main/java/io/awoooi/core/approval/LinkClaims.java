package io.awoooi.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * What an approval link carries, all of it signed: which request, for which approver, which exact
 * action ({@link ApprovalRequest#actionHash()}), until when, and a nonce that makes every link
 * unique.
 */
public record LinkClaims(String requestId, String approverId, String actionHash, Instant expiresAt, String nonce) {
    public LinkClaims {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(approverId, "approverId");
        Objects.requireNonNull(actionHash, "actionHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(nonce, "nonce");
    }
}
