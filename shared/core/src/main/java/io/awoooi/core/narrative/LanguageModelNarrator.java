package io.awoooi.core.narrative;

import java.util.Objects;

/**
 * A narrator backed by a language model: builds the prompt, checks it with the {@link PromptGuard},
 * asks the model through {@link #complete(Prompt)} (the one thing an adapter implements), and parses
 * the answer. {@link #exchange} exposes prompt and raw answer so that every attempt can be traced.
 */
public abstract class LanguageModelNarrator implements Narrator {
    private final PromptBuilder prompts;
    private final NarrativeParser parser;
    private final PromptGuard guard;

    protected LanguageModelNarrator(PromptBuilder prompts, NarrativeParser parser, PromptGuard guard) {
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.guard = guard == null ? PromptGuard.NONE : guard;
    }

    protected LanguageModelNarrator(PromptGuard guard) {
        this(new PromptBuilder(), new NarrativeParser(), guard);
    }

    /**
     * Sends the prompt and returns the model's raw answer text.
     *
     * @throws NarratorException {@link NarratorException.Kind#TIMEOUT} or
     *     {@link NarratorException.Kind#UNAVAILABLE} when the model cannot be reached or fails
     */
    protected abstract String complete(Prompt prompt);

    /** One round trip with the model; the model's answer may be rejected, the transport may throw. */
    public final Exchange exchange(NarrationRequest request) {
        Prompt prompt = prompts.build(request);
        String text = prompt.text();
        try {
            guard.check(request.incidentId(), text);
        } catch (RuntimeException blocked) {
            throw new NarratorException(NarratorException.Kind.BLOCKED,
                    "prompt guard blocked the prompt: " + blocked.getClass().getSimpleName(), blocked, text, null);
        }
        String answer;
        try {
            answer = complete(prompt);
        } catch (NarratorException e) {
            throw e.prompt() != null ? e
                    : new NarratorException(e.kind(), e.getMessage(), e.getCause(), text, e.rawResponse());
        }
        return new Exchange(prompt, answer == null ? "" : answer,
                parser.parse(answer, request.allowedActionIds(), name()));
    }

    /**
     * @throws NarratorException {@link NarratorException.Kind#REJECTED} when the answer is not a
     *     valid narrative, or whatever {@link #exchange} throws
     */
    @Override
    public final Narrative narrate(NarrationRequest request) {
        Exchange exchange = exchange(request);
        return switch (exchange.result()) {
            case ParseResult.Accepted accepted -> accepted.narrative();
            case ParseResult.Rejected rejected -> throw new NarratorException(NarratorException.Kind.REJECTED,
                    "answer rejected: " + rejected.reason(), null, exchange.prompt().text(), exchange.rawResponse());
        };
    }

    /** A prompt, the model's raw answer, and what the parser made of it. */
    public record Exchange(Prompt prompt, String rawResponse, ParseResult result) {
        public Exchange {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(rawResponse, "rawResponse");
            Objects.requireNonNull(result, "result");
        }
    }
}
