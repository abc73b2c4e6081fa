package io.awoooi.core.finops;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One instance type of the pricing table.
 *
 * @param type the value of the node label {@code node.kubernetes.io/instance-type}, e.g. {@code m5.large}
 * @param vcpu its vCPUs
 * @param memoryGib its memory in GiB
 * @param hourly its on-demand price per hour
 */
public record InstancePrice(String type, int vcpu, BigDecimal memoryGib, BigDecimal hourly) {
    public InstancePrice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(memoryGib, "memoryGib");
        Objects.requireNonNull(hourly, "hourly");
        if (vcpu <= 0 || memoryGib.signum() <= 0 || hourly.signum() <= 0) {
            throw new IllegalArgumentException("an instance type needs positive vCPUs, memory and price");
        }
    }

    /** The memory in bytes. */
    public double memoryBytes() {
        return memoryGib.doubleValue() * Money.GIB;
    }
}
