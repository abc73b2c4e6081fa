package io.awoooi.core.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which incidents a listing shows: by status, and by when they were created ({@code since} and
 * {@code until} both inclusive). Built from the query parameters of {@code GET /v1/incidents}:
 * <ul>
 *   <li>{@code status}: {@code FIRING} or {@code RESOLVED} (any case);</li>
 *   <li>{@code since}, {@code until}: an ISO-8601 instant ({@code 2026-11-25T03:00:00Z}) or a time
 *       before now ({@code 30m}, {@code 2h}, {@code 7d}: minutes, hours, days ago).</li>
 * </ul>
 * Anything else is refused with a message naming the parameter ({@link IllegalArgumentException}:
 * the API answers 400).
 */
public record IncidentFilter(Optional<IncidentStatus> status, Optional<Instant> since, Optional<Instant> until) {
    private static final Pattern RELATIVE = Pattern.compile("([0-9]{1,6})([mhd])");

    public IncidentFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
            throw new IllegalArgumentException("since must not be after until");
        }
    }

    public static IncidentFilter none() {
        return new IncidentFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isNone() {
        return status.isEmpty() && since.isEmpty() && until.isEmpty();
    }

    /** @throws IllegalArgumentException naming the parameter whose value is not one of the accepted forms */
    public static IncidentFilter parse(Optional<String> status, Optional<String> since, Optional<String> until,
            Instant now) {
        Optional<IncidentStatus> s = status.filter(v -> !v.isBlank()).map(v -> {
            try {
                return IncidentStatus.valueOf(v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be FIRING or RESOLVED");
            }
        });
        return new IncidentFilter(s, time("since", since, now), time("until", until, now));
    }

    private static Optional<Instant> time(String name, Optional<String> value, Instant now) {
        return value.filter(v -> !v.isBlank()).map(String::strip).map(v -> {
            Matcher m = RELATIVE.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return now.minus(switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        name + " must be an ISO-8601 instant (2026-11-25T03:00:00Z) or a time"
                                + " before now (30m, 2h, 7d)");
            }
        });
    }

    /** Whether the incident passes the filter. */
    public boolean accepts(Incident incident) {
        return status.map(s -> s == incident.status()).orElse(true)
                && since.map(t -> !incident.createdAt().isBefore(t)).orElse(true)
                && until.map(t -> !incident.createdAt().isAfter(t)).orElse(true);
    }
}
