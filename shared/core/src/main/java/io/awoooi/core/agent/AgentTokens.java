package io.awoooi.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.Hashing;
import io.awoooi.core.auth.BearerToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outside agents' bearer tokens, one per agent, from one Secrets Manager secret. Its value is
 * either a JSON object of agent id to token ({@code {"claude-oncall": "...", "holmesgpt": "..."}})
 * or a bare token, which then belongs to the default agent (the template generates one, for the
 * agent its {@code McpAgentId} parameter names).
 *
 * <p>A presented token is compared with every agent's in constant time (both hashed first), and all
 * of them are compared whatever matched, so the timing tells neither which agent nor how much of a
 * token was right. Tokens shorter than {@value #MIN_TOKEN} characters are refused when the secret is
 * read: a guessable token would make the door the weakest part.
 */
public final class AgentTokens {
    public static final int MIN_TOKEN = 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<AgentId, byte[]> hashes;

    private AgentTokens(Map<AgentId, byte[]> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /**
     * @param secretValue the secret's value
     * @param defaultAgent who a bare token belongs to
     * @throws IllegalArgumentException when the value is neither form, names an agent id that is not
     *     one, holds a token that is too short, or gives two agents the same token (the message never
     *     repeats a token)
     */
    public static AgentTokens parse(String secretValue, Optional<AgentId> defaultAgent) {
        Objects.requireNonNull(secretValue, "secretValue");
        String value = secretValue.strip();
        Map<AgentId, String> tokens = new LinkedHashMap<>();
        if (value.startsWith("{")) {
            JsonNode root;
            try {
                root = JSON.readTree(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the agent token secret is not valid JSON");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!AgentId.isWellFormed(e.getKey())) {
                    throw new IllegalArgumentException("the agent token secret names an agent id that is not one"
                            + " (1-64 of a-z 0-9 . _ -)");
                }
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("the token of agent " + e.getKey() + " is not a string");
                }
                tokens.put(new AgentId(e.getKey()), e.getValue().asText());
            }
        } else if (!value.isEmpty()) {
            tokens.put(defaultAgent.orElseThrow(() -> new IllegalArgumentException(
                    "the agent token secret holds a bare token but no default agent id is set (MCP_AGENT_ID)")), value);
        }
        Map<AgentId, byte[]> hashes = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        tokens.forEach((agent, token) -> {
            if (token.strip().length() < MIN_TOKEN || !token.equals(token.strip())) {
                throw new IllegalArgumentException("the token of agent " + agent + " is shorter than " + MIN_TOKEN
                        + " characters or has surrounding blanks");
            }
            if (!seen.add(token)) {
                throw new IllegalArgumentException("two agents share a token: each agent needs its own");
            }
            hashes.put(agent, Hashing.sha256(token.getBytes(StandardCharsets.UTF_8)));
        });
        return new AgentTokens(hashes);
    }

    /** The agent whose token the {@code Authorization: Bearer ...} header carries. */
    public Optional<AgentId> authenticate(String authorizationHeader) {
        byte[] presented = Hashing.sha256(BearerToken.fromHeader(authorizationHeader).orElse("")
                .getBytes(StandardCharsets.UTF_8));
        boolean any = BearerToken.fromHeader(authorizationHeader).isPresent();
        AgentId found = null;
        for (Map.Entry<AgentId, byte[]> e : hashes.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getValue()) && found == null) {
                found = e.getKey();
            }
        }
        return any ? Optional.ofNullable(found) : Optional.empty();
    }

    /** How many agents may connect. */
    public int size() {
        return hashes.size();
    }
}
