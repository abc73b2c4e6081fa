package io.awoooi.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.narrative.NarrationRequest;
import io.awoooi.core.narrative.PromptBuilder;
import io.awoooi.core.privacy.PiiSamples;
import io.awoooi.core.privacy.PiiSamples.Value;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.InMemoryVaultStore;
import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.LabelBook;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.LocalKeyRing;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.Vault;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The prompt path: the analysis writes the pseudonymized alerts' keys and values into the model's
 * prompt ({@link AnalyzeIncident#incidentText}); the prompt guard the analysis wires is the leak
 * guard, the same detector as the shield. Whatever the shield wrote must pass it; a raw value in a
 * key must not.
 */
class IncidentPromptPrivacyTest {
    private static final PiiScanner SCANNER = new PiiScanner();
    private final LeakGuard guard = new LeakGuard(SCANNER, report -> {
    }, Clock.systemUTC());
    private final Vault vault = new Vault(new InMemoryVaultStore(), new LocalKeyRing(), Clock.systemUTC());

    @Test
    void pseudonymizedKeysAndValues_fullPrompt_passesTheGuard() {
        Random random = new Random(77L);
        PiiSamples samples = new PiiSamples(random);
        Pseudonymizer pseudonymizer = new Pseudonymizer(SCANNER, false);
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < 500; c++) {
            // GIVEN an alert with values in keys and values
            Value v1 = samples.next();
            Value v2 = samples.next();
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", "HostDown");
            labels.put(samples.prefix() + v1.text() + samples.suffix(),
                    samples.prefix() + v2.text() + samples.suffix());
            labels.put("secret", "db-creds");
            Map<String, String> annotations = Map.of("summary",
                    "peer " + samples.prefix() + v2.text() + samples.suffix());
            LabelBook book = vault.open("inc_" + c);
            IncidentEvent event = event(pseudonymizer.redactLabels(labels, book),
                    pseudonymizer.redactLabels(annotations, book));
            // WHEN the analysis builds the prompt  THEN the guard lets it through
            String prompt = new PromptBuilder().build(new NarrationRequest("inc_" + c,
                    AnalyzeIncident.incidentText(event),
                    List.of("root cause: shop/db"), "restart_pod: params: namespace, pod", List.of("restart_pod")))
                    .text();
            try {
                guard.check("llm-prompt", "inc_" + c, prompt);
            } catch (LeakGuard.LeakBlockedException blocked) {
                failures.add(v1.kind() + "/" + v2.kind() + " " + blocked.report().findings() + " in "
                        + AnalyzeIncident.incidentText(event).replace("\n", "⏎"));
            }
        }
        assertThat(failures).as(String.join("\n", failures.subList(0, Math.min(20, failures.size())))).isEmpty();
    }

    @Test
    void rawIpv6InALabelKey_promptBlocked() {
        IncidentEvent raw = event(Map.of("alertname", "HostDown", "k_fe80::1", "x"), Map.of());
        assertThatThrownBy(() -> guard.check("llm-prompt", "inc_1", AnalyzeIncident.incidentText(raw)))
                .isInstanceOf(LeakGuard.LeakBlockedException.class);
    }

    private static IncidentEvent event(Map<String, String> labels, Map<String, String> annotations) {
        RedactedAlert alert = new RedactedAlert("fp", Instant.parse("2026-11-25T03:00:00Z"), AlertStatus.FIRING,
                Optional.empty(), labels, annotations, "");
        return new IncidentEvent("inc", "n1", "gkh", AlertStatus.FIRING, Instant.parse("2026-11-25T03:00:01Z"),
                Map.of(), labels, annotations, List.of(alert));
    }
}
