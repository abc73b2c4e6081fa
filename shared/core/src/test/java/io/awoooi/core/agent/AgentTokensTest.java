package io.awoooi.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
    private static final String CLAUDE = "c".repeat(20) + "-claude-token";
    private static final String HOLMES = "h".repeat(20) + "-holmes-token";

    @Test
    void authenticate_jsonSecret_eachTokenIsItsOwnAgent() {
        // GIVEN a secret with two agents
        AgentTokens tokens = AgentTokens.parse("{\"claude-oncall\": \"" + CLAUDE + "\", \"holmesgpt\": \"" + HOLMES
                + "\"}", Optional.empty());

        // THEN each bearer token names its agent, anything else none
        assertThat(tokens.authenticate("Bearer " + CLAUDE)).contains(new AgentId("claude-oncall"));
        assertThat(tokens.authenticate("bearer " + HOLMES)).contains(new AgentId("holmesgpt"));
        assertThat(tokens.authenticate("Bearer " + CLAUDE + "x")).isEmpty();
        assertThat(tokens.authenticate("Bearer " + CLAUDE.substring(1))).isEmpty();
        assertThat(tokens.authenticate(CLAUDE)).isEmpty();
        assertThat(tokens.authenticate("Bearer ")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void authenticate_bareTokenSecret_belongsToTheDefaultAgent() {
        AgentTokens tokens = AgentTokens.parse(CLAUDE + "\n", Optional.of(new AgentId("claude-oncall")));
        assertThat(tokens.authenticate("Bearer " + CLAUDE)).contains(new AgentId("claude-oncall"));
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void parse_weakSharedOrMalformedSecrets_refusedWithoutEchoingTokens() {
        assertThatThrownBy(() -> AgentTokens.parse("{\"a\": \"short\"}", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> AgentTokens.parse("{\"a\": \"" + CLAUDE + "\", \"b\": \"" + CLAUDE + "\"}",
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(CLAUDE);
        assertThatThrownBy(() -> AgentTokens.parse("{\"Bad Agent\": \"" + CLAUDE + "\"}", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentTokens.parse("{not json", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentTokens.parse(CLAUDE, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MCP_AGENT_ID");
    }
}
