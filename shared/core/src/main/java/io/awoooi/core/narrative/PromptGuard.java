package io.awoooi.core.narrative;

/**
 * Checked right before a prompt leaves for a model (ADR 0005: every text about to leave is scanned
 * again). Wire it to the Privacy Shield's leak guard, e.g.
 * {@code (incidentId, text) -> leakGuard.check("llm", incidentId, text)}; a guard that throws
 * blocks the send ({@link NarratorException.Kind#BLOCKED}) and the fallback narrates.
 */
@FunctionalInterface
public interface PromptGuard {
    PromptGuard NONE = (incidentId, promptText) -> {
    };

    /** @throws RuntimeException to block the send */
    void check(String incidentId, String promptText);
}
