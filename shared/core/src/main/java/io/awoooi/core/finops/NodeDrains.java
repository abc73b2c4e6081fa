package io.awoooi.core.finops;

import io.awoooi.core.action.ProposedAction;
import java.util.Optional;

/** The catalog action that empties a node before it is removed (none yet: the node removal is advice). */
final class NodeDrains {
    private NodeDrains() {
    }

    static Optional<ProposedAction> action(String node) {
        return Optional.empty();
    }
}
