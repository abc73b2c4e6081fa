package io.awoooi.core.narrative;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A language model narrator whose answers the test scripts: per call, an answer, a sleep or a failure. */
final class FakeModel extends LanguageModelNarrator {
    final AtomicInteger calls = new AtomicInteger();
    final List<Prompt> prompts = Collections.synchronizedList(new ArrayList<>());
    private final IntFunction<String> script;

    private FakeModel(IntFunction<String> script, PromptGuard guard) {
        super(guard);
        this.script = script;
    }

    /** Answers {@code answer} on every call. */
    static FakeModel answering(String answer) {
        return new FakeModel(n -> answer, PromptGuard.NONE);
    }

    /** Answers per call (1-based); a null answer means sleep {@code sleep} (interruptibly) first and answer "late". */
    static FakeModel scripted(IntFunction<String> script) {
        return new FakeModel(script, PromptGuard.NONE);
    }

    /** Never answers: blocks until the narrator gives up on it (interrupts it), at most ten minutes. */
    static FakeModel hanging() {
        return new FakeModel(n -> {
            hang();
            return Requests.VALID_ANSWER;
        }, PromptGuard.NONE);
    }

    /** Blocks until interrupted (a timed-out attempt is cancelled with an interrupt), at most ten minutes. */
    static void hang() {
        sleepFor(Duration.ofMinutes(10));
    }

    static FakeModel guarded(PromptGuard guard) {
        return new FakeModel(n -> Requests.VALID_ANSWER, guard);
    }

    static void sleepFor(Duration sleep) {
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NarratorException(NarratorException.Kind.TIMEOUT, "interrupted", e);
        }
    }

    @Override
    protected String complete(Prompt prompt) {
        prompts.add(prompt);
        return script.apply(calls.incrementAndGet());
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String model() {
        return "fake:m1";
    }
}
