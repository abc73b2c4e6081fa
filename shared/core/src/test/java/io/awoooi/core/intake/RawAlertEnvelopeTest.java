package io.awoooi.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawAlertEnvelopeTest {
    @Test
    void encodeThenDecode_givesTheSameMessage() {
        String payload = "{\"version\":\"4\",\"note\":\"caf\u00e9 \u2603\"}".repeat(100);
        RawAlertMessage message = new RawAlertMessage("inc_1", "nk", "gk", Instant.parse("2026-11-25T03:00:00Z"), payload);
        String body = RawAlertEnvelope.encode(message);
        assertThat(RawAlertEnvelope.decode(body)).isEqualTo(message);
        assertThat(body.length()).as("compressed").isLessThan(payload.length() / 4);
        assertThat(body).doesNotContain("caf");
    }

    @Test
    void decode_foreignBody_isRejected() {
        assertThatThrownBy(() -> RawAlertEnvelope.decode("{\"format\":99}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawAlertEnvelope.decode("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
