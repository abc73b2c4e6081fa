package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.PiiScanner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
    private static final String GHP = "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";
    private final Pseudonymizer pseudonymizer = new Pseudonymizer(new PiiScanner(), false);
    private final LabelBook book = new LabelBook("inc_1", List.of(), v -> v);

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            m.put(keysAndValues[k], keysAndValues[k + 1]);
        }
        return m;
    }

    @Nested
    class Keys {
        @Test
        void keyWithIpv4_pseudonymizedLikeAValue() {
            // GIVEN the label from issue #10, stored raw until now
            Map<String, String> out = pseudonymizer.redactLabels(ordered("k_10.0.12.7", "x"), book);
            // THEN the key carries the label
            assertThat(out).containsExactly(Map.entry("k_[IP_1]", "x"));
        }

        @Test
        void sameValueInKeyAndValue_sameLabel_keyNumberedFirst() {
            Map<String, String> out = pseudonymizer.redactLabels(ordered(
                    "instance", "10.0.0.9:9100", "k_10.0.12.7", "10.0.12.7", "user_fe80::1", "up"), book);
            assertThat(out).containsExactly(Map.entry("instance", "[IP_1]:9100"), Map.entry("k_[IP_2]", "[IP_2]"),
                    Map.entry("user_[IP_3]", "up"));
        }

        @Test
        void annotationKeysAndValues_shareTheBookWithLabels() {
            pseudonymizer.redactLabels(ordered("owner", "alice@example.com"), book);
            Map<String, String> annotations = pseudonymizer.redactLabels(
                    ordered("alice@example.com_note", "paged alice@example.com:9100"), book);
            assertThat(annotations).containsExactly(Map.entry("[EMAIL_1]_note", "paged [EMAIL_1]:9100"));
        }

        @Test
        void twoKeysThatComeOutTheSame_bothKeptWithASuffix() {
            // GIVEN a raw key that already holds label text, and a key whose address gets that label
            Map<String, String> out = pseudonymizer.redactLabels(ordered(
                    "k_[IP_1]", "first", "k_10.0.0.1", "second", "k_[IP_1]#2", "third"), book);
            // THEN no value is overwritten: the later keys get #2, then the next free suffix
            assertThat(out).containsExactly(Map.entry("k_[IP_1]", "first"), Map.entry("k_[IP_1]#2", "second"),
                    Map.entry("k_[IP_1]#2#2", "third"));
        }

        @Test
        void keysWithoutValues_unchanged() {
            Map<String, String> out = pseudonymizer.redactLabels(ordered("alertname", "X", "severity", "page"), book);
            assertThat(out).containsExactly(Map.entry("alertname", "X"), Map.entry("severity", "page"));
            assertThat(book.size()).isZero();
        }
    }

    @Nested
    class ValuesUnderSecretKeys {
        @Test
        void kubeStateMetricsSecretLabel_wholeValueLabelled() {
            // GIVEN a value the scanner finds only next to its key ("secret":"db-creds" in the event JSON)
            Map<String, String> out = pseudonymizer.redactLabels(ordered("secret", "db-creds", "type", "Opaque"), book);
            assertThat(out).containsExactly(Map.entry("secret", "[SECRET_1]"), Map.entry("type", "Opaque"));
        }

        @Test
        void typedTokenUnderSecretKey_keepsItsType() {
            Map<String, String> out = pseudonymizer.redactLabels(ordered("api_token", GHP, "db_password", "10.0.0.1"),
                    book);
            assertThat(out).containsExactly(Map.entry("api_token", "[GITHUB_TOKEN_1]"),
                    Map.entry("db_password", "[SECRET_1]"));
        }

        @Test
        void secretKeyWithAddress_keyAndValueBothLabelled() {
            Map<String, String> out = pseudonymizer.redactLabels(ordered("password_fe80::1", "c0rrect horse\n"), book);
            assertThat(out).containsExactly(Map.entry("password_[IP_1]", "[SECRET_1]\n"));
        }

        @Test
        void literalsAndPlaceholders_kept() {
            Map<String, String> out = pseudonymizer.redactLabels(
                    ordered("password", "null", "token", "", "api_key", "****", "secret", "  "), book);
            assertThat(out).containsExactly(Map.entry("password", "null"), Map.entry("token", ""),
                    Map.entry("api_key", "****"), Map.entry("secret", "  "));
        }
    }

    @Nested
    class KubernetesNames {
        private final Pseudonymizer labelling = new Pseudonymizer(new PiiScanner(), true);

        @Test
        void keyThatIsExactlyAName_kept_nameInsideAKey_labelled() {
            // GIVEN namespace "app" and pod "web-0", with Kubernetes names labelled
            Map<String, String> labels = ordered("namespace", "app", "pod", "web-0", "app", "shop", "probe/web-0", "1");
            labelling.learnNames(labels, book);
            Map<String, String> out = labelling.redactLabels(labels, book);
            // THEN the schema key "app" stays (the analysis reads it); the pod inside a key is labelled
            assertThat(out).containsExactly(Map.entry("namespace", "[NAMESPACE_1]"), Map.entry("pod", "[POD_1]"),
                    Map.entry("app", "shop"), Map.entry("probe/[POD_1]", "1"));
        }
    }
}
