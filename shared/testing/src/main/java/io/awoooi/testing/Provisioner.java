package io.awoooi.testing;

import static io.awoooi.testing.SamTemplate.QUEUE;
import static io.awoooi.testing.SamTemplate.TABLE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates the template's DynamoDB tables and SQS queues on local servers, from the template itself:
 * there is no second, hand-written list of tables or queues to drift from the deployed one.
 * Properties with no local meaning (SSE, KMS, point-in-time recovery, tags) are left out, and only
 * the properties used are evaluated, so an intrinsic in one of those never gets in the way.
 */
public final class Provisioner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(10);

    /** Template property -> SQS attribute, for those copied as they are. */
    private static final Map<String, QueueAttributeName> QUEUE_ATTRIBUTES = Map.of(
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);

    private Provisioner() {
    }

    /**
     * Creates every AWS::DynamoDB::Table and AWS::SQS::Queue of the template (dead-letter queues
     * before the queues that name them) and returns their local names. Idempotent: a table or queue
     * that already exists under its name is reused as it is.
     */
    public static LocalResources provision(SamTemplate template, DynamoDbClient dynamo, SqsClient sqs) {
        LocalResources names = new LocalResources(template, Map.of());
        for (String id : template.logicalIdsOfType(TABLE)) {
            createTable(template, id, names, dynamo);
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (String id : template.logicalIdsOfType(QUEUE)) {
            createQueue(template, id, names, sqs, urls, new HashSet<>());
        }
        Map<String, String> inTemplateOrder = new LinkedHashMap<>();
        template.logicalIdsOfType(QUEUE).forEach(id -> inTemplateOrder.put(id, urls.get(id)));
        return new LocalResources(template, inTemplateOrder);
    }

    private static void createTable(SamTemplate template, String id, LocalResources names, DynamoDbClient dynamo) {
        String name = names.tableName(id);
        Map<String, Object> p = evaluated(template, id, names, "AttributeDefinitions", "KeySchema",
                "BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes",
                "TimeToLiveSpecification");
        if (describe(dynamo, name) != null) {
            return;
        }
        boolean onDemand = "PAY_PER_REQUEST".equals(p.get("BillingMode"));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(maps(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(text(a.get("AttributeName")))
                                .attributeType(text(a.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(p.get("KeySchema")))
                .billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            request.provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
        }
        List<Map<String, Object>> gsis = maps(p.get("GlobalSecondaryIndexes"));
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis.stream()
                    .map(g -> GlobalSecondaryIndex.builder()
                            .indexName(text(g.get("IndexName")))
                            .keySchema(keySchema(g.get("KeySchema")))
                            .projection(projection(g.get("Projection")))
                            .provisionedThroughput(onDemand ? null : throughput(g.get("ProvisionedThroughput")))
                            .build())
                    .toList());
        }
        List<Map<String, Object>> lsis = maps(p.get("LocalSecondaryIndexes"));
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis.stream()
                    .map(l -> LocalSecondaryIndex.builder()
                            .indexName(text(l.get("IndexName")))
                            .keySchema(keySchema(l.get("KeySchema")))
                            .projection(projection(l.get("Projection")))
                            .build())
                    .toList());
        }
        dynamo.createTable(request.build());
        awaitActive(dynamo, name);
        if (p.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl && isTrue(ttl.get("Enabled"))) {
            try {
                dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(
                        s -> s.attributeName(text(ttl.get("AttributeName"))).enabled(true)));
            } catch (DynamoDbException e) {
                // dynalite has no UpdateTimeToLive: locally, items simply never expire.
            }
        }
    }

    private static void createQueue(SamTemplate template, String id, LocalResources names, SqsClient sqs,
            Map<String, String> urls, Set<String> visiting) {
        if (urls.containsKey(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new IllegalArgumentException("RedrivePolicy cycle through queue " + id);
        }
        Map<String, Object> p = evaluated(template, id, names, "FifoQueue", "ContentBasedDeduplication",
                "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
                "ReceiveMessageWaitTimeSeconds", "RedrivePolicy");
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        if (isTrue(p.get("FifoQueue"))) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    String.valueOf(isTrue(p.get("ContentBasedDeduplication"))));
        }
        QUEUE_ATTRIBUTES.forEach((property, attribute) -> {
            if (p.get(property) != null) {
                attributes.put(attribute, text(p.get(property)));
            }
        });
        if (p.get("RedrivePolicy") != null) {
            Map<String, Object> policy = redrivePolicy(p.get("RedrivePolicy"));
            String dlqArn = String.valueOf(policy.get("deadLetterTargetArn"));
            // SQS refuses a RedrivePolicy naming a queue that does not exist yet: make the DLQ first.
            template.logicalIdsOfType(QUEUE).stream()
                    .filter(q -> names.queueArn(q).equals(dlqArn))
                    .findFirst()
                    .ifPresent(dlq -> createQueue(template, dlq, names, sqs, urls, visiting));
            attributes.put(QueueAttributeName.REDRIVE_POLICY, json(policy));
        }
        String name = names.queueName(id);
        String url;
        try {
            url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        }
        urls.put(id, url);
    }

    /** The named properties of the resource, evaluated; absent ones stay absent. */
    private static Map<String, Object> evaluated(SamTemplate template, String id, LocalResources names,
            String... keys) {
        Map<String, Object> properties = template.properties(id);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            if (properties.containsKey(key)) {
                out.put(key, template.evaluate(properties.get(key), names));
            }
        }
        return out;
    }

    private static TableDescription describe(DynamoDbClient dynamo, String table) {
        try {
            return dynamo.describeTable(r -> r.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    /** The SDK's waiter polls every 20 s; dynalite is ready within milliseconds. */
    private static void awaitActive(DynamoDbClient dynamo, String table) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            TableDescription t = describe(dynamo, table);
            if (t != null && t.tableStatus() == TableStatus.ACTIVE
                    && t.globalSecondaryIndexes().stream().allMatch(g -> g.indexStatus() == IndexStatus.ACTIVE)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "table " + table + " not ACTIVE after " + ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + table, e);
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Object node) {
        return maps(node).stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(text(k.get("AttributeName")))
                        .keyType(text(k.get("KeyType")))
                        .build())
                .toList();
    }

    private static Projection projection(Object node) {
        Map<String, Object> p = node instanceof Map<?, ?> m ? SamTemplate.asMap(m) : Map.of();
        Projection.Builder projection = Projection.builder()
                .projectionType(p.get("ProjectionType") == null ? "KEYS_ONLY" : text(p.get("ProjectionType")));
        if (p.get("NonKeyAttributes") instanceof List<?> attributes) {
            projection.nonKeyAttributes(attributes.stream().map(Provisioner::text).toList());
        }
        return projection.build();
    }

    /** Locally throughput means nothing; CloudFormation requires it for PROVISIONED, we default it. */
    private static ProvisionedThroughput throughput(Object node) {
        Map<String, Object> t = node instanceof Map<?, ?> m ? SamTemplate.asMap(m) : Map.of();
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(text(t.getOrDefault("ReadCapacityUnits", 5))))
                .writeCapacityUnits(Long.parseLong(text(t.getOrDefault("WriteCapacityUnits", 5))))
                .build();
    }

    /** A RedrivePolicy may be written as a map or as a JSON string. */
    private static Map<String, Object> redrivePolicy(Object node) {
        if (node instanceof Map<?, ?> map) {
            return SamTemplate.asMap(map);
        }
        try {
            return SamTemplate.asMap(JSON.readValue(text(node), Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("RedrivePolicy is neither a map nor JSON: " + node, e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> maps(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new IllegalArgumentException("expected a list of maps, got: " + node);
        }
        return list.stream().map(SamTemplate::asMap).toList();
    }

    private static String text(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("missing value in a table or queue definition");
        }
        return String.valueOf(value);
    }

    /** YAML true, or the string "true" (what a !Ref to a parameter gives). */
    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }
}
