package io.awoooi.core.finops;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Measured usage over the scan's window, per pod, from hourly samples: the CPU rate of each hour (in
 * cores, {@code rate(container_cpu_usage_seconds_total[1h])} summed over the pod's containers) and the
 * memory working set. When the metrics could not be read at all, {@link #unavailable()} says why and
 * nothing is measured.
 *
 * @param from the window's start
 * @param to the window's end (the scan's time)
 * @param step the spacing of the samples
 * @param pods {@code namespace/pod} to its usage; a pod absent here was not measured
 * @param claimLastUsed {@code namespace/claim} to the last time a pod was seen mounting it, when known
 */
public record UsageHistory(Instant from, Instant to, Duration step, Map<String, PodUsage> pods,
        Map<String, Instant> claimLastUsed, Optional<String> unavailable) {
    public UsageHistory {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(step, "step");
        pods = Map.copyOf(pods);
        claimLastUsed = Map.copyOf(claimLastUsed);
        Objects.requireNonNull(unavailable, "unavailable");
    }

    /** No metrics: every figure that needs usage is reported as not measured, with this reason. */
    public static UsageHistory unavailable(Instant from, Instant to, Duration step, String why) {
        return new UsageHistory(from, to, step, Map.of(), Map.of(), Optional.of(why));
    }

    public Optional<PodUsage> of(String podKey) {
        return Optional.ofNullable(pods.get(podKey));
    }

    /** How many samples a series covering the whole window has. */
    public long expectedSamples() {
        return Duration.between(from, to).dividedBy(step) + 1;
    }

    /**
     * One pod's usage.
     *
     * @param firstSample the first hour with a CPU sample in the window
     * @param lastSample the last
     * @param samples how many CPU samples there are
     * @param maxCpuCores the highest hourly CPU rate
     * @param maxMemoryBytes the highest working set, when measured
     */
    public record PodUsage(Instant firstSample, Instant lastSample, long samples, double maxCpuCores,
            OptionalDouble maxMemoryBytes) {
        public PodUsage {
            Objects.requireNonNull(firstSample, "firstSample");
            Objects.requireNonNull(lastSample, "lastSample");
            Objects.requireNonNull(maxMemoryBytes, "maxMemoryBytes");
        }

        /** Merges another batch of samples of the same pod. */
        public PodUsage merge(PodUsage other) {
            OptionalDouble mem = maxMemoryBytes.isPresent() && other.maxMemoryBytes.isPresent()
                    ? OptionalDouble.of(Math.max(maxMemoryBytes.getAsDouble(), other.maxMemoryBytes.getAsDouble()))
                    : maxMemoryBytes.isPresent() ? maxMemoryBytes : other.maxMemoryBytes;
            return new PodUsage(firstSample.isBefore(other.firstSample) ? firstSample : other.firstSample,
                    lastSample.isAfter(other.lastSample) ? lastSample : other.lastSample, samples + other.samples,
                    Math.max(maxCpuCores, other.maxCpuCores), mem);
        }
    }
}
