package io.awoooi.core.narrative;

import java.time.Instant;

/**
 * One AI collaboration record: every attempt to get a narrative from a model writes one
 * (the audit table keeps them, append-only).
 *
 * @param incidentId the incident narrated
 * @param agent who asked, e.g. "analysis"
 * @param model e.g. "ollama:llama3.1", "bedrock:anthropic.claude-3-haiku-20240307-v1:0"
 * @param attempt 1 for the first attempt, 2 for the retry
 * @param prompt the prompt as sent, at most {@link PromptBuilder#MAX_PROMPT_CHARS} chars
 * @param response the raw answer, at most {@link #MAX_RESPONSE_CHARS} chars; empty without an answer
 * @param responseHead the first {@link #HEAD_CHARS} chars of the raw answer
 * @param accepted the answer was parsed and valid
 * @param durationMs how long the attempt took
 * @param outcome "accepted" | "rejected: reason" | "timeout" | "error: Type" | "blocked: reason"
 * @param at when the attempt ended
 * @param actionOutcome what people or the cluster made of it later ({@link AiOutcomes}): an incident's
 *     EFFECTIVE / INEFFECTIVE, a drift report's accepted_change / rolled_back; empty until then
 */
public record AiTrace(String incidentId, String agent, String model, int attempt, String prompt, String response,
        String responseHead, boolean accepted, long durationMs, String outcome, Instant at, String actionOutcome) {
    public static final int MAX_RESPONSE_CHARS = 8000;
    public static final int HEAD_CHARS = 500;

    public AiTrace {
        prompt = Texts.head(prompt, PromptBuilder.MAX_PROMPT_CHARS);
        response = Texts.head(response, MAX_RESPONSE_CHARS);
        responseHead = Texts.head(responseHead, HEAD_CHARS);
        actionOutcome = actionOutcome == null ? "" : actionOutcome;
    }

    /** A trace as written: no later outcome yet. */
    public AiTrace(String incidentId, String agent, String model, int attempt, String prompt, String response,
            String responseHead, boolean accepted, long durationMs, String outcome, Instant at) {
        this(incidentId, agent, model, attempt, prompt, response, responseHead, accepted, durationMs, outcome, at, "");
    }
}
