package io.awoooi.core.action;

/**
 * The namespaces Kubernetes reserves for itself ({@code kube-system}, {@code kube-public},
 * {@code kube-node-lease}, and every {@code kube-} name, a prefix the project reserves): what runs
 * there keeps the cluster running, and a pod there that looks idle (a bare pod a bootstrap left, an
 * agent) is not ours to delete. delete_pod is never proposed there and its dry-run and the executor
 * refuse it.
 */
public final class SystemNamespaces {
    private SystemNamespaces() {
    }

    public static boolean isSystem(String namespace) {
        return namespace != null && namespace.startsWith("kube-");
    }
}
