package io.awoooi.core.action;

import java.util.Optional;

/**
 * A container resource {@code set_resources} may raise, with the absolute cap no raise goes beyond
 * ({@link #cap()}).
 */
public enum ContainerResource {
    /** Bytes; capped at {@value #MEMORY_CAP}. */
    MEMORY("memory", ContainerResource.MEMORY_CAP),
    /** Cores; capped at {@value #CPU_CAP}. */
    CPU("cpu", ContainerResource.CPU_CAP);

    /** The most memory set_resources sets: a limit or request above this is a capacity decision, not a fix. */
    public static final String MEMORY_CAP = "16Gi";
    /** The most cpu set_resources sets. */
    public static final String CPU_CAP = "8";

    private final String id;
    private final Quantity cap;

    ContainerResource(String id, String cap) {
        this.id = id;
        this.cap = Quantity.parse(cap).orElseThrow();
    }

    /** The key in a container's {@code resources.limits} / {@code resources.requests}, also the parameter value. */
    public String id() {
        return id;
    }

    /** The largest value set_resources may set. */
    public Quantity cap() {
        return cap;
    }

    public static Optional<ContainerResource> fromId(String id) {
        for (ContainerResource r : values()) {
            if (r.id.equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
