package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.privacy.PiiSamples;
import io.awoooi.core.privacy.PiiSamples.Value;
import io.awoooi.core.privacy.PiiScanner;
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
 * Property: generated personal values and secrets, in real-world contexts, in label and annotation
 * keys and values, never leave the shield raw. For each case the pseudonymized maps hold none of
 * the raw values, the same value has the same label in a key and in a value, the leak guard passes
 * the event body and the prompt lines the analysis writes, and blocks the raw input.
 */
class ShieldPropertyTest {
    private static final int CASES = 4_000;
    /** Keys under which a value is a secret as a whole (the scanner's key/value rule). */
    private static final List<String> SECRET_KEYS = List.of("password", "db_password", "api_token", "secret",
            "client_secret", "token_type", "X-Api-Key", "aws_secret_access_key", "private_key",
            "spring.datasource.password");
    private static final List<String> SECRET_VALUES = List.of("hunter2", "db-creds", "c0rrect horse battery",
            "bearer", "${DB_PASSWORD}", "{\"a\":1}", " padded\n", "ünïcödé", "x");
    private static final PiiScanner SCANNER = new PiiScanner();
    private static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(SCANNER, false);
    private final List<LeakGuard.LeakReport> audits = new ArrayList<>();
    private final LeakGuard guard = new LeakGuard(SCANNER, audits::add, Clock.systemUTC());

    @Test
    void generatedValuesInKeysAndValues_pseudonymizedEverywhere_guardPassesOutputAndBlocksInput() {
        Random random = new Random(20261127L);
        PiiSamples samples = new PiiSamples(random);
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            // GIVEN an alert whose label and annotation keys and values carry three values in random contexts
            Value v1 = samples.next();
            Value v2 = samples.next();
            Value v3 = samples.next();
            String[] ctx = {samples.prefix(), samples.suffix(), samples.prefix(), samples.suffix(),
                    samples.prefix(), samples.suffix(), samples.prefix(), samples.suffix()};
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", "HostDown");
            labels.put(ctx[0] + v1.text() + ctx[1], ctx[2] + v2.text() + ctx[3]);
            labels.put("peer", v1.text());
            labels.put("instance", ctx[4] + v3.text() + ctx[5]);
            String secretKey = SECRET_KEYS.get(random.nextInt(SECRET_KEYS.size()));
            String secretValue = random.nextBoolean() ? SECRET_VALUES.get(random.nextInt(SECRET_VALUES.size()))
                    : ctx[0] + v2.text() + ctx[3];
            String secretEntryKey = random.nextBoolean() ? secretKey : secretKey + "_" + v3.text();
            labels.put(secretEntryKey, secretValue);
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", "connection from " + ctx[6] + v2.text() + ctx[7] + " refused");
            annotations.put(ctx[6] + v3.text() + ctx[7], "x");
            List<String> raw = List.of(v1.text(), v2.text(), v3.text());
            String described = v1.kind() + "/" + v2.kind() + "/" + v3.kind() + " " + show(labels) + " "
                    + show(annotations);

            // WHEN pseudonymized with one label book
            LabelBook book = new LabelBook("inc_prop", List.of(), v -> v);
            Map<String, String> outLabels = PSEUDONYMIZER.redactLabels(labels, book);
            Map<String, String> outAnnotations = PSEUDONYMIZER.redactLabels(annotations, book);

            // THEN no raw value is left in a key or a value, nothing was dropped
            Optional<String> leftover = raw.stream().filter(v -> contains(outLabels, v) || contains(outAnnotations, v))
                    .findFirst();
            if (leftover.isPresent()) {
                failures.add("RAW   " + described + " -> " + show(outLabels) + " " + show(outAnnotations));
                continue;
            }
            if (outLabels.size() != labels.size() || outAnnotations.size() != annotations.size()) {
                failures.add("LOST  " + described + " -> " + show(outLabels) + " " + show(outAnnotations));
                continue;
            }
            // AND a value under a key that names a secret is one label (and its trailing whitespace)
            String secretOut = outLabels.get(PSEUDONYMIZER.redactKey(secretEntryKey, book));
            if (secretOut == null || !Label.PATTERN.matcher(secretOut.strip()).matches()) {
                failures.add("SECRT " + described + " -> " + show(outLabels));
                continue;
            }
            // AND a value has the same label in a key as in a value
            if (v1.kind().exact() && !outLabels.containsKey(ctx[0] + outLabels.get("peer") + ctx[1])) {
                failures.add("LABEL " + described + " -> " + show(outLabels));
                continue;
            }
            // AND the leak guard passes the event body and the prompt lines, and blocks the raw input
            String body = IncidentEventCodec.encode(event(outLabels, outAnnotations));
            String prompt = promptLines(outLabels, outAnnotations);
            try {
                guard.check("incidents-queue", "inc_prop", body);
                guard.check("llm-prompt", "inc_prop", prompt);
            } catch (LeakGuard.LeakBlockedException blocked) {
                failures.add("GUARD " + described + " -> " + blocked.report().findings() + " " + show(outLabels) + " "
                        + show(outAnnotations));
                continue;
            }
            String rawBody = IncidentEventCodec.encode(event(labels, annotations));
            try {
                guard.check("incidents-queue", "inc_prop", rawBody);
                failures.add("PASS  " + described + " (the raw event passed the guard)");
            } catch (LeakGuard.LeakBlockedException expected) {
                // the raw input is blocked
            }
        }
        assertThat(failures).as(failures.size() + " of " + CASES + " cases failed; the first:\n  "
                + String.join("\n  ", failures.subList(0, Math.min(30, failures.size())))).isEmpty();
    }

    @Test
    void ipv6InAKey_rawEventBlockedByTheGuard() {
        // GIVEN an event whose only personal value is an IPv6 address in a label key (issue #10)
        String body = IncidentEventCodec.encode(event(Map.of("alertname", "HostDown", "k_fe80::1", "x"), Map.of()));
        // WHEN the guard reads it  THEN it is blocked
        assertThatThrownBy(() -> guard.check("incidents-queue", "inc_prop", body))
                .isInstanceOf(LeakGuard.LeakBlockedException.class);
        assertThat(audits).singleElement()
                .satisfies(r -> assertThat(r.findings()).containsKey(io.awoooi.core.privacy.PiiType.IP));
    }

    static IncidentEvent event(Map<String, String> labels, Map<String, String> annotations) {
        RedactedAlert alert = new RedactedAlert("fp", Instant.parse("2026-11-25T03:00:00Z"), AlertStatus.FIRING,
                Optional.empty(), labels, annotations, "");
        return new IncidentEvent("inc_prop", "n1", "gkh", AlertStatus.FIRING, Instant.parse("2026-11-25T03:00:01Z"),
                Map.of(), labels, annotations, List.of(alert));
    }

    /** The label and annotation lines of the analysis' prompt (AnalyzeIncident.incidentText). */
    static String promptLines(Map<String, String> labels, Map<String, String> annotations) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append("  label ").append(k).append('=').append(v).append('\n'));
        annotations.forEach((k, v) -> sb.append("  annotation ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static boolean contains(Map<String, String> map, String value) {
        return map.entrySet().stream().anyMatch(e -> e.getKey().contains(value) || e.getValue().contains(value));
    }

    private static String show(Map<String, String> map) {
        return map.toString().replace("\n", "⏎").replace("\r", "␍").replace("\t", "⇥");
    }
}
