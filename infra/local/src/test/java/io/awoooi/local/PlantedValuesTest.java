package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.testing.HostileWebhooks;
import io.awoooi.testing.PlantedValues;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planted values of the stress harness: each is what the Privacy Shield finds on its own (so a
 * leak is a defect, not a value the scanner could never see), and the leak scan's pattern finds each
 * one wherever it stands; the generator is reproducible.
 */
class PlantedValuesTest {

    @Test
    void of_everyKind_foundWholeByThePrivacyShieldScanner() {
        // GIVEN 200 values of each kind, written as the generator writes them (at a token boundary)
        PiiScanner scanner = new PiiScanner();
        Random random = new Random(7);
        for (PlantedValues.Kind kind : PlantedValues.Kind.values()) {
            for (int i = 0; i < 200; i++) {
                String value = PlantedValues.of(kind, random);
                String text = kind == PlantedValues.Kind.SECRET ? "login with password=" + value + " ok"
                        : "seen " + value + " ok";
                // WHEN scanned
                List<Finding> findings = scanner.scan(text);
                // THEN one finding covers the whole value
                assertThat(findings).as(kind + " " + i).anySatisfy(f -> {
                    assertThat(f.start()).isLessThanOrEqualTo(text.indexOf(value));
                    assertThat(f.end()).isGreaterThanOrEqualTo(text.indexOf(value) + value.length());
                });
            }
        }
    }

    @Test
    void find_plantedValueInsideWordsAndEscaped_foundAndOthersNot() {
        // GIVEN planted values, and the same shapes not planted
        Random random = new Random(11);
        String email = PlantedValues.of(PlantedValues.Kind.EMAIL, random);
        String ip = PlantedValues.of(PlantedValues.Kind.IP, random);
        String jwt = PlantedValues.of(PlantedValues.Kind.JWT, random);
        String other = PlantedValues.of(PlantedValues.Kind.EMAIL, random);
        Set<String> planted = Set.of(email, ip, jwt);
        String text = "x" + email + "y " + email.replace("@", "%40") + " " + email.replace("@", "\\u0040") + " "
                + ip + "1 [IP_1] " + jwt + "z " + other;
        // WHEN / THEN every planted occurrence is found (in a longer word, URL- or JSON-escaped), no other
        assertThat(PlantedValues.find(text, planted)).extracting(PlantedValues.Occurrence::value)
                .containsExactly(email, email, email, ip, jwt);
        assertThat(PlantedValues.find("[EMAIL_1] [IP_2] 198.18.1.2", planted)).isEmpty();
    }

    @Test
    void hostile_sameSeedAndIndex_sameBodyWithItsPlantedValuesInIt() {
        // GIVEN two generators of one seed
        HostileWebhooks a = HostileWebhooks.uniqueGroups(42, "run");
        HostileWebhooks b = HostileWebhooks.uniqueGroups(42, "run");
        int withValues = 0;
        for (int i = 0; i < 300; i++) {
            // WHEN body i is drawn from each
            HostileWebhooks.Body x = a.hostile(i);
            HostileWebhooks.Body y = b.hostile(i);
            // THEN the same bytes, and every listed value is in them
            assertThat(x.bytes()).isEqualTo(y.bytes());
            assertThat(x.planted()).allSatisfy(v -> assertThat(x.text()).contains(v));
            withValues += x.planted().isEmpty() ? 0 : 1;
        }
        assertThat(withValues).isGreaterThan(100);
        assertThat(a.innocent(3).bytes()).isEqualTo(b.innocent(3).bytes());
        assertThat(a.innocent(3).planted()).hasSize(7);
    }
}
