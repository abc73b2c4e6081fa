package io.awoooi.core.shield;

import static io.awoooi.core.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.PiiType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link VaultStore} port, run against every implementation: the in-memory
 * fake here, the DynamoDB adapter (vault table) in shared/aws through the core test-jar. Each test
 * uses incidents of its own, so a shared table is fine. The order of {@code entries} is not part of
 * the port ({@link Vault} indexes them by label).
 */
public abstract class VaultStoreContract {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** A store, possibly shared between tests. */
    protected abstract VaultStore store();

    private static String newIncident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A sealed row whose bytes and hash say which label and which attempt wrote it. */
    private static VaultEntry entry(String incidentId, Label label, String writer) {
        return new VaultEntry(incidentId, label, "hash-" + label.text() + "-" + writer,
                ("nonce-" + writer).getBytes(StandardCharsets.UTF_8),
                ("cipher-" + label.text() + "-" + writer).getBytes(StandardCharsets.UTF_8),
                ("wrapped-" + writer).getBytes(StandardCharsets.UTF_8), T0);
    }

    /** VaultEntry's equals compares the identity only; a round trip must keep every byte. */
    private static void assertSameRow(VaultEntry actual, VaultEntry expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.valueHash()).isEqualTo(expected.valueHash());
        assertThat(actual.nonce()).isEqualTo(expected.nonce());
        assertThat(actual.ciphertext()).isEqualTo(expected.ciphertext());
        assertThat(actual.wrappedKey()).isEqualTo(expected.wrappedKey());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
    }

    @Test
    void add_newLabel_isReadBackWithEveryByte() {
        // GIVEN an incident's first sealed value
        String incident = newIncident();
        VaultEntry ip = entry(incident, new Label(PiiType.IP, 1), "a");

        // WHEN it is added and the incident's rows read
        boolean added = store().add(ip);
        List<VaultEntry> rows = store().entries(incident);

        // THEN it was added and comes back whole
        assertThat(added).isTrue();
        assertThat(rows).singleElement().satisfies(row -> assertSameRow(row, ip));
    }

    @Test
    void add_labelTheIncidentHas_isRefusedAndTheFirstRowKept() {
        // GIVEN an incident whose [EMAIL_1] is sealed
        String incident = newIncident();
        Label email = new Label(PiiType.EMAIL, 1);
        VaultEntry first = entry(incident, email, "first");
        store().add(first);

        // WHEN another writer seals a value under the same label
        boolean second = store().add(entry(incident, email, "second"));

        // THEN it is refused, and the first row stays as it was written
        assertThat(second).isFalse();
        assertThat(store().entries(incident)).singleElement().satisfies(row -> assertSameRow(row, first));
    }

    @Test
    void add_sameLabelInAnotherIncident_isItsOwnRow() {
        // GIVEN [IP_1] sealed in one incident
        String one = newIncident();
        String other = newIncident();
        Label ip = new Label(PiiType.IP, 1);
        VaultEntry inOne = entry(one, ip, "one");
        store().add(inOne);

        // WHEN the other incident seals its own [IP_1]
        VaultEntry inOther = entry(other, ip, "other");
        boolean added = store().add(inOther);

        // THEN both exist, each with its incident's value
        assertThat(added).isTrue();
        assertThat(store().entries(one)).singleElement().satisfies(row -> assertSameRow(row, inOne));
        assertThat(store().entries(other)).singleElement().satisfies(row -> assertSameRow(row, inOther));
    }

    @Test
    void entries_unknownIncident_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().entries(newIncident())).isEmpty();
    }

    @Test
    void entries_manyLabelsOfEveryType_allComeBack() {
        // GIVEN an incident with 5 labels of each PII type
        String incident = newIncident();
        List<VaultEntry> written = new ArrayList<>();
        for (PiiType type : PiiType.values()) {
            for (int n = 1; n <= 5; n++) {
                VaultEntry e = entry(incident, new Label(type, n), "w");
                assertThat(store().add(e)).isTrue();
                written.add(e);
            }
        }

        // WHEN its rows are read
        List<VaultEntry> rows = store().entries(incident);

        // THEN every one, whole, and only those
        assertThat(rows).containsExactlyInAnyOrderElementsOf(written);
        for (VaultEntry e : written) {
            assertSameRow(rows.get(rows.indexOf(e)), e);
        }
    }

    @Test
    void add_sameLabelFromManyThreads_exactlyOneRowWins() throws Exception {
        // GIVEN 8 redaction attempts sealing [IP_1] of one incident at once (a redelivered batch)
        String incident = newIncident();
        Label ip = new Label(PiiType.IP, 1);
        int threads = 8;

        // WHEN they all add at once
        List<Boolean> added = race(threads, i -> store().add(entry(incident, ip, "writer-" + i)));

        // THEN one row, one winner, and the row is one writer's whole (never a mix of two)
        assertThat(added).containsOnlyOnce(true);
        VaultEntry row = store().entries(incident).get(0);
        assertThat(store().entries(incident)).hasSize(1);
        String writer = row.valueHash().substring(row.valueHash().lastIndexOf('-') + 1);
        assertSameRow(row, entry(incident, ip, "writer-" + writer));
    }
}
