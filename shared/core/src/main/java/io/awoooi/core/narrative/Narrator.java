package io.awoooi.core.narrative;

/**
 * Port: writes the short narrative of an incident (summary, hypotheses, at most one recommended
 * action from the catalog). Implementations: a language model behind an adapter (shared/ai), or
 * the {@link DeterministicNarrator}. The analysis calls a {@link ResilientNarrator}, which never
 * throws and never waits longer than its timeout allows.
 */
public interface Narrator {
    /**
     * @throws NarratorException when the narrator cannot produce a valid narrative (a model adapter
     *     does not swallow failures; {@link ResilientNarrator} handles them)
     */
    Narrative narrate(NarrationRequest request);

    /** "ollama" | "bedrock" | "deterministic". */
    String name();

    /** What the AI trace records as the model, e.g. "ollama:llama3.1"; the name if there is no model. */
    default String model() {
        return name();
    }
}
