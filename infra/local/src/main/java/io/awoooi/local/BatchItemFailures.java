package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which messages of an SQS batch stay on the queue after the function ran, by Lambda's rules for
 * ReportBatchItemFailures: an error keeps all; without the setting a success deletes all; with it
 * the ids in {@code batchItemFailures} stay, and a response Lambda cannot read (not JSON, an
 * item without an id, an id not in the batch) keeps the whole batch.
 */
final class BatchItemFailures {

    private BatchItemFailures() {
    }

    /** The message ids to leave on the queue. */
    static Set<String> toKeep(InvocationResult result, List<String> batchIds, boolean reportBatchItemFailures) {
        Set<String> all = new LinkedHashSet<>(batchIds);
        if (!result.succeeded()) {
            return all;
        }
        if (!reportBatchItemFailures) {
            return Set.of();
        }
        byte[] payload = result.payload();
        if (payload.length == 0) {
            return Set.of();
        }
        JsonNode response;
        try {
            response = Json.parse(payload);
        } catch (IllegalArgumentException e) {
            return all;
        }
        if (response.isNull()) {
            return Set.of();
        }
        if (!response.isObject()) {
            return all;
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Set.of();
        }
        if (!failures.isArray()) {
            return all;
        }
        Set<String> keep = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !all.contains(id.asText())) {
                return all;
            }
            keep.add(id.asText());
        }
        return keep;
    }
}
