package io.awoooi.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Schedule and ScheduleV2 events of the template: each enabled schedule invokes its function
 * (asynchronously, as EventBridge does) with a Scheduled Event, or with the event's Input if it
 * has one. Disabled schedules only fire on demand ({@code ./awoooi invoke}).
 */
final class ScheduleSource implements AutoCloseable {

    /** One schedule event of a function. */
    record Schedule(String functionId, String eventName, ScheduleExpression expression, String expressionText,
            boolean enabled, String input, String ruleArn) {

        /**
         * The event a firing at {@code time} sends. In an Input, EventBridge Scheduler's context
         * attributes are filled in as Scheduler does: {@code <aws.scheduler.scheduled-time>} (ISO-8601,
         * UTC), {@code <aws.scheduler.attempt-number>} (1: the local runtime does not retry),
         * {@code <aws.scheduler.schedule-arn>} and {@code <aws.scheduler.execution-id>}.
         */
        byte[] event(Instant time) {
            if (input == null) {
                return Json.bytes(ScheduledEvent.of(ruleArn, time));
            }
            String filled = input
                    .replace("<aws.scheduler.scheduled-time>",
                            time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                    .replace("<aws.scheduler.attempt-number>", "1")
                    .replace("<aws.scheduler.schedule-arn>", ruleArn)
                    .replace("<aws.scheduler.execution-id>", java.util.UUID
                            .nameUUIDFromBytes((ruleArn + time).getBytes(StandardCharsets.UTF_8)).toString());
            return filled.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final List<Schedule> schedules;
    private final Function<String, FunctionHost> hosts;
    private final Consumer<String> status;
    private final ScheduledExecutorService executor = Executors
            .newSingleThreadScheduledExecutor(Threads.daemon("schedules"));

    ScheduleSource(List<Schedule> schedules, Function<String, FunctionHost> hosts, Consumer<String> status) {
        this.schedules = List.copyOf(schedules);
        this.hosts = hosts;
        this.status = status;
    }

    /** The Schedule / ScheduleV2 events of a function; IllegalArgumentException on a bad expression. */
    static List<Schedule> of(FunctionSpec function) {
        List<Schedule> out = new ArrayList<>();
        for (FunctionSpec.EventSpec event : function.eventsOfType("Schedule", "ScheduleV2")) {
            Map<String, Object> p = event.properties();
            boolean v2 = event.type().equals("ScheduleV2");
            Object expression = p.get(v2 ? "ScheduleExpression" : "Schedule");
            if (!(expression instanceof String text)) {
                throw new IllegalArgumentException(function.logicalId() + " event " + event.name() + ": no "
                        + (v2 ? "ScheduleExpression" : "Schedule"));
            }
            ZoneId zone = p.get("ScheduleExpressionTimezone") instanceof String tz ? ZoneId.of(tz) : ZoneOffset.UTC;
            ScheduleExpression parsed;
            try {
                parsed = ScheduleExpression.parse(text, zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        function.logicalId() + " event " + event.name() + ": " + e.getMessage(), e);
            }
            boolean enabled = !Boolean.FALSE.equals(bool(p.get("Enabled"))) && !"DISABLED".equals(p.get("State"));
            Object input = p.get("Input");
            String inputText = input == null ? null : input instanceof String s ? s : Json.text(input);
            String name = p.get("Name") instanceof String n ? n : "awoooi-local-" + function.logicalId() + event.name();
            String arn = v2
                    ? "arn:aws:scheduler:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":schedule/default/"
                            + name
                    : "arn:aws:events:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":rule/" + name;
            out.add(new Schedule(function.logicalId(), event.name(), parsed, text, enabled, inputText, arn));
        }
        return out;
    }

    List<Schedule> schedules() {
        return schedules;
    }

    void start() {
        Instant now = Instant.now();
        for (Schedule schedule : schedules) {
            if (schedule.enabled()) {
                scheduleNext(schedule, now);
            } else {
                status.accept("schedule " + schedule.functionId() + "/" + schedule.eventName()
                        + " is disabled: it fires on demand only");
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void scheduleNext(Schedule schedule, Instant after) {
        Optional<Instant> next = schedule.expression().next(after);
        if (next.isEmpty()) {
            status.accept("schedule " + schedule.functionId() + "/" + schedule.eventName() + " ("
                    + schedule.expressionText() + ") has no further firing");
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), next.get()).toMillis());
        try {
            executor.schedule(() -> fire(schedule, next.get()), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void fire(Schedule schedule, Instant time) {
        scheduleNext(schedule, time);
        FunctionHost host = hosts.apply(schedule.functionId());
        host.invokeAsync(schedule.event(time)).thenAccept(result -> {
            if (!result.succeeded()) {
                status.accept(
                        "schedule " + schedule.functionId() + "/" + schedule.eventName() + ": the invocation failed ("
                                + result.errorType() + ")");
            }
        });
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value == null ? null : Boolean.valueOf(String.valueOf(value));
    }
}
