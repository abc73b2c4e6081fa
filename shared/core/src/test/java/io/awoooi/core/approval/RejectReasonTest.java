package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectReasonTest {

    @Test
    void clean_personalValuesRemovedOneLineBounded() {
        assertThat(RejectReason.clean("  the DB is\nfine,\task  jane.doe@example.org or 10.42.3.17 ")).contains(
                "the DB is fine, ask [removed] or [removed]");
        assertThat(RejectReason.clean("x".repeat(5000)).orElseThrow()).hasSize(RejectReason.MAX);
        assertThat(RejectReason.clean(" \n ")).isEmpty();
        assertThat(RejectReason.clean(null)).isEmpty();
    }
}
