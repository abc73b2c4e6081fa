package io.awoooi.core.topology;

import java.util.List;
import java.util.Optional;

/**
 * What the graph says about an incident's targets.
 *
 * @param targets the targets found in the graph, sorted (targets the graph does not know are left
 *     out: nothing can be said about them)
 * @param rootCauses every unhealthy service that may explain the trouble, best first
 *     ({@link RootCause#RANKING}); empty when the graph shows nothing unhealthy
 * @param blastRadius every service that depends on a target, nearest first, then by id
 */
public record GraphFindings(List<ServiceId> targets, List<RootCause> rootCauses, List<Impact> blastRadius) {
    public GraphFindings {
        targets = List.copyOf(targets);
        rootCauses = List.copyOf(rootCauses);
        blastRadius = List.copyOf(blastRadius);
    }

    /** Nothing known: no target in the graph (or no graph at all). */
    public static GraphFindings none() {
        return new GraphFindings(List.of(), List.of(), List.of());
    }

    /** The top-ranked root cause, if any. */
    public Optional<RootCause> bestRootCause() {
        return rootCauses.isEmpty() ? Optional.empty() : Optional.of(rootCauses.get(0));
    }
}
