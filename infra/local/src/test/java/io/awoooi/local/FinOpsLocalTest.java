package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The local runtime's parts of issue #14: Scheduler's context attributes, the invoke box. */
class FinOpsLocalTest {

    @Test
    void scheduleV2Input_contextAttributes_filledInAsSchedulerDoes() {
        // GIVEN the template's FinOps schedule input
        ScheduleSource.Schedule s = new ScheduleSource.Schedule("FinOpsScanFunction", "Scan",
                ScheduleExpression.parse("rate(1 day)", ZoneOffset.UTC), "rate(1 day)", true,
                "{\"scheduledTime\":\"<aws.scheduler.scheduled-time>\",\"attempt\":\"<aws.scheduler.attempt-number>\"}",
                "arn:aws:scheduler:us-east-1:000000000000:schedule/default/x");
        // WHEN it fires
        String event = new String(s.event(Instant.parse("2026-12-07T00:00:00.123Z")), StandardCharsets.UTF_8);
        // THEN the scheduled time (to the second) and attempt 1 are in it
        assertThat(event).isEqualTo("{\"scheduledTime\":\"2026-12-07T00:00:00Z\",\"attempt\":\"1\"}");
    }

    @Test
    void readable_answerWithABox_printsTheBox_otherAnswersAsTheyCame() {
        String answer = "{\"reportId\":\"fin_20261207T000000Z\",\"latest\":true,\"box\":\"BOX\\n\"}";
        assertThat(ControlClient.readable(answer)).startsWith("BOX\nreport fin_20261207T000000Z (the latest");
        assertThat(ControlClient.readable("{\"statusCode\":202}")).isEqualTo("{\"statusCode\":202}");
        // the drift scan's box names its own API and no outbox links
        assertThat(ControlClient.readable("{\"box\":\"DRIFT\\n\",\"reportId\":\"drf_1\",\"latest\":true}"))
                .isEqualTo("DRIFT\nreport drf_1 (the latest: GET /v1/drift/reports/latest)");
        assertThat(ControlClient.readable("not json")).isEqualTo("not json");
    }
}
