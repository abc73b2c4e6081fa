package io.awoooi.core.narrative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The narrative of an incident.
 *
 * @param summary a few plain sentences
 * @param hypotheses at most {@link NarrativeParser#MAX_HYPOTHESES} likely explanations, best first
 * @param recommendation at most one action, always from the request's allowed ids; empty when the
 *     narrator proposes none (the deterministic narrator never does: the analysis uses its own
 *     deterministic proposal then)
 * @param confidence 0..1
 * @param narrator who wrote it: "ollama" | "bedrock" | "deterministic"
 */
public record Narrative(String summary, List<String> hypotheses, Optional<Recommendation> recommendation,
        double confidence, String narrator) {
    public Narrative {
        Objects.requireNonNull(summary, "summary");
        hypotheses = hypotheses == null ? List.of() : List.copyOf(hypotheses);
        recommendation = recommendation == null ? Optional.empty() : recommendation;
        Objects.requireNonNull(narrator, "narrator");
    }
}
