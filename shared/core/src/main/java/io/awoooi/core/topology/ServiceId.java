package io.awoooi.core.topology;

import java.util.Objects;

/** A service in the topology: a Kubernetes namespace and a name (Service or workload name). */
public record ServiceId(String namespace, String name) implements Comparable<ServiceId> {
    public ServiceId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** "namespace/name" */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    @Override
    public int compareTo(ServiceId o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }
}
