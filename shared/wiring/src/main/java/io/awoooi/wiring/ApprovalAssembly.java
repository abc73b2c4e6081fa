package io.awoooi.wiring;

import io.awoooi.wiring.ApprovalParts.Links;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The approval parts of a function, by what it does with links: {@link #parts(Links)}. The settings
 * are read once; a role's parts are built on first use (so the executor's role never reads the link
 * key, and a function with two roles, the approval function and its expiry sweep, builds each once).
 */
@Singleton
public class ApprovalAssembly {
    private final ApprovalSettings settings;
    private final Tables tables;
    private final DynamoDbClient dynamo;
    private final Map<Links, ApprovalParts> parts = new EnumMap<>(Links.class);

    @Inject
    ApprovalAssembly(ApprovalSettings settings, Tables tables, DynamoDbClient dynamo) {
        this.settings = settings;
        this.tables = tables;
        this.dynamo = dynamo;
    }

    /** The parts of a function that issues, verifies, or neither, approval links. */
    public synchronized ApprovalParts parts(Links links) {
        return parts.computeIfAbsent(links, l -> ApprovalParts.of(ApprovalParts.Settings.from(settings, tables, l),
                dynamo, Environment.lookup()));
    }

    /** APPROVAL_TTL_MINUTES: how long a request waits for its quorum. */
    public Duration ttl() {
        if (settings.ttlMinutes() < 1) {
            throw new IllegalStateException("APPROVAL_TTL_MINUTES must be at least 1");
        }
        return Duration.ofMinutes(settings.ttlMinutes());
    }

    /** EXECUTIONS_QUEUE_URL, for the functions that dispatch. */
    public String executionsQueueUrl() {
        return Required.value(settings.executionsQueueUrl(), "executions.queue.url");
    }

}
