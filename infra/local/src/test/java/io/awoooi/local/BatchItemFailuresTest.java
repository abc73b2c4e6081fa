package io.awoooi.local;

import static io.awoooi.local.TestFunctions.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchItemFailuresTest {

    private static final List<String> BATCH = List.of("m1", "m2", "m3");

    @Test
    void toKeep_functionError_wholeBatchStays() {
        // GIVEN a failed invocation / WHEN asked / THEN every message stays
        assertThat(BatchItemFailures.toKeep(InvocationResult.error("E", "x"), BATCH, true)).containsExactly("m1", "m2",
                "m3");
        assertThat(BatchItemFailures.toKeep(InvocationResult.timeout("t"), BATCH, false)).hasSize(3);
    }

    @Test
    void toKeep_successWithoutReporting_allDeleted() {
        // GIVEN a success while ReportBatchItemFailures is off / WHEN asked / THEN nothing stays, whatever it answered
        assertThat(BatchItemFailures.toKeep(ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}"), BATCH, false))
                .isEmpty();
    }

    @Test
    void toKeep_reportedFailures_onlyThoseStay() {
        // GIVEN m2 reported as failed / WHEN asked / THEN only m2 stays
        assertThat(BatchItemFailures.toKeep(ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}"), BATCH, true))
                .containsExactly("m2");
    }

    @Test
    void toKeep_emptyOrNullResponses_allDeleted() {
        // GIVEN the answers Lambda reads as complete success / WHEN asked / THEN nothing stays
        for (String payload : List.of("", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}")) {
            assertThat(BatchItemFailures.toKeep(ok(payload), BATCH, true)).as(payload).isEmpty();
        }
    }

    @Test
    void toKeep_unreadableResponses_wholeBatchStays() {
        // GIVEN the answers Lambda reads as complete failure / WHEN asked / THEN every message stays
        for (String payload : List.of("not json", "\"ok\"", "{\"batchItemFailures\":{}}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
                "{\"batchItemFailures\":[{\"id\":\"m1\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m9\"}]}")) {
            assertThat(BatchItemFailures.toKeep(ok(payload), BATCH, true)).as(payload).containsExactly("m1", "m2",
                    "m3");
        }
    }

    private static InvocationResult ok(String payload) {
        return InvocationResult.success(utf8(payload));
    }
}
