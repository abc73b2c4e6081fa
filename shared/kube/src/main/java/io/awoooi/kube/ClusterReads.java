package io.awoooi.kube;

import io.awoooi.core.failure.TopologyUnavailableException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Listable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The list calls of topology discovery, paged, over the selected namespaces. A <em>required</em>
 * read (workloads, Services, pods) that fails throws {@link TopologyUnavailableException}; a
 * <em>best-effort</em> read (ReplicaSets, events, claims, nodes, ConfigMaps) that fails is logged as
 * a warning naming the kind, the namespaces and the HTTP code (never a value) and reads as absent:
 * the snapshot is built without those facts.
 */
public final class ClusterReads {
    /** Objects per list call; continue tokens are followed up to {@link #MAX_PAGES} pages. */
    public static final long PAGE_SIZE = 500;
    private static final int MAX_PAGES = 10_000;
    private static final System.Logger LOG = System.getLogger(KubernetesTopologySource.class.getName());

    private final NamespaceSelection namespaces;

    ClusterReads(NamespaceSelection namespaces) {
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
    }

    /** Every object of the kind in the selected namespaces; throws when the list fails. */
    <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> required(String kind,
            MixedOperation<T, L, ?> operation) {
        List<T> items = new ArrayList<>();
        try {
            forEachNamespaced(operation, items::add);
        } catch (KubernetesClientException e) {
            throw new TopologyUnavailableException("cannot list " + kind + " in " + where(namespaces) + httpCode(e), e);
        }
        return items;
    }

    /** Every object of the kind in the selected namespaces; empty (and a warning) when the list fails. */
    <T extends HasMetadata, L extends KubernetesResourceList<T>> Optional<List<T>> bestEffort(String kind,
            MixedOperation<T, L, ?> operation, String without) {
        List<T> items = new ArrayList<>();
        return bestEffortEach(kind, operation, without, items::add) ? Optional.of(items) : Optional.empty();
    }

    /**
     * Hands every object of the kind in the selected namespaces to {@code sink} (which keeps what it
     * needs); false (and a warning) when the list fails.
     */
    <T extends HasMetadata, L extends KubernetesResourceList<T>> boolean bestEffortEach(String kind,
            MixedOperation<T, L, ?> operation, String without, Consumer<T> sink) {
        return bestEffort(kind, where(namespaces), without, () -> forEachNamespaced(operation, sink));
    }

    /**
     * Where a read looked, for a log line: how many namespaces, never their names (with Kubernetes
     * names labelled, a log must not name them; ADR 0014).
     */
    static String where(NamespaceSelection namespaces) {
        int n = namespaces.namespaces().size();
        return namespaces.isAll() ? "all namespaces"
                : n == 1 ? "the selected namespace" : "the " + n + " selected namespaces";
    }

    /**
     * Runs a read; a {@link KubernetesClientException} is logged as a warning ("cannot read
     * {@code kind} in {@code where} (HTTP 403); {@code without}") and returns false.
     */
    static boolean bestEffort(String kind, String where, String without, Runnable read) {
        try {
            read.run();
            return true;
        } catch (KubernetesClientException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read {0} in {1}{2}; {3}", kind, where, httpCode(e), without);
            return false;
        }
    }

    /** Hands every object of the selected namespaces to {@code sink}, page by page. */
    <T extends HasMetadata, L extends KubernetesResourceList<T>> void forEachNamespaced(
            MixedOperation<T, L, ?> operation,
            Consumer<T> sink) {
        if (namespaces.isAll()) {
            forEach(operation.inAnyNamespace(), sink);
        } else {
            for (String namespace : namespaces.namespaces()) {
                forEach(operation.inNamespace(namespace), sink);
            }
        }
    }

    /** Hands every object of one list call to {@code sink}, following continue tokens. */
    public static <T extends HasMetadata, L extends KubernetesResourceList<T>> void forEach(Listable<L> listable,
            Consumer<T> sink) {
        String token = null;
        int pages = 0;
        do {
            L page = listable.list(new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(token).build());
            if (page.getItems() != null) {
                page.getItems().forEach(sink);
            }
            ListMeta meta = page.getMetadata();
            token = meta == null ? null : meta.getContinue();
        } while (token != null && !token.isEmpty() && ++pages < MAX_PAGES);
    }

    private static String httpCode(KubernetesClientException e) {
        return ApiFailures.httpCode(e);
    }
}
