package io.awoooi.core.evidence;

import java.util.Optional;

/** A container's requests and limits as Kubernetes quantities ({@code 512Mi}, {@code 250m}); empty when unset. */
public record Resources(Optional<String> cpuRequest, Optional<String> cpuLimit, Optional<String> memoryRequest,
        Optional<String> memoryLimit) {
    public static Resources none() {
        return new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
