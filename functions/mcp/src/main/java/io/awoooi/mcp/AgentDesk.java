package io.awoooi.mcp;

import io.awoooi.core.agent.AgentReadModel;
import io.awoooi.core.approval.ProposeAgentAction;
import io.awoooi.core.shield.LeakGuard;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the tools work with: the agent's read model, the proposal use case (built per call: the
 * approval links point at the base URL of the request it serves) and the Privacy Shield's leak guard,
 * which every answer passes before it leaves.
 */
public record AgentDesk(Supplier<AgentReadModel> reader, Function<URI, ProposeAgentAction> proposals,
        LeakGuard guard) {
}
