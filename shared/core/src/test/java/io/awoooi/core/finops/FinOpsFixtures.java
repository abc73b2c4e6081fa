package io.awoooi.core.finops;

import io.awoooi.core.finops.ClusterInventory.Claim;
import io.awoooi.core.finops.ClusterInventory.Node;
import io.awoooi.core.finops.ClusterInventory.Owner;
import io.awoooi.core.finops.ClusterInventory.Pod;
import io.awoooi.core.finops.UsageHistory.PodUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A pricing table with round numbers, so every figure can be worked out by hand:
 * vCPU-hour $0.04 and GiB-hour $0.005 (ratio 8:1). On {@code m.large} (2 vCPU, 8 GiB, $0.10/h) one GiB
 * costs 0.10 / (2 x 8 + 8) = $0.1/24 an hour and one vCPU eight times that.
 */
final class FinOpsFixtures {
    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    static final double GIB = 1024d * 1024 * 1024;

    static final String PRICES = """
            {"source": "test prices", "asOf": "2026-12-01", "vcpuHour": "0.04", "gibHour": "0.005",
             "instanceTypes": {
               "m.large":  {"vcpu": 2, "memoryGib": 8,  "hourly": "0.10"},
               "m.xlarge": {"vcpu": 4, "memoryGib": 16, "hourly": "0.20"},
               "s.small":  {"vcpu": 1, "memoryGib": 2,  "hourly": "0.02"}},
             "storageClasses": {"gp3": "0.08", "io1": "0.125"}}""";

    private FinOpsFixtures() {
    }

    static PricingTable prices() {
        return PricingTable.parse(PRICES, "test");
    }

    static Node node(String name, String type, double cpu, double memGib) {
        return new Node(name, Optional.ofNullable(type), cpu, memGib * GIB, false);
    }

    static Pod pod(String ns, String name, String node, int ageDays, Owner owner, double cpu, double memGib,
            String... claims) {
        return new Pod(ns, name, Optional.ofNullable(node), "Running", NOW.minus(Duration.ofDays(ageDays)),
                Optional.ofNullable(owner), cpu, memGib * GIB, List.of(claims), false);
    }

    static Owner deployment(String name) {
        return new Owner(Owner.DEPLOYMENT, name);
    }

    static Claim claim(String ns, String name, String storageClass, double gib, int ageDays) {
        return new Claim(ns, name, Optional.ofNullable(storageClass), "Bound", gib * GIB,
                NOW.minus(Duration.ofDays(ageDays)), Optional.empty());
    }

    /** Hourly samples over the whole 7-day window: 169 of them. */
    static PodUsage steady(double peakCores, double peakMemGib) {
        return new PodUsage(NOW.minus(Duration.ofDays(7)), NOW, 169, peakCores, OptionalDouble.of(peakMemGib * GIB));
    }

    static UsageHistory usage(Map<String, PodUsage> pods) {
        return new UsageHistory(NOW.minus(Duration.ofDays(7)), NOW, Duration.ofHours(1), pods, Map.of(),
                Optional.empty());
    }

    static WasteAnalysis analysis() {
        return new WasteAnalysis(prices(), FinOpsSettings.defaults());
    }
}
