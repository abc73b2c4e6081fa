package io.awoooi.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The list's filters: their forms, their refusals, and the store's default filtered listing. */
class IncidentFilterTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void parse_statusInstantsAndRelativeTimes() {
        IncidentFilter f = IncidentFilter.parse(Optional.of("firing"), Optional.of("2h"),
                Optional.of("2026-11-25T11:59:00Z"), NOW);
        assertThat(f.status()).contains(IncidentStatus.FIRING);
        assertThat(f.since()).contains(NOW.minus(Duration.ofHours(2)));
        assertThat(f.until()).contains(Instant.parse("2026-11-25T11:59:00Z"));
        assertThat(IncidentFilter.parse(Optional.empty(), Optional.of("30m"), Optional.of(""), NOW).since())
                .contains(NOW.minus(Duration.ofMinutes(30)));
        assertThat(IncidentFilter.parse(Optional.empty(), Optional.of("7d"), Optional.empty(), NOW).since())
                .contains(NOW.minus(Duration.ofDays(7)));
        assertThat(IncidentFilter.parse(Optional.of(" "), Optional.empty(), Optional.empty(), NOW).isNone()).isTrue();
    }

    @Test
    void parse_badValues_refusedNamingTheParameter() {
        assertThatThrownBy(() -> IncidentFilter.parse(Optional.of("open"), Optional.empty(), Optional.empty(), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("status must be FIRING or RESOLVED");
        assertThatThrownBy(() -> IncidentFilter.parse(Optional.empty(), Optional.of("2 hours"), Optional.empty(), NOW))
                .hasMessageStartingWith("since must be an ISO-8601 instant");
        assertThatThrownBy(() -> IncidentFilter.parse(Optional.empty(), Optional.empty(), Optional.of("-1d"), NOW))
                .hasMessageStartingWith("until must be");
        assertThatThrownBy(() -> IncidentFilter.parse(Optional.empty(), Optional.of("1h"), Optional.of("2h"), NOW))
                .hasMessage("since must not be after until");
    }

    @Test
    void defaultFilteredListing_pagesThroughAndKeepsOnlyAccepted() {
        // GIVEN six incidents, one a minute, every other one resolved
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        for (int i = 0; i < 6; i++) {
            Instant at = NOW.minus(Duration.ofMinutes(10 - i));
            Alert firing = new Alert(AlertStatus.FIRING, Map.of("alertname", "A" + i), Map.of(), at, Optional.empty(),
                    "", "fp" + i);
            Incident incident = Incident.open("inc_" + i, "g" + i, List.of(firing), at);
            if (i % 2 == 1) {
                incident = incident.apply(List.of(new Alert(AlertStatus.RESOLVED, Map.of("alertname", "A" + i),
                        Map.of(), at, Optional.of(at.plusSeconds(1)), "", "fp" + i)), at.plusSeconds(1));
            }
            store.create(incident);
        }
        IncidentFilter firingRecent = new IncidentFilter(Optional.of(IncidentStatus.FIRING),
                Optional.of(NOW.minus(Duration.ofMinutes(9))), Optional.empty());
        // WHEN / THEN the firing ones since 9 min ago, newest first, two per page
        IncidentStore.IncidentPage first = store.listNewest(2, Optional.empty(), firingRecent);
        assertThat(first.incidents()).extracting(Incident::id).containsExactly("inc_4", "inc_2");
        IncidentStore.IncidentPage rest = store.listNewest(2, first.nextPageToken(), firingRecent);
        assertThat(rest.incidents()).extracting(Incident::id).isEmpty();
        assertThat(rest.nextPageToken()).isEmpty();
    }
}
