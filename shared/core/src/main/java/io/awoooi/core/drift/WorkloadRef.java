package io.awoooi.core.drift;

import java.util.Objects;

/** A workload the drift scan reads: {@code Deployment}, {@code StatefulSet} or {@code DaemonSet} in a namespace. */
public record WorkloadRef(String kind, String namespace, String name) implements Comparable<WorkloadRef> {
    public WorkloadRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code Deployment/shop/checkout}. */
    public String key() {
        return kind + "/" + namespace + "/" + name;
    }

    @Override
    public int compareTo(WorkloadRef o) {
        return key().compareTo(o.key());
    }

    @Override
    public String toString() {
        return key();
    }
}
