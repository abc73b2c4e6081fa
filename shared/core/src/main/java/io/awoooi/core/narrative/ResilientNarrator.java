package io.awoooi.core.narrative;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The narrator the analysis calls: the narrative is optional and must never hold the incident up.
 *
 * <p>The primary runs on its own virtual thread with a timeout (default {@value #DEFAULT_TIMEOUT_SECONDS} s).
 * A timeout or an error is retried once (by default); a rejected answer (not valid JSON, outside
 * the schema, an action that is not allowed) or a blocked prompt is not. Then the deterministic
 * fallback narrates. Every narrative is validated once more against the request's allowed action
 * ids, whoever wrote it. Every attempt of the primary writes an {@link AiTrace}; a failing
 * {@link AiTraceSink} is ignored. {@link #narrate} never throws.
 *
 * <p>Worst case wall time: {@code (retries + 1) x timeout} plus the fallback (microseconds).
 */
public final class ResilientNarrator implements Narrator {
    public static final long DEFAULT_TIMEOUT_SECONDS = 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    public static final String DEFAULT_AGENT = "analysis";

    private static final AtomicLong THREADS = new AtomicLong();

    private final Narrator primary;
    private final Narrator fallback;
    private final AiTraceSink traces;
    private final Duration timeout;
    private final int retries;
    private final String agent;
    private final Clock clock;
    private final PromptBuilder prompts = new PromptBuilder();
    private final NarrativeParser parser = new NarrativeParser();

    private ResilientNarrator(Builder b) {
        this.primary = Objects.requireNonNull(b.primary, "primary");
        this.fallback = Objects.requireNonNull(b.fallback, "fallback");
        this.traces = b.traces == null ? AiTraceSink.NONE : b.traces;
        this.timeout = Objects.requireNonNull(b.timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (b.retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0");
        }
        this.retries = b.retries;
        this.agent = Objects.requireNonNull(b.agent, "agent");
        this.clock = Objects.requireNonNull(b.clock, "clock");
    }

    /** {@code primary} with the defaults: deterministic fallback, no traces, 20 s, one retry. */
    public static Builder builder(Narrator primary) {
        return new Builder(primary);
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public String model() {
        return primary.model();
    }

    public Duration timeout() {
        return timeout;
    }

    /** Never throws; falls back to the deterministic narrative. */
    @Override
    public Narrative narrate(NarrationRequest request) {
        Objects.requireNonNull(request, "request");
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            Attempt result = attempt(request, attempt);
            if (result.narrative != null) {
                return result.narrative;
            }
            if (!result.retry || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return fallback(request);
    }

    private Attempt attempt(NarrationRequest request, int attempt) {
        long start = System.nanoTime();
        FutureTask<Outcome> task = new FutureTask<>(call(request));
        Thread.ofVirtual().name("narrator-" + primary.name() + "-" + THREADS.incrementAndGet()).start(task);
        try {
            Outcome o = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return switch (o.result) {
                case ParseResult.Accepted a -> {
                    trace(request, attempt, o.prompt, o.raw, true, start, "accepted");
                    yield new Attempt(a.narrative(), false);
                }
                case ParseResult.Rejected r -> {
                    trace(request, attempt, o.prompt, o.raw, false, start, "rejected: " + r.reason());
                    yield new Attempt(null, false);
                }
            };
        } catch (TimeoutException e) {
            task.cancel(true);
            trace(request, attempt, intendedPrompt(request), "", false, start, "timeout");
            return new Attempt(null, true);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            trace(request, attempt, intendedPrompt(request), "", false, start, "error: InterruptedException");
            return new Attempt(null, false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof NarratorException ne) {
                String prompt = ne.prompt() != null ? ne.prompt() : intendedPrompt(request);
                String raw = ne.rawResponse() == null ? "" : ne.rawResponse();
                return switch (ne.kind()) {
                    case TIMEOUT -> {
                        trace(request, attempt, prompt, raw, false, start, "timeout");
                        yield new Attempt(null, true);
                    }
                    case UNAVAILABLE -> {
                        trace(request, attempt, prompt, raw, false, start, "error: " + typeOf(ne));
                        yield new Attempt(null, true);
                    }
                    case REJECTED -> {
                        trace(request, attempt, prompt, raw, false, start, "rejected: " + reasonOf(ne));
                        yield new Attempt(null, false);
                    }
                    case BLOCKED -> {
                        trace(request, attempt, prompt, "", false, start, "blocked: " + reasonOf(ne));
                        yield new Attempt(null, false);
                    }
                };
            }
            trace(request, attempt, intendedPrompt(request), "", false, start, "error: " + nameOf(cause));
            return new Attempt(null, !(cause instanceof Error));
        }
    }

    /** Runs on the narrator thread: a model adapter exposes its exchange, any other narrator is checked. */
    private Callable<Outcome> call(NarrationRequest request) {
        return () -> {
            if (primary instanceof LanguageModelNarrator model) {
                LanguageModelNarrator.Exchange ex = model.exchange(request);
                ParseResult result = ex.result() instanceof ParseResult.Accepted a
                        ? parser.check(a.narrative(), request.allowedActionIds())
                        : ex.result();
                return new Outcome(ex.prompt().text(), ex.rawResponse(), result);
            }
            Narrative n = primary.narrate(request);
            ParseResult result = n == null
                    ? new ParseResult.Rejected("no narrative")
                    : parser.check(n, request.allowedActionIds());
            return new Outcome(intendedPrompt(request), "", result);
        };
    }

    private Narrative fallback(NarrationRequest request) {
        try {
            Narrative n = fallback.narrate(request);
            if (n != null && parser.check(n, request.allowedActionIds()).accepted()) {
                return n;
            }
        } catch (RuntimeException e) {
            // the fallback is deterministic; if even it fails the incident still goes on
        }
        return new Narrative("No narrative is available for this incident.", List.of(), Optional.empty(), 0.0,
                fallback.name());
    }

    private String intendedPrompt(NarrationRequest request) {
        try {
            return prompts.build(request).text();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void trace(NarrationRequest request, int attempt, String prompt, String raw, boolean accepted,
            long startNanos, String outcome) {
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        try {
            traces.record(new AiTrace(request.incidentId(), agent, primary.model(), attempt, prompt, raw,
                    Texts.head(raw, AiTrace.HEAD_CHARS), accepted, durationMs, Texts.head(outcome, 300),
                    clock.instant()));
        } catch (RuntimeException sinkFailure) {
            // an audit write failure never breaks the main flow
        }
    }

    private static String typeOf(NarratorException e) {
        return nameOf(e.getCause() != null ? e.getCause() : e);
    }

    /** A failure's name for a trace: its own ({@link NamedFailure}) or its class's. */
    private static String nameOf(Throwable t) {
        return t instanceof NamedFailure named ? named.failureName() : t.getClass().getSimpleName();
    }

    private static String reasonOf(NarratorException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        return m.startsWith("answer rejected: ") ? m.substring("answer rejected: ".length()) : m;
    }

    private record Outcome(String prompt, String raw, ParseResult result) {
    }

    private record Attempt(Narrative narrative, boolean retry) {
    }

    public static final class Builder {
        private final Narrator primary;
        private Narrator fallback = new DeterministicNarrator();
        private AiTraceSink traces = AiTraceSink.NONE;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int retries = 1;
        private String agent = DEFAULT_AGENT;
        private Clock clock = Clock.systemUTC();

        private Builder(Narrator primary) {
            this.primary = primary;
        }

        public Builder fallback(Narrator fallback) {
            this.fallback = fallback;
            return this;
        }

        public Builder traceSink(AiTraceSink traces) {
            this.traces = traces;
            return this;
        }

        /** Per attempt; default 20 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** After a timeout or an error; default 1. */
        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder agent(String agent) {
            this.agent = agent;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ResilientNarrator build() {
            return new ResilientNarrator(this);
        }
    }
}
