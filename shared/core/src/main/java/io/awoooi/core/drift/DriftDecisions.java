package io.awoooi.core.drift;

import java.util.Optional;

/** Port: the decisions taken through drift links (the state table). */
public interface DriftDecisions {
    Optional<DriftDecision> findDecision(String id);

    /** Stores the decision only if none exists for its id (conditional write): true when this one won. */
    boolean claimDecision(DriftDecision decision);

    /** Records how a claimed decision ended (its state and detail). */
    void finishDecision(DriftDecision decision);
}
