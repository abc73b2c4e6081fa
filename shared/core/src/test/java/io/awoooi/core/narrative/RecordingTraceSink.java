package io.awoooi.core.narrative;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class RecordingTraceSink implements AiTraceSink {
    final List<AiTrace> traces = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(AiTrace trace) {
        traces.add(trace);
    }

    List<String> outcomes() {
        synchronized (traces) {
            return traces.stream().map(AiTrace::outcome).toList();
        }
    }
}
