package io.awoooi.core.drift;

import java.util.List;
import java.util.Objects;

/**
 * What the drift narrator wrote about a report, from redacted data only.
 *
 * @param reportId the report
 * @param summary a few sentences (the model's, or the deterministic one)
 * @param items one redacted line per drift item
 * @param narrator who wrote the summary: "ollama" | "bedrock" | "deterministic"
 * @param fallback the model was asked and failed (down, slow, garbage): the deterministic summary is used
 * @param opId the operation-log row written for it (empty when that write failed)
 * @param notScanned the namespaces not scanned, with why, redacted
 * @param problems the baselines not applied, redacted
 */
public record DriftNarrative(String reportId, String summary, List<DriftRedaction.Line> items, String narrator,
        boolean fallback, String opId, List<String> notScanned, List<String> problems) {
    public DriftNarrative {
        notScanned = notScanned == null ? List.of() : List.copyOf(notScanned);
        problems = problems == null ? List.of() : List.copyOf(problems);
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(summary, "summary");
        items = List.copyOf(items);
        Objects.requireNonNull(narrator, "narrator");
        opId = opId == null ? "" : opId;
    }
}
