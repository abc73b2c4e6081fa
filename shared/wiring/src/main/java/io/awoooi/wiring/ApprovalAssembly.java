package io.awoooi.wiring;

import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.notify.NotificationChannels;
import io.awoooi.wiring.ApprovalParts.Links;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The approval parts of a function, by what it does with links: {@link #parts(Links)}. The settings
 * are read once; a role's parts are built on first use (so the executor's role never reads the link
 * key, and a function with two roles, the approval function and its expiry sweep, builds each once).
 * Every role shares the function's notification channels (one HTTP client) and its Privacy Shield
 * leak guard (the {@link StateStores#leakGuard} bean).
 */
@Singleton
public class ApprovalAssembly {
    private final ApprovalSettings settings;
    private final Tables tables;
    private final DynamoDbClient dynamo;
    private final LeakGuard guard;
    private final Map<Links, ApprovalParts> parts = new EnumMap<>(Links.class);
    private List<NotificationChannel> channels;

    @Inject
    ApprovalAssembly(ApprovalSettings settings, Tables tables, DynamoDbClient dynamo, LeakGuard guard) {
        this.settings = settings;
        this.tables = tables;
        this.dynamo = dynamo;
        this.guard = guard;
    }

    /** The parts of a function that issues, verifies, or neither, approval links. */
    public synchronized ApprovalParts parts(Links links) {
        return parts.computeIfAbsent(links, l -> parts(ApprovalParts.Settings.from(settings, tables, l)));
    }

    /**
     * Parts from settings the function made itself (the MCP bridge: links at each request's host);
     * built anew on each call.
     */
    public synchronized ApprovalParts parts(ApprovalParts.Settings own) {
        if (channels == null) {
            channels = NotificationChannels.fromSettings(Environment.lookup());
        }
        return new ApprovalParts(own, dynamo, channels, guard, Clock.systemUTC());
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
