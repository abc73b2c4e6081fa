package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.TrustStore;
import io.awoooi.core.approval.TrustStoreContract;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The trust store on dynalite, the trust table created from the SAM template: the port's contract
 * ({@link TrustStoreContract}, which the in-memory fake passes too), and what only this adapter has:
 * when a score changed, no row for a reset of nothing, the console's scan, transient failures.
 */
class DynamoDbTrustStoreTest extends TrustStoreContract {
    private static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
    private static final LocalAws AWS = LocalAws.shared();

    private final String table = AWS.resources().tableName("TrustTable");
    private final DynamoDbTrustStore store = new DynamoDbTrustStore(AWS.dynamo().client(), table,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Override
    protected TrustStore store() {
        return store;
    }

    private static ActionPattern freshPattern() {
        return new ActionPattern("restart_pod:shop/nginx-" + UUID.randomUUID() + "-*");
    }

    @Test
    void increment_twice_countsUpAndRecordsWhen() {
        // GIVEN a pattern never seen
        ActionPattern pattern = freshPattern();
        // WHEN two approvals succeed
        int first = store.increment(pattern);
        int second = store.increment(pattern);
        // THEN the new scores come back and are stored, with the time of the change
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(store.score(pattern)).isEqualTo(2);
        assertThat(row(pattern).get("updatedAt").s()).isEqualTo(NOW.toString());
    }

    @Test
    void reset_earnedTrust_returnsTheOldScoreAndLeavesZero() {
        // GIVEN a pattern with trust 3
        ActionPattern pattern = freshPattern();
        for (int i = 0; i < 3; i++) {
            store.increment(pattern);
        }
        DynamoDbTrustStore later = new DynamoDbTrustStore(AWS.dynamo().client(), table,
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        // WHEN a rejection resets it (UPDATED_OLD of a successful update: dynalite answers it)
        int old = later.reset(pattern);
        // THEN the old score comes back, the pattern starts again from 0
        assertThat(old).isEqualTo(3);
        assertThat(store.score(pattern)).isZero();
        assertThat(row(pattern).get("updatedAt").s()).isEqualTo(NOW.plusSeconds(60).toString());
        assertThat(store.increment(pattern)).isEqualTo(1);
    }

    @Test
    void reset_unknownPattern_returnsZeroAndWritesNothing() {
        // GIVEN / WHEN
        ActionPattern pattern = freshPattern();
        int old = store.reset(pattern);
        // THEN
        assertThat(old).isZero();
        assertThat(row(pattern)).isEmpty();
    }

    @Test
    void score_serverUnreachable_throwsStoreUnavailable() {
        DynamoDbTrustStore down = new DynamoDbTrustStore(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")), table);
        assertThatThrownBy(() -> down.score(freshPattern())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.increment(freshPattern())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.reset(freshPattern())).isInstanceOf(StoreUnavailableException.class);
    }

    private Map<String, AttributeValue> row(ActionPattern pattern) {
        return AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pattern.value())))).item();
    }

    @Test
    void all_severalPatterns_highestScoreFirstWithWhenTheyChanged() {
        // GIVEN two patterns, one with more trust
        ActionPattern low = freshPattern();
        ActionPattern high = freshPattern();
        store.increment(low);
        store.increment(high);
        store.increment(high);

        // WHEN the console lists them
        var all = store.all(10_000);

        // THEN both, the higher one first, each with its score and time
        assertThat(all).extracting(io.awoooi.core.approval.TrustScores.Entry::pattern).contains(low.value(),
                high.value());
        assertThat(all.stream().map(io.awoooi.core.approval.TrustScores.Entry::pattern).toList().indexOf(high.value()))
                .isLessThan(all.stream().map(io.awoooi.core.approval.TrustScores.Entry::pattern).toList()
                        .indexOf(low.value()));
        assertThat(all).filteredOn(e -> e.pattern().equals(high.value())).singleElement().satisfies(e -> {
            assertThat(e.score()).isEqualTo(2);
            assertThat(e.updatedAt()).hasValue(NOW);
        });
        assertThat(all).isSortedAccordingTo(java.util.Comparator.comparingInt(
                io.awoooi.core.approval.TrustScores.Entry::score).reversed()
                .thenComparing(io.awoooi.core.approval.TrustScores.Entry::pattern));
        assertThat(store.all(1)).hasSize(1);
    }
}
