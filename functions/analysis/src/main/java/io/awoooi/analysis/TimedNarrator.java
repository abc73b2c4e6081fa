package io.awoooi.analysis;

import io.awoooi.aws.observe.Metrics;
import io.awoooi.core.narrative.NarrationRequest;
import io.awoooi.core.narrative.Narrative;
import io.awoooi.core.narrative.Narrator;

/**
 * The narrator with its metrics: NarratorLatencyMs for each narration (the model's retries and the
 * fallback included) and NarratorFallbacks when the narrative came from someone other than the
 * configured narrator (the resilient wrapper fell back to the deterministic one).
 */
final class TimedNarrator implements Narrator {
    private final Narrator narrator;

    TimedNarrator(Narrator narrator) {
        this.narrator = narrator;
    }

    @Override
    public Narrative narrate(NarrationRequest request) {
        long started = System.nanoTime();
        Narrative narrative = narrator.narrate(request);
        Metrics.milliseconds(AnalysisFunction.STAGE, "NarratorLatencyMs", (System.nanoTime() - started) / 1_000_000);
        if (!narrative.narrator().equals(narrator.name())) {
            Metrics.count(AnalysisFunction.STAGE, "NarratorFallbacks", 1);
        }
        return narrative;
    }

    @Override
    public String name() {
        return narrator.name();
    }

    @Override
    public String model() {
        return narrator.model();
    }
}
