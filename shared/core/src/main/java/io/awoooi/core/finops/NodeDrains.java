package io.awoooi.core.finops;

import io.awoooi.core.action.ProposedAction;
import java.util.Optional;

/** The catalog action that empties a node before it is removed: drain_node. */
final class NodeDrains {
    private NodeDrains() {
    }

    static Optional<ProposedAction> action(String node) {
        return Optional
                .of(new ProposedAction(io.awoooi.core.action.ActionType.DRAIN_NODE, java.util.Map.of("node", node)));
    }
}
