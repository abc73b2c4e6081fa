package io.awoooi.core.approval;

import static io.awoooi.core.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link TrustStore} port, run against every implementation: the in-memory
 * fake here, the DynamoDB adapter in shared/aws (through the core test-jar). Each test uses patterns
 * of its own, so a shared table is fine.
 */
public abstract class TrustStoreContract {

    /** A store, possibly shared between tests. */
    protected abstract TrustStore store();

    private static ActionPattern freshPattern() {
        return new ActionPattern("restart_pod:shop/nginx-" + UUID.randomUUID() + "-*");
    }

    @Test
    void score_patternNeverSeen_isZero() {
        // GIVEN / WHEN / THEN
        assertThat(store().score(freshPattern())).isZero();
    }

    @Test
    void increment_twice_answersEachNewScoreAndKeepsIt() {
        // GIVEN a pattern never seen
        ActionPattern pattern = freshPattern();

        // WHEN two approvals succeed
        int first = store().increment(pattern);
        int second = store().increment(pattern);

        // THEN each answer is the new score, and the score is kept
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(store().score(pattern)).isEqualTo(2);
    }

    @Test
    void reset_earnedTrust_answersTheOldScoreAndStartsAgainFromZero() {
        // GIVEN a pattern with trust 3
        ActionPattern pattern = freshPattern();
        for (int i = 0; i < 3; i++) {
            store().increment(pattern);
        }

        // WHEN a rejection resets it
        int old = store().reset(pattern);

        // THEN the old score comes back, the score is 0, and it counts up again from there
        assertThat(old).isEqualTo(3);
        assertThat(store().score(pattern)).isZero();
        assertThat(store().increment(pattern)).isEqualTo(1);
    }

    @Test
    void reset_patternNeverSeen_answersZeroAndStaysZero() {
        // GIVEN a pattern never seen
        ActionPattern pattern = freshPattern();

        // WHEN it is reset, twice
        int first = store().reset(pattern);
        int second = store().reset(pattern);

        // THEN nothing was earned, nothing is
        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(store().score(pattern)).isZero();
    }

    @Test
    void increment_onePattern_leavesTheOthersAlone() {
        // GIVEN two patterns, one with trust
        ActionPattern earned = freshPattern();
        ActionPattern other = freshPattern();
        store().increment(earned);
        store().increment(earned);

        // WHEN the other is reset and the first read
        store().reset(other);

        // THEN each has its own score
        assertThat(store().score(earned)).isEqualTo(2);
        assertThat(store().score(other)).isZero();
    }

    @Test
    void increment_manyAtOnce_noneIsLostAndEachSeesItsOwnScore() throws Exception {
        // GIVEN 16 approvals of the same pattern finishing together
        ActionPattern pattern = freshPattern();
        int threads = 16;

        // WHEN they increment at once
        List<Integer> scores = race(threads, i -> store().increment(pattern));

        // THEN every increment counted, and each answer was a different new score
        assertThat(store().score(pattern)).isEqualTo(threads);
        assertThat(scores).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).isBetween(1, threads));
    }
}
