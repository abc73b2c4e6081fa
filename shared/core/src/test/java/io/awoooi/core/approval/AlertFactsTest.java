package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.shield.RedactedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertFactsTest {
    private static final Instant T = Instant.parse("2024-05-14T08:41:10Z");

    private static RedactedAlert alert(String name, String severity, AlertStatus status, Instant startsAt,
            Map<String, String> annotations, String generatorUrl) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("alertname", name);
        if (severity != null) {
            labels.put("severity", severity);
        }
        return new RedactedAlert("fp-" + name, startsAt, status, Optional.empty(), labels, annotations, generatorUrl);
    }

    @Test
    void of_leadIsTheWorstFiringAlert_itsSummaryIsTheHeadline() {
        AlertFacts facts = AlertFacts.of(List.of(
                alert("Warn", "warning", AlertStatus.FIRING, T.minusSeconds(600), Map.of("summary", "slow"), ""),
                alert("Gone", "critical", AlertStatus.RESOLVED, T.minusSeconds(900), Map.of("summary", "old"), ""),
                alert("Down", "critical", AlertStatus.FIRING, T, Map.of("summary", "PostgreSQL on [IP_1]\n is down",
                        "runbook_url", "https://runbooks.example/pg"), "http://prometheus:9090/graph?g0.expr=pg_up")),
                Map.of());
        assertThat(facts.headline()).isEqualTo("PostgreSQL on [IP_1] is down");
        assertThat(facts.severity()).isEqualTo("critical");
        assertThat(facts.since()).contains(T.minusSeconds(600));
        assertThat(facts.alerts()).isEqualTo(2);
        assertThat(facts.runbookUrl()).contains("https://runbooks.example/pg");
        assertThat(facts.generatorUrl()).contains("http://prometheus:9090/graph?g0.expr=pg_up");
    }

    @Test
    void of_noSummaryNoSeverity_alertNameAndNoLinksButHttp() {
        AlertFacts facts = AlertFacts.of(List.of(alert("KubePodCrashLooping", null, AlertStatus.FIRING, T,
                Map.of("runbook_url", "javascript:alert(1)"), "http://[IP_1]:9090/graph")), Map.of("summary", " "));
        assertThat(facts.headline()).isEqualTo("KubePodCrashLooping");
        assertThat(facts.severity()).isEmpty();
        assertThat(facts.runbookUrl()).isEmpty();
        assertThat(facts.generatorUrl()).isEmpty();
        assertThat(AlertFacts.of(List.of(), Map.of()).known()).isFalse();
    }

    @Test
    void of_longSummary_cutToTheLimit() {
        AlertFacts facts = AlertFacts.of(List.of(alert("A", "info", AlertStatus.FIRING, T,
                Map.of("summary", "x".repeat(1000)), "")), Map.of());
        assertThat(facts.headline()).hasSize(AlertFacts.MAX_HEADLINE).endsWith("…");
    }
}
