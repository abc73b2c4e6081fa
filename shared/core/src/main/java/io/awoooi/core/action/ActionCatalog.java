package io.awoooi.core.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The closed set of actions ({@link ActionType}) and the one door into it: whatever proposes an
 * action (the deterministic rules, an LLM, an operator) goes through {@link #parse}, and only a
 * {@link ParseResult.Valid} result carries a {@link ProposedAction}.
 *
 * <p>A parse fails, with a reason that names the rule and the parameter but never repeats a value,
 * when the id is not in the catalog, a required parameter is missing, a parameter is not one of
 * the action's, or a value breaks its parameter's rule ({@link ParameterRule}).
 */
public final class ActionCatalog {
    private static final int MAX_ECHOED_NAME = 32;

    private ActionCatalog() {
    }

    /** Checks untrusted input (an LLM's answer, a request) against the catalog. */
    public static ParseResult parse(String id, Map<String, String> params) {
        if (id == null) {
            return new ParseResult.Invalid("no action id");
        }
        Optional<ActionType> type = ActionType.fromId(id);
        if (type.isEmpty()) {
            return new ParseResult.Invalid("unknown action id: not in the catalog");
        }
        if (params == null) {
            return new ParseResult.Invalid("no parameters");
        }
        Optional<String> problem = problemWith(type.get(), params);
        return problem.<ParseResult>map(ParseResult.Invalid::new)
                .orElseGet(() -> new ParseResult.Valid(new ProposedAction(type.get(), params)));
    }

    /** The first broken rule, in a stable order: unexpected, then missing, then malformed parameters. */
    static Optional<String> problemWith(ActionType type, Map<String, String> params) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : params.keySet()) {
            if (name == null) {
                return Optional.of("a parameter without a name is not a parameter of " + type.id());
            }
            names.add(name);
        }
        for (String name : names) {
            if (type.parameter(name).isEmpty()) {
                return Optional.of(printable(name) + " is not a parameter of " + type.id());
            }
        }
        for (Parameter p : type.parameters()) {
            if (p.required() && !params.containsKey(p.name())) {
                return Optional.of("parameter '" + p.name() + "' is required by " + type.id());
            }
        }
        for (Parameter p : type.parameters()) {
            if (params.containsKey(p.name()) && !p.rule().accepts(params.get(p.name()))) {
                return Optional.of("parameter '" + p.name() + "' must be " + p.rule().requirement());
            }
        }
        return Optional.empty();
    }

    /** Every action with its parameters, in catalog order: the list an LLM may choose from. */
    public static List<ActionDescription> describe() {
        List<ActionDescription> out = new ArrayList<>();
        for (ActionType t : ActionType.values()) {
            List<ActionDescription.ParameterDescription> params = new ArrayList<>();
            for (Parameter p : t.parameters()) {
                params.add(new ActionDescription.ParameterDescription(p.name(), p.required(), p.meaning(),
                        p.rule().requirement()));
            }
            out.add(new ActionDescription(t.id(), t.baseRisk(), t.summary(), params));
        }
        return List.copyOf(out);
    }

    /**
     * The catalog as plain text for a prompt, one action per line followed by its parameters:
     * <pre>
     * restart_pod (risk LOW): Delete one pod so its controller replaces it with a fresh one.
     *   - namespace (required): the pod's namespace; a DNS-1123 label (...) or a [NAMESPACE_n] label
     * </pre>
     */
    public static String describeAsText() {
        StringBuilder sb = new StringBuilder();
        for (ActionDescription a : describe()) {
            sb.append(a.id()).append(" (risk ").append(a.baseRisk()).append("): ").append(a.summary()).append('\n');
            for (ActionDescription.ParameterDescription p : a.parameters()) {
                sb.append("  - ").append(p.name()).append(p.required() ? " (required): " : " (optional): ")
                        .append(p.meaning()).append("; ").append(p.requirement()).append('\n');
            }
        }
        return sb.toString();
    }

    /** A parameter name from the input, repeated only when it looks like a name and not like data. */
    private static String printable(String name) {
        boolean plain = !name.isEmpty() && name.length() <= MAX_ECHOED_NAME;
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || c == '_';
        }
        return plain ? "parameter '" + name + "'" : "a parameter";
    }
}
