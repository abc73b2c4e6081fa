package io.awoooi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.privacy.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quick checks that the benchmark measures what it claims (no benchmark runs here). */
class BenchInputsTest {
    @Test
    void webhook_requestedSizes_closeToTarget() {
        // GIVEN the two benchmark sizes  WHEN generated  THEN each is at least the size and at most ~1 alert more
        for (int size : new int[] {4096, 65536}) {
            String body = AlertPayloads.webhook(size, 20261125L);
            assertThat(body.length()).isBetween(size, size + 1200);
            assertThat(body).startsWith("{\"version\":\"4\"").endsWith("]}");
        }
    }

    @Test
    void webhook_carriesPersonalData_scannerFindsSeveralTypes() {
        // GIVEN a 64 KB payload  WHEN scanned  THEN it has a realistic density of several types
        String body = AlertPayloads.webhook(65536, 20261125L);
        List<Finding> findings = new PiiScanner().scan(body);
        assertThat(findings.size()).isGreaterThan(300);
        assertThat(findings).extracting(Finding::type)
                .contains(PiiType.IP, PiiType.EMAIL, PiiType.UUID, PiiType.SECRET, PiiType.CREDENTIALS, PiiType.BEARER);
    }

    @Test
    void baseline_andScanner_bothRedactTheObviousValues() {
        // GIVEN a line with an address, an email and a token
        String text = "login failed for alice@example.com from 10.0.0.1 token=abc123 at 03:00:00";
        // WHEN both redact it
        String baseline = RegexBaseline.redact(text);
        String scanner = Redaction.replace(text, new PiiScanner().scan(text));
        // THEN both remove the values
        assertThat(baseline).doesNotContain("alice@example.com", "10.0.0.1", "abc123").contains("03:00:00");
        assertThat(scanner).isEqualTo("login failed for [EMAIL] from [IP] token=[SECRET] at 03:00:00");
        assertThat(RegexBaseline.patternCount()).isGreaterThanOrEqualTo(17);
    }
}
