package io.awoooi.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawAlertEnvelopeTest {
    @Test
    void encodeThenDecode_givesTheSameMessage() {
        String payload = "{\"version\":\"4\",\"note\":\"caf\u00e9 \u2603\"}".repeat(100);
        RawAlertMessage message = new RawAlertMessage("inc_1", "nk", "gk", Instant.parse("2026-11-25T03:00:00Z"),
                payload);
        String body = RawAlertEnvelope.encode(message);
        assertThat(RawAlertEnvelope.decode(body)).isEqualTo(message);
        assertThat(body.length()).as("compressed").isLessThan(payload.length() / 4);
        assertThat(body).doesNotContain("caf");
    }

    @Test
    void encode_receivedAtHasAFixedWidth_soTheSizeDependsOnlyOnThePayload() {
        // GIVEN the same message received at a whole second, a millisecond and a nanosecond
        String payload = "{\"version\":\"4\"}";
        int[] sizes = java.util.stream.Stream
                .of("2026-11-25T03:00:00Z", "2026-11-25T03:00:00.123Z", "2026-11-25T03:00:00.123456789Z")
                .map(Instant::parse)
                .mapToInt(t -> RawAlertEnvelope.sqsBytes(
                        new RawAlertMessage("inc_" + "0".repeat(26), "n".repeat(64), "g".repeat(32), t, payload)))
                .toArray();
        // THEN one size, and every time is read back as it was
        assertThat(sizes).containsOnly(sizes[0]);
        Instant nanos = Instant.parse("2026-11-25T03:00:00.000000001Z");
        RawAlertMessage m = new RawAlertMessage("inc_1", "nk", "gk", nanos, payload);
        assertThat(RawAlertEnvelope.decode(RawAlertEnvelope.encode(m)).receivedAt()).isEqualTo(nanos);
    }

    @Test
    void sqsBytes_isTheBodyPlusEachAttributesNameTypeAndValue() {
        RawAlertMessage m = new RawAlertMessage("inc_abc", "nk", "gk", Instant.parse("2026-11-25T03:00:00Z"), "{}");
        int body = RawAlertEnvelope.encode(m).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(RawAlertEnvelope.attributes(m)).containsExactly(java.util.Map.entry("incidentId", "inc_abc"));
        assertThat(RawAlertEnvelope.sqsBytes(m))
                .isEqualTo(body + "incidentId".length() + "String".length() + "inc_abc".length());
    }

    @Test
    void decode_foreignBody_isRejected() {
        assertThatThrownBy(() -> RawAlertEnvelope.decode("{\"format\":99}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawAlertEnvelope.decode("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
