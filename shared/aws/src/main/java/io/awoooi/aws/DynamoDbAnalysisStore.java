package io.awoooi.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalysisDocument;
import io.awoooi.core.analysis.AnalysisStore;
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
    public Map<String, Map<String, Object>> latestDocuments(java.util.Collection<String> incidentIds) {
        List<Map<String, AttributeValue>> keys = incidentIds.stream().distinct()
                .map(id -> Map.of("PK", AttributeValue.fromS("INCIDENT#" + id), "SK", AttributeValue.fromS("ANALYSIS")))
                .toList();
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, keys)) {
            try {
                out.put(item.get("PK").s().substring("INCIDENT#".length()),
                        JSON.readValue(item.get("document").s(), new TypeReference<Map<String, Object>>() { }));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored analysis document is not JSON", e);
            }
        }
        return out;
    }

    @Override
    public Optional<Map<String, Object>> latestDocument(String incidentId) {
        var response = AwsFailures.storeCall("state table " + table, () -> dynamo.getItem(b -> b.tableName(table)
                .consistentRead(true).key(Map.of("PK", AttributeValue.fromS("INCIDENT#" + incidentId),
                        "SK", AttributeValue.fromS("ANALYSIS")))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(response.item().get("document").s(), new TypeReference<Map<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored analysis document is not JSON", e);
        }
    }
}
