package io.awoooi.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedBatchTest {
    @Test
    void process_allSucceed_noFailures() {
        List<String> done = new ArrayList<>();
        OrderedBatch.Result r = OrderedBatch.process(List.of("a", "b"), s -> s, done::add);
        assertThat(r.allSucceeded()).isTrue();
        assertThat(done).containsExactly("a", "b");
    }

    @Test
    void process_secondFails_itAndEveryLaterOneComeBackUnprocessed() {
        List<String> done = new ArrayList<>();
        OrderedBatch.Result r = OrderedBatch.process(List.of("a", "b", "c", "d"), s -> "id-" + s, s -> {
            if (s.equals("b")) {
                throw new IllegalStateException("boom");
            }
            done.add(s);
        });
        assertThat(done).containsExactly("a");
        assertThat(r.failedIds()).containsExactly("id-b", "id-c", "id-d");
        assertThat(r.firstError()).hasMessage("boom");
    }
}
