package io.awoooi.kube;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which namespaces topology discovery reads: every namespace (list calls across the cluster, which
 * needs cluster-wide list RBAC) or a fixed list (one list call per namespace and kind).
 */
public final class NamespaceSelection {
    private static final NamespaceSelection ALL = new NamespaceSelection(List.of());

    private final List<String> namespaces;

    private NamespaceSelection(List<String> namespaces) {
        this.namespaces = namespaces;
    }

    /** Every namespace of the cluster. */
    public static NamespaceSelection all() {
        return ALL;
    }

    /** Exactly these namespaces (at least one; duplicates are dropped, order kept). */
    public static NamespaceSelection of(Collection<String> namespaces) {
        Objects.requireNonNull(namespaces, "namespaces");
        List<String> distinct = namespaces.stream().map(n -> Objects.requireNonNull(n, "namespace").strip())
                .filter(n -> !n.isEmpty()).distinct().toList();
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("a namespace selection needs at least one namespace (or use all())");
        }
        return new NamespaceSelection(distinct);
    }

    public static NamespaceSelection of(String... namespaces) {
        return of(List.of(namespaces));
    }

    /**
     * Parses a configuration value: blank or "*" means all namespaces, otherwise a comma-separated
     * list ("shop,payments").
     */
    public static NamespaceSelection parse(String value) {
        if (value == null || value.isBlank() || value.strip().equals("*")) {
            return ALL;
        }
        return of(List.of(value.split(",")));
    }

    public boolean isAll() {
        return namespaces.isEmpty();
    }

    /** The selected namespaces; empty when {@link #isAll()}. */
    public List<String> namespaces() {
        return namespaces;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceSelection other && namespaces.equals(other.namespaces);
    }

    @Override
    public int hashCode() {
        return namespaces.hashCode();
    }

    @Override
    public String toString() {
        return isAll() ? "all namespaces" : "namespaces " + String.join(",", namespaces);
    }
}
