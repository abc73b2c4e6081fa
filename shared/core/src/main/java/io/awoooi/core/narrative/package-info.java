/**
 * The incident narrative: an optional, never-blocking text from a language model (or a
 * deterministic stand-in) beside the graph findings.
 *
 * <ul>
 *   <li>{@link io.awoooi.core.narrative.Narrator} is the port; adapters live in shared/ai.</li>
 *   <li>{@link io.awoooi.core.narrative.PromptBuilder} builds at most 8000 chars: fenced, untrusted
 *       incident text, graph facts ({@link io.awoooi.core.narrative.GraphFacts}), catalog, allowed ids.</li>
 *   <li>{@link io.awoooi.core.narrative.NarrativeParser} accepts one strict JSON object; an action
 *       id outside the allowed ids rejects the whole answer.</li>
 *   <li>{@link io.awoooi.core.narrative.ResilientNarrator} adds the timeout, one retry, the
 *       deterministic fallback and one {@link io.awoooi.core.narrative.AiTrace} per attempt.</li>
 * </ul>
 */
package io.awoooi.core.narrative;
