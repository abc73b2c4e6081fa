package io.awoooi.core.narrative;

/** The AI trace ports' contract on the in-memory fake. */
class InMemoryAiTracesTest extends AiTraceContract {
    private final InMemoryAiTraces store = new InMemoryAiTraces();
    private final InMemoryAiTraces down = new InMemoryAiTraces().unavailable();

    @Override
    protected AiTraceSink sink() {
        return store;
    }

    @Override
    protected AiTraces traces() {
        return store;
    }

    @Override
    protected AiOutcomes outcomes() {
        return store;
    }

    @Override
    protected AiTraceSink unreachableSink() {
        return down;
    }

    @Override
    protected AiTraces unreachableTraces() {
        return down;
    }

    @Override
    protected AiOutcomes unreachableOutcomes() {
        return down;
    }
}
