package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.privacy.PiiType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class VaultTest {
    private final InMemoryVaultStore store = new InMemoryVaultStore();
    private final LocalKeyRing keys = new LocalKeyRing();
    private final Vault vault = new Vault(store, keys, Clock.systemUTC());

    @Test
    void labelFor_sameValueTwice_sameLabelAndNumbersByTypeInOrderOfAppearance() {
        LabelBook book = vault.open("inc_1");
        assertThat(book.labelFor(PiiType.IP, "10.0.0.1").text()).isEqualTo("[IP_1]");
        assertThat(book.labelFor(PiiType.EMAIL, "a@example.com").text()).isEqualTo("[EMAIL_1]");
        assertThat(book.labelFor(PiiType.IP, "10.0.0.2").text()).isEqualTo("[IP_2]");
        assertThat(book.labelFor(PiiType.IP, "10.0.0.1").text()).isEqualTo("[IP_1]");
        assertThat(book.added()).hasSize(3);
    }

    @Test
    void seal_thenReopen_continuesNumberingAndReusesLabels() {
        LabelBook first = vault.open("inc_1");
        first.labelFor(PiiType.IP, "10.0.0.1");
        vault.seal(first);
        LabelBook later = vault.open("inc_1");
        assertThat(later.labelFor(PiiType.IP, "10.0.0.1").text()).isEqualTo("[IP_1]");
        assertThat(later.labelFor(PiiType.IP, "10.0.0.9").text()).isEqualTo("[IP_2]");
        assertThat(later.added()).hasSize(1);
    }

    @Test
    void reveal_sealedLabel_givesTheValue_andRowsHoldNoPlaintext() {
        LabelBook book = vault.open("inc_1");
        Label label = book.labelFor(PiiType.EMAIL, "alice@example.com");
        vault.seal(book);
        assertThat(vault.reveal("inc_1", label)).isEqualTo("alice@example.com");
        VaultEntry row = store.all().get(0);
        assertThat(new String(row.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("alice");
        assertThat(row.valueHash()).doesNotContain("alice");
    }

    @Test
    void valueHash_sameValueInTwoIncidents_differs() {
        assertThat(vault.valueHash("inc_1", "10.0.0.1")).isNotEqualTo(vault.valueHash("inc_2", "10.0.0.1"));
    }

    @Test
    void reveal_unknownLabelOrOtherIncident_throws() {
        LabelBook book = vault.open("inc_1");
        Label label = book.labelFor(PiiType.IP, "10.0.0.1");
        vault.seal(book);
        assertThatThrownBy(() -> vault.reveal("inc_1", new Label(PiiType.IP, 2)))
                .isInstanceOf(UnknownLabelException.class);
        assertThatThrownBy(() -> vault.reveal("inc_2", label)).isInstanceOf(UnknownLabelException.class);
    }

    @Test
    void reveal_rowMovedToAnotherLabel_failsAuthentication() {
        // GIVEN two sealed values
        LabelBook book = vault.open("inc_1");
        book.labelFor(PiiType.IP, "10.0.0.1");
        book.labelFor(PiiType.IP, "10.0.0.2");
        vault.seal(book);
        // WHEN an attacker with table access copies IP_1's sealed value into a row claiming IP_3
        VaultEntry ip1 = store.all().get(0);
        store.add(new VaultEntry("inc_1", new Label(PiiType.IP, 3), ip1.valueHash(), ip1.nonce(), ip1.ciphertext(),
                ip1.wrappedKey(), ip1.createdAt()));
        // THEN the associated data (incident + label) no longer matches
        assertThatThrownBy(() -> vault.reveal("inc_1", new Label(PiiType.IP, 3)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void seal_conflictingWriterTookTheLabel_throwsConflict() {
        LabelBook mine = vault.open("inc_1");
        LabelBook theirs = vault.open("inc_1");
        mine.labelFor(PiiType.IP, "10.0.0.1");
        theirs.labelFor(PiiType.IP, "10.0.0.7");
        vault.seal(theirs);
        assertThatThrownBy(() -> vault.seal(mine)).isInstanceOf(VaultConflictException.class);
    }

    @Test
    void seal_manyRows_oneDataKeyPerVaultInstance() {
        for (int i = 0; i < 5; i++) {
            LabelBook book = vault.open("inc_" + i);
            book.labelFor(PiiType.IP, "10.0.0." + i);
            vault.seal(book);
        }
        assertThat(keys.dataKeysIssued).isEqualTo(1);
    }

    @Test
    void rehydrate_textWithLabels_restoresValues_unknownLabelFails() {
        LabelBook book = vault.open("inc_1");
        String ip = book.labelFor(PiiType.IP, "10.0.0.1").text();
        vault.seal(book);
        Rehydrator rehydrator = new Rehydrator(vault);
        assertThat(rehydrator.rehydrate("inc_1", "restart pod on " + ip + " now"))
                .isEqualTo("restart pod on 10.0.0.1 now");
        assertThatThrownBy(() -> rehydrator.rehydrate("inc_1", "host [IP_9]"))
                .isInstanceOf(UnknownLabelException.class);
        assertThatThrownBy(() -> rehydrator.rehydrate("inc_1", "host [NOPE_1]"))
                .isInstanceOf(UnknownLabelException.class);
    }
}
