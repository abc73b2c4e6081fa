package io.awoooi.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The EventBridge "Scheduled Event" a schedule sends its target. */
final class ScheduledEvent {

    private ScheduledEvent() {
    }

    static ObjectNode of(String ruleArn, Instant time) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalStack.ACCOUNT_ID);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalStack.REGION);
        event.putArray("resources").add(ruleArn);
        event.putObject("detail");
        return event;
    }
}
