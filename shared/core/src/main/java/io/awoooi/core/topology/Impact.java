package io.awoooi.core.topology;

import java.util.Objects;

/**
 * A service in the blast radius: it depends, directly or through others, on a target.
 *
 * @param depth the fewest hops from the service down to any target (1 = calls a target directly)
 */
public record Impact(ServiceId service, int depth) {
    public Impact {
        Objects.requireNonNull(service, "service");
        if (depth < 1) {
            throw new IllegalArgumentException("an impacted service is at least one hop from a target");
        }
    }
}
