package io.awoooi.core.topology;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An unhealthy service that may explain the targets' trouble.
 *
 * @param depth the fewest hops from any target down to it; 0 when it is a target itself (see
 *     {@link GraphAnalysis#rootCauses})
 * @param evidence why it is unhealthy, as the topology reported it (facts, no personal data)
 */
public record RootCause(ServiceId service, ComponentKind kind, int depth, List<String> evidence) {
    /**
     * The ranking: DATABASE, CACHE, QUEUE, then the rest ({@link ComponentKind#rootCauseRank});
     * within a kind the shallower first; then the one with more evidence; then by id.
     */
    public static final Comparator<RootCause> RANKING = Comparator
            .comparingInt((RootCause c) -> -c.kind().rootCauseRank())
            .thenComparingInt(RootCause::depth)
            .thenComparingInt(c -> -c.evidence().size())
            .thenComparing(RootCause::service);

    public RootCause {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative");
        }
        evidence = List.copyOf(evidence);
    }
}
