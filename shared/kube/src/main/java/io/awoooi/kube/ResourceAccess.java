package io.awoooi.kube;

import java.util.Objects;

/**
 * One request as the API server's authorizer sees it: verb, API group, resource, subresource,
 * namespace and name (the {@code resourceAttributes} of a SubjectAccessReview). A null namespace
 * means every namespace (or a cluster-scoped resource), a null name every name.
 *
 * @param group the API group, {@code ""} for the core group
 */
record ResourceAccess(String verb, String group, String resource, String subresource, String namespace, String name) {
    ResourceAccess {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(resource, "resource");
    }

    /** The same request for every name (a pseudonymized name cannot be asked about). */
    ResourceAccess anyName() {
        return new ResourceAccess(verb, group, resource, subresource, namespace, null);
    }

    /** The same request for every name in every namespace. */
    ResourceAccess anyNamespace() {
        return new ResourceAccess(verb, group, resource, subresource, null, null);
    }

    /** {@code delete pods shop/postgres-db-0}, {@code patch deployments/scale in shop (any name)}, {@code patch nodes node-a}. */
    String describe() {
        String what = verb + " " + resource + (subresource == null ? "" : "/" + subresource);
        if (name != null) {
            // a namespace's own namespace attribute is its name: no "shop/shop"
            boolean prefixed = namespace != null && !namespace.equals(name);
            return what + " " + (prefixed ? namespace + "/" : "") + name;
        }
        if (namespace != null) {
            return what + " in " + namespace + " (any name)";
        }
        return what + (clusterScoped() ? " (any name)" : " (any name, any namespace)");
    }

    private boolean clusterScoped() {
        return group.isEmpty() && (resource.equals("nodes") || resource.equals("namespaces"));
    }
}
