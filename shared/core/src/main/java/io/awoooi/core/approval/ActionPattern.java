package io.awoooi.core.approval;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.topology.PodName;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The pattern trust is earned on: the action and its target with what changes from one occurrence
 * to the next normalised away, so that approving "restart nginx-7d9f8c6b5-x2kqp" today and
 * "restart nginx-7d9f8c6b5-p8zr4" tomorrow build trust in the same thing:
 * {@code restart_pod:shop/nginx-*}. Pod names become their owner followed by {@code -*} (the
 * pod-template hash and the random suffix, or a StatefulSet ordinal, go); replica counts are left
 * out (trust in scaling a Deployment does not depend on the number). Other parameters stay.
 */
public record ActionPattern(String value) {
    public ActionPattern {
        Objects.requireNonNull(value, "value");
    }

    public static ActionPattern of(ProposedAction action) {
        return new ActionPattern(action.type().id() + ":" + target(action));
    }

    /**
     * The pattern of an action on real names, its target shown only as a stable pseudonym
     * ({@code restart_pod:#k3J...}): with Kubernetes names labelled, trust still accrues per target
     * across incidents, and no real name is stored or shown.
     */
    public static ActionPattern pseudonymous(ProposedAction realAction,
            java.util.function.UnaryOperator<String> pseudonym) {
        return new ActionPattern(realAction.type().id() + ":" + pseudonym.apply(target(realAction)));
    }

    private static String target(ProposedAction action) {
        StringJoiner target = new StringJoiner("/");
        action.param("namespace").ifPresent(target::add);
        action.param("kind").ifPresent(target::add);
        for (String name : new String[] {"workload", "deployment", "statefulset", "pvc", "node"}) {
            action.param(name).ifPresent(target::add);
        }
        action.param("pod").ifPresent(pod -> target.add(
                new PodName(pod).owner().map(o -> o.name() + "-*").orElse(pod)));
        return target.toString();
    }

    /**
     * The pattern of an outside agent's proposal: {@code agent/claude-oncall/restart_pod:shop/nginx-*}.
     * Trust in it is the agent's own, earned apart from the rules' trust in the same action.
     */
    public static ActionPattern forAgent(io.awoooi.core.agent.AgentId agent, ProposedAction action) {
        return new ActionPattern("agent/" + agent.value() + "/" + of(action).value());
    }

    /** The agent whose pattern this is, for an agent's pattern. */
    public java.util.Optional<String> agent() {
        if (!value.startsWith("agent/")) {
            return java.util.Optional.empty();
        }
        int slash = value.indexOf('/', "agent/".length());
        return slash < 0 ? java.util.Optional.empty()
                : java.util.Optional.of(value.substring("agent/".length(), slash));
    }

    @Override
    public String toString() {
        return value;
    }
}
