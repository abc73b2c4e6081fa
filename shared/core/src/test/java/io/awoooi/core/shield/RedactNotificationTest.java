package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.intake.RawAlertMessage;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.privacy.PiiType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactNotificationTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    private final InMemoryVaultStore vaultRows = new InMemoryVaultStore();
    private final Vault vault = new Vault(vaultRows, new LocalKeyRing(), Clock.systemUTC());
    private final Map<String, List<RedactedAlert>> saved = new HashMap<>();
    private final List<String> published = new ArrayList<>();
    private final List<LeakGuard.LeakReport> audited = new ArrayList<>();
    private final PiiScanner scanner = new PiiScanner();

    private RedactNotification shield(boolean labelKubernetesNames) {
        RedactedAlertStore alerts = new RedactedAlertStore() {
            @Override
            public void save(String incidentId, List<RedactedAlert> list) {
                saved.computeIfAbsent(incidentId, k -> new ArrayList<>()).addAll(list);
            }

            @Override
            public List<RedactedAlert> alerts(String incidentId) {
                return saved.getOrDefault(incidentId, List.of());
            }
        };
        return new RedactNotification(vault, new Pseudonymizer(scanner, labelKubernetesNames), alerts,
                (event, body) -> published.add(body), new LeakGuard(scanner, audited::add, Clock.systemUTC()));
    }

    static String alert(String status, String ip, String pod, String extra) {
        return """
                {"status":"%s","labels":{"alertname":"PostgresDown","severity":"critical","namespace":"shop","pod":"%s","instance":"%s:5432"},
                 "annotations":{"summary":"Postgres on %s is down","description":"Owner alice@example.com; token %s %s"},
                 "startsAt":"2026-11-25T03:00:00Z","endsAt":"%s","generatorURL":"http://prometheus/graph?g0.expr=up%%7Binstance%%3D%%22%s%%22%%7D","fingerprint":""}
                """
                .formatted(status, pod, ip, ip, JWT, extra,
                        status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-11-25T04:00:00Z", ip);
    }

    static RawAlertMessage raw(String incidentId, String key, String status, String... alerts) {
        String body = """
                {"version":"4","groupKey":"{}:{alertname=\\"PostgresDown\\"}","status":"%s","receiver":"awoooi",
                 "groupLabels":{"alertname":"PostgresDown"},"commonLabels":{"alertname":"PostgresDown"},"commonAnnotations":{},
                 "externalURL":"http://am","alerts":[%s]}
                """
                .formatted(status, String.join(",", alerts));
        return new RawAlertMessage(incidentId, key, "gkh", Instant.parse("2026-11-25T03:00:01Z"), body);
    }

    @Test
    void redact_alertWithIpEmailJwt_replacesEveryValueWithLabelsAndSealsThem() {
        shield(false).redact(raw("inc_1", "n1", "firing", alert("firing", "10.1.2.3", "postgres-db-0", "")));
        String body = published.get(0);
        assertThat(body).contains("[IP_1]", "[EMAIL_1]", "[JWT_1]")
                .doesNotContain("10.1.2.3", "alice@example.com", JWT);
        assertThat(body).as("Kubernetes names are kept by default").contains("postgres-db-0", "shop");
        assertThat(vaultRows.all()).extracting(r -> r.label().text())
                .containsExactlyInAnyOrder("[IP_1]", "[EMAIL_1]", "[JWT_1]");
        assertThat(vault.reveal("inc_1", Label.parse("[IP_1]").orElseThrow())).isEqualTo("10.1.2.3");
        RedactedAlert stored = saved.get("inc_1").get(0);
        assertThat(stored.labels()).containsEntry("instance", "[IP_1]:5432");
    }

    @Test
    void redact_sameIpAcrossAlertsAndLaterResolvedNotification_sameLabel() {
        RedactNotification shield = shield(false);
        RedactNotification.Outcome first = shield.redact(raw("inc_1", "n1", "firing",
                alert("firing", "10.1.2.3", "p-0", ""), alert("firing", "10.9.9.9", "p-1", "")));
        RedactNotification.Outcome second = shield.redact(raw("inc_1", "n2", "resolved",
                alert("resolved", "10.1.2.3", "p-0", ""), alert("resolved", "10.9.9.9", "p-1", "")));
        // the new labels by type (the LabelsCreated metric): the second notification adds none
        assertThat(first.labelsByType()).containsEntry("IP", 2);
        assertThat(first.labelsByType().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(first.labelsAdded());
        assertThat(second.labelsByType()).isEmpty();
        assertThat(published.get(0)).contains("[IP_1]", "[IP_2]");
        assertThat(published.get(1)).contains("[IP_1]", "[IP_2]").doesNotContain("[IP_3]");
        assertThat(vaultRows.all()).filteredOn(r -> r.label().type() == PiiType.IP).hasSize(2);
    }

    @Test
    void redact_redelivered_sameEventNoNewVaultRows() {
        RedactNotification shield = shield(false);
        RawAlertMessage message = raw("inc_1", "n1", "firing", alert("firing", "10.1.2.3", "p-0", ""));
        shield.redact(message);
        int rows = vaultRows.all().size();
        shield.redact(message);
        assertThat(published.get(1)).isEqualTo(published.get(0));
        assertThat(vaultRows.all()).hasSize(rows);
    }

    @Test
    void redact_kubernetesNamesSetting_labelsPodAndNamespaceEverywhere() {
        shield(true).redact(raw("inc_1", "n1", "firing",
                alert("firing", "10.1.2.3", "postgres-db-0", "pod postgres-db-0 restarted")));
        assertThat(published.get(0)).contains("[POD_1]", "[NAMESPACE_1]").doesNotContain("postgres-db-0", "\"shop\"");
    }

    /** An alert whose label keys are chosen by the test; the values are plain. */
    static String alertWithLabels(String labelsJson, String fingerprint) {
        return """
                {"status":"firing","labels":{"alertname":"HostDown",%s},"annotations":{"summary":"host down"},
                 "startsAt":"2026-11-25T03:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"%s"}
                """.formatted(labelsJson, fingerprint);
    }

    @Test
    void redact_addressesInLabelKeys_pseudonymizedInTheStoredAlertsAndTheEvent_revealable() {
        // GIVEN issue #10's label key with an IPv4 address, and one with an IPv6 address
        shield(false).redact(raw("inc_1", "n1", "firing",
                alertWithLabels("\"k_10.0.12.7\":\"x\",\"user_fe80::1\":\"up\"", "")));
        // THEN neither the state table (the incident API) nor the analysis' event holds them
        RedactedAlert stored = saved.get("inc_1").get(0);
        assertThat(stored.labels()).containsEntry("k_[IP_1]", "x").containsEntry("user_[IP_2]", "up")
                .doesNotContainKeys("k_10.0.12.7", "user_fe80::1");
        assertThat(published.get(0)).contains("k_[IP_1]", "user_[IP_2]").doesNotContain("10.0.12.7", "fe80::1");
        // AND the vault still reveals them (the executor's rehydration)
        assertThat(new Rehydrator(vault).rehydrate("inc_1", "ping [IP_1] and [IP_2]"))
                .isEqualTo("ping 10.0.12.7 and fe80::1");
    }

    @Test
    void redact_kubeStateMetricsSecretLabel_labelledAndPublished() {
        // GIVEN a label the event JSON reads as "secret":"<value>": the leak guard blocked the whole
        // redaction before, because the value alone was not a finding
        shield(false).redact(raw("inc_1", "n1", "firing", alertWithLabels("\"secret\":\"db-creds\"", "")));
        assertThat(published).singleElement().asString().contains("\"secret\":\"[SECRET_1]\"")
                .doesNotContain("db-creds");
        assertThat(audited).isEmpty();
    }

    @Test
    void redact_eventStillCarriesAValue_blockedBeforeAnythingIsStored() {
        // GIVEN a raw value in a field the shield does not pseudonymize (the fingerprint is passed through)
        RawAlertMessage message = raw("inc_1", "n1", "firing", alertWithLabels("\"job\":\"node\"", "bob@example.com"));
        // WHEN redacted  THEN the guard blocks it, and neither the incident API's alerts nor the queue got it
        assertThatThrownBy(() -> shield(false).redact(message)).isInstanceOf(LeakGuard.LeakBlockedException.class);
        assertThat(saved).isEmpty();
        assertThat(published).isEmpty();
        assertThat(audited).singleElement().satisfies(r -> assertThat(r.findings()).containsKey(PiiType.EMAIL));
    }

    @Test
    void redact_fingerprintAllDecimalAndLuhnValid_isAnIdentifierNotACard() {
        // GIVEN issue #10's fuzz run: an innocent alert whose Alertmanager fingerprint (16 hex digits)
        // happens to be all decimal and to pass the Luhn check
        shield(false).redact(raw("inc_1", "n1", "firing", alertWithLabels("\"job\":\"node\"", "5962771278332110")));
        // THEN it is published and stored with its identity unchanged, nothing audited
        assertThat(published).singleElement().asString().contains("\"fingerprint\":\"5962771278332110\"");
        assertThat(saved.get("inc_1")).singleElement().extracting(RedactedAlert::fingerprint)
                .isEqualTo("5962771278332110");
        assertThat(audited).isEmpty();
    }

    @Test
    void redact_sameNumberInTextAndFingerprint_textLabelledFingerprintKept() {
        String alert = """
                {"status":"firing","labels":{"alertname":"PaymentFailed","job":"pay"},
                 "annotations":{"summary":"card 5962771278332110 declined"},
                 "startsAt":"2026-11-25T03:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"5962771278332110"}
                """;
        shield(false).redact(raw("inc_1", "n1", "firing", alert));
        RedactedAlert stored = saved.get("inc_1").get(0);
        assertThat(stored.annotations()).containsEntry("summary", "card [CARD_1] declined");
        assertThat(published.get(0)).contains("card [CARD_1] declined");
    }

    @Test
    void leakGuard_identifiers_onlyWholeHexJsonStringsPass() {
        LeakGuard guard = new LeakGuard(scanner, audited::add, Clock.systemUTC());
        java.util.Set<String> ids = java.util.Set.of("5962771278332110", "10.0.12.7", "4111-1111-1111-1111");
        guard.check("q", "inc_1", "{\"fingerprint\":\"5962771278332110\"}", ids);
        // the same digits as free text, an address or a dashed card given as "identifiers" are still values
        assertThatThrownBy(() -> guard.check("q", "inc_1", "{\"s\":\"card 5962771278332110\"}", ids))
                .isInstanceOf(LeakGuard.LeakBlockedException.class);
        assertThatThrownBy(() -> guard.check("q", "inc_1", "{\"fingerprint\":\"10.0.12.7\"}", ids))
                .isInstanceOf(LeakGuard.LeakBlockedException.class);
        assertThatThrownBy(() -> guard.check("q", "inc_1", "{\"fingerprint\":\"4111-1111-1111-1111\"}", ids))
                .isInstanceOf(LeakGuard.LeakBlockedException.class);
    }

    @Test
    void leakGuard_textWithValue_blocksAndAuditsTypesOnly() {
        LeakGuard guard = new LeakGuard(scanner, audited::add, Clock.systemUTC());
        assertThatThrownBy(() -> guard.check("llm", "inc_1", "call bob@example.com about [IP_1]"))
                .isInstanceOf(LeakGuard.LeakBlockedException.class)
                .hasMessageNotContaining("bob@example.com");
        assertThat(audited).singleElement().satisfies(r -> {
            assertThat(r.findings()).containsEntry(PiiType.EMAIL, 1);
            assertThat(r.channel()).isEqualTo("llm");
        });
        guard.check("llm", "inc_1", "[EMAIL_1] reported [IP_1] down since 2026-11-25T03:00:00Z");
    }
}
