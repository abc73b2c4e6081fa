package io.awoooi.core.agent;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an outside agent is (an MCP client with its own bearer token): {@code claude-oncall},
 * {@code holmesgpt}. It appears in every audit row the agent causes, as the actor
 * {@code agent:<id>}, on the approval card ("proposed by agent claude-oncall") and in the key its
 * trust is earned under. Lower case letters, digits, {@code .}, {@code _} and {@code -}, 1 to 64
 * characters, starting with a letter or a digit: it is shown to people and used in keys, so it is
 * never free text.
 */
public record AgentId(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public AgentId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "an agent id is 1-64 of a-z 0-9 . _ - starting with a letter or a digit");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    /** The actor of the agent's audit rows: {@code agent:claude-oncall}. */
    public String actor() {
        return "agent:" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
