package io.awoooi.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelFingerprintTest {

    @Test
    void of_emptyLabelSet_isTheFnv1aOffsetBasis() {
        // Prometheus' emptyLabelSignature is the bare FNV-1a 64 offset basis.
        assertThat(LabelFingerprint.of(Map.of())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void of_singleLabel_matchesFnv1aOverNameSeparatorValueSeparator() {
        // FNV-1a 64 of the bytes 'a' 0xff 'b' 0xff, computed by hand from the algorithm's definition.
        long h = 0xcbf29ce484222325L;
        for (int b : new int[] {'a', 0xff, 'b', 0xff}) {
            h = (h ^ b) * 0x100000001b3L;
        }
        assertThat(LabelFingerprint.of(Map.of("a", "b"))).isEqualTo(String.format("%016x", h));
    }

    @Test
    void of_realAlertmanagerAlert_matchesTheFingerprintAlertmanagerComputed() {
        // Alertmanager 0.25.0 (Debian) answered GET /api/v2/alerts with fingerprint 82479ed8e20da056
        // for exactly these labels.
        assertThat(LabelFingerprint.of(Map.of("alertname", "PostgresDown", "instance", "10.0.0.1:5432",
                "severity", "critical"))).isEqualTo("82479ed8e20da056");
    }

    @Test
    void of_sameLabelsInAnyOrder_isTheSame() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("alertname", "PostgresDown");
        one.put("instance", "10.0.0.1:5432");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("instance", "10.0.0.1:5432");
        other.put("alertname", "PostgresDown");
        assertThat(LabelFingerprint.of(one)).isEqualTo(LabelFingerprint.of(other)).hasSize(16);
    }

    @Test
    void of_differentValueOrName_differs() {
        String base = LabelFingerprint.of(Map.of("alertname", "A", "instance", "x"));
        assertThat(LabelFingerprint.of(Map.of("alertname", "A", "instance", "y"))).isNotEqualTo(base);
        // the separator keeps "ab"+"c" apart from "a"+"bc"
        assertThat(LabelFingerprint.of(Map.of("ab", "c"))).isNotEqualTo(LabelFingerprint.of(Map.of("a", "bc")));
    }
}
