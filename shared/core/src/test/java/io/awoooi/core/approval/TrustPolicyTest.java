package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.RiskLevel;
import org.junit.jupiter.api.Test;

class TrustPolicyTest {
    @Test
    void quorumFor_highAtTrust9_staysHigh() {
        // GIVEN / WHEN a HIGH action one approval short of the threshold
        Quorum q = TrustPolicy.quorumFor(RiskLevel.HIGH, 9);

        // THEN it still needs two
        assertThat(q).isEqualTo(Quorum.forLevel(RiskLevel.HIGH));
    }

    @Test
    void quorumFor_highAtTrust10_needsWhatMediumNeeds() {
        // GIVEN / WHEN a HIGH action at the threshold and far past it
        Quorum at = TrustPolicy.quorumFor(RiskLevel.HIGH, 10);
        Quorum past = TrustPolicy.quorumFor(RiskLevel.HIGH, 1_000);

        // THEN it needs one operator, never less than MEDIUM's row
        assertThat(at).isEqualTo(Quorum.forLevel(RiskLevel.MEDIUM));
        assertThat(past).isEqualTo(Quorum.forLevel(RiskLevel.MEDIUM));
    }

    @Test
    void quorumFor_mediumAtTrust4_staysMedium() {
        // GIVEN / WHEN a MEDIUM action one approval short of the threshold
        Quorum q = TrustPolicy.quorumFor(RiskLevel.MEDIUM, 4);

        // THEN it still needs one signature
        assertThat(q).isEqualTo(Quorum.forLevel(RiskLevel.MEDIUM));
        assertThat(q.automatic()).isFalse();
    }

    @Test
    void quorumFor_mediumAtTrust5_needsWhatLowNeeds() {
        // GIVEN / WHEN a MEDIUM action at the threshold
        Quorum q = TrustPolicy.quorumFor(RiskLevel.MEDIUM, 5);

        // THEN it needs no signature
        assertThat(q).isEqualTo(Quorum.forLevel(RiskLevel.LOW));
        assertThat(q.automatic()).isTrue();
    }

    @Test
    void quorumFor_highAtTrust5_staysHigh() {
        // GIVEN / WHEN a HIGH action with enough trust for MEDIUM's downgrade only
        Quorum q = TrustPolicy.quorumFor(RiskLevel.HIGH, 5);

        // THEN MEDIUM's threshold does not apply to HIGH
        assertThat(q).isEqualTo(Quorum.forLevel(RiskLevel.HIGH));
    }

    @Test
    void quorumFor_criticalAndLow_neverMove() {
        // GIVEN / WHEN CRITICAL and LOW at trust 0, 5, 10 and far more
        for (int trust : new int[] {0, 4, 5, 9, 10, 11, 1_000_000}) {
            // THEN each keeps its own row
            assertThat(TrustPolicy.quorumFor(RiskLevel.CRITICAL, trust)).as("CRITICAL at %d", trust)
                    .isEqualTo(Quorum.forLevel(RiskLevel.CRITICAL));
            assertThat(TrustPolicy.quorumFor(RiskLevel.LOW, trust)).as("LOW at %d", trust)
                    .isEqualTo(Quorum.forLevel(RiskLevel.LOW));
        }
    }

    @Test
    void quorumFor_trustZero_isTheMatrixRow() {
        // GIVEN / WHEN / THEN without trust every level needs its own row
        for (RiskLevel level : RiskLevel.values()) {
            assertThat(TrustPolicy.quorumFor(level, 0)).as(level.name()).isEqualTo(Quorum.forLevel(level));
        }
    }
}
