/**
 * langchain4j adapters of {@link io.awoooi.core.narrative.Narrator}: {@link io.awoooi.ai.OllamaNarrator}
 * ({@code /api/chat}) and {@link io.awoooi.ai.BedrockNarrator} (Converse), chosen by
 * {@link io.awoooi.ai.Narrators#fromSettings}. Adapters never retry and never swallow: they throw
 * {@link io.awoooi.core.narrative.NarratorException}; the resilient wrapper decides.
 */
package io.awoooi.ai;
