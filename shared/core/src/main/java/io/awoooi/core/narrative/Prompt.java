package io.awoooi.core.narrative;

import java.util.Objects;

/** The two messages sent to a model. {@link #text()} is what the AI trace records. */
public record Prompt(String system, String user) {
    static final String SEPARATOR = "\n\n";

    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    /** Both messages as one text; at most {@link PromptBuilder#MAX_PROMPT_CHARS} long. */
    public String text() {
        return system + SEPARATOR + user;
    }

    public int length() {
        return system.length() + SEPARATOR.length() + user.length();
    }
}
