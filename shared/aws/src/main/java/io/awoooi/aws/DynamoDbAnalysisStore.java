package io.awoooi.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalysisDocument;
import io.awoooi.core.analysis.AnalysisStore;
import io.awoooi.core.incident.view.AnalysisView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The incident's latest analysis as a row beside it: {@code INCIDENT#{id}} / {@code ANALYSIS}, its
 * API document as JSON (built from pseudonymized input only).
 */
public final class DynamoDbAnalysisStore implements AnalysisStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAnalysisStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(Analysis analysis) {
        String document;
        try {
            document = JSON.writeValueAsString(AnalysisDocument.of(analysis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("analysis document could not be written", e);
        }
        Map<String, AttributeValue> item = Map.of(
                "PK", AttributeValue.fromS("INCIDENT#" + analysis.incidentId()),
                "SK", AttributeValue.fromS("ANALYSIS"),
                "document", AttributeValue.fromS(document),
                "analyzedAt", AttributeValue.fromS(analysis.analyzedAt().toString()));
        AwsFailures.storeCall("state table " + table, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public Map<String, AnalysisView> latestOf(java.util.Collection<String> incidentIds) {
        List<Map<String, AttributeValue>> keys = incidentIds.stream().distinct()
                .map(id -> Map.of("PK", AttributeValue.fromS("INCIDENT#" + id), "SK", AttributeValue.fromS("ANALYSIS")))
                .toList();
        Map<String, AnalysisView> out = new java.util.LinkedHashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, keys)) {
            out.put(item.get("PK").s().substring("INCIDENT#".length()), view(item.get("document").s()));
        }
        return out;
    }

    @Override
    public Optional<AnalysisView> latest(String incidentId) {
        var response = AwsFailures.storeCall("state table " + table, () -> dynamo.getItem(b -> b.tableName(table)
                .consistentRead(true).key(Map.of("PK", AttributeValue.fromS("INCIDENT#" + incidentId),
                        "SK", AttributeValue.fromS("ANALYSIS")))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(view(response.item().get("document").s()));
    }

    /** The stored document read back ({@link AnalysisView#from}). */
    private static AnalysisView view(String document) {
        try {
            return AnalysisView.from(JSON.readValue(document, new TypeReference<Map<String, Object>>() {
            }));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("stored analysis document is not an analysis", e);
        }
    }
}
