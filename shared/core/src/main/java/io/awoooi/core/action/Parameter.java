package io.awoooi.core.action;

import java.util.Objects;

/**
 * One parameter of an action.
 *
 * @param name the key in the action's parameter map
 * @param required whether the action is incomplete without it
 * @param meaning what it names, in words (for prompts)
 */
public record Parameter(String name, ParameterRule rule, boolean required, String meaning) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(meaning, "meaning");
    }

    static Parameter required(String name, ParameterRule rule, String meaning) {
        return new Parameter(name, rule, true, meaning);
    }

    static Parameter optional(String name, ParameterRule rule, String meaning) {
        return new Parameter(name, rule, false, meaning);
    }
}
