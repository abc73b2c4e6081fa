package io.awoooi.core.alert;

import java.time.Instant;
import java.util.Objects;

/** Identifies one alert instance inside an incident: the label fingerprint plus when it started. */
public record AlertKey(String fingerprint, Instant startsAt) implements Comparable<AlertKey> {
    public AlertKey {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startsAt, "startsAt");
    }

    @Override
    public int compareTo(AlertKey o) {
        int c = fingerprint.compareTo(o.fingerprint);
        return c != 0 ? c : startsAt.compareTo(o.startsAt);
    }

    @Override
    public String toString() {
        return fingerprint + "@" + startsAt;
    }
}
