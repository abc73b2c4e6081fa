package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seeds a Kubernetes API (in practice the fabric8 mock server in CRUD mode) with manifests, and
 * ships the AWOOOI demo topology ({@value #RESOURCE}, namespace {@value #NAMESPACE}):
 *
 * <pre>
 * ingress -> frontend -> auth-service, product-api, order-api
 * order-api -> postgres-db (StatefulSet behind the Service "postgres"; pod postgres-db-0 in
 *              CrashLoopBackOff, 12 restarts, 0/1 ready: unhealthy), redis (CACHE), kafka (QUEUE)
 * </pre>
 *
 * plus pods for every workload, the PVC {@code postgres-data-postgres-db-0} and a
 * PodDisruptionBudget for postgres-db.
 *
 * <p>Statuses in the manifests are kept: the object is created with its status, and if the API
 * server dropped it (a real API server does; the fabric8 7.5 mock server keeps it) the status is
 * written again through the status subresource.
 */
public final class DemoCluster {
    public static final String RESOURCE = "/demo/demo-cluster.yaml";
    public static final String NAMESPACE = "shop";

    private DemoCluster() {
    }

    /** The demo manifests (multi-document YAML); the caller closes the stream. */
    public static InputStream demoManifests() {
        InputStream in = DemoCluster.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        return in;
    }

    /** Seeds the demo topology; returns the objects as stored. */
    public static List<HasMetadata> seedDemo(KubernetesClient client) {
        try (InputStream in = demoManifests()) {
            return seed(client, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates every object of a multi-document YAML (or JSON) manifest stream, Namespaces first, the
     * rest in file order, each as {@code kubectl apply} would (the last-applied annotation, see
     * {@link #applied}). An object that already exists is replaced, so seeding twice is harmless.
     *
     * @return the objects as stored, in creation order
     * @throws KubernetesClientException when the API refuses an object
     */
    public static List<HasMetadata> seed(KubernetesClient client, InputStream manifests) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(manifests, "manifests");
        List<HasMetadata> items = client.load(manifests).items();
        List<HasMetadata> ordered = new ArrayList<>();
        items.stream().filter(i -> i instanceof Namespace).forEach(ordered::add);
        items.stream().filter(i -> !(i instanceof Namespace)).forEach(ordered::add);

        List<HasMetadata> stored = new ArrayList<>();
        for (HasMetadata item : ordered) {
            if (!(item instanceof Namespace)) {
                item = applied(client, item);
            }
            HasMetadata created = client.resource(item).createOr(NonDeletingOperation::update);
            Object wanted = status(client, item);
            if (wanted != null && !wanted.equals(status(client, created))) {
                HasMetadata withStatus = client.getKubernetesSerialization().clone(item);
                withStatus.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
                created = client.resource(withStatus).updateStatus();
            }
            stored.add(created);
        }
        return stored;
    }

    /**
     * The object as {@code kubectl apply -f} leaves it: the manifest (without its status) in the
     * {@code kubectl.kubernetes.io/last-applied-configuration} annotation, the desired state the drift
     * scan compares against (issue #15), so the seeded cluster starts undrifted.
     */
    static HasMetadata applied(KubernetesClient client, HasMetadata item) {
        HasMetadata declared = client.getKubernetesSerialization().clone(item);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = new java.util.LinkedHashMap<>(
                client.getKubernetesSerialization().convertValue(declared, Map.class));
        tree.remove("status");
        String json = client.getKubernetesSerialization().asJson(tree);
        HasMetadata out = client.getKubernetesSerialization().clone(item);
        Map<String, String> annotations = out.getMetadata().getAnnotations() == null ? new java.util.LinkedHashMap<>()
                : new java.util.LinkedHashMap<>(out.getMetadata().getAnnotations());
        annotations.put(LAST_APPLIED, json);
        out.getMetadata().setAnnotations(annotations);
        return out;
    }

    /** kubectl's client-side apply annotation. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** The object's status as a generic tree, or null when it has none. */
    private static Object status(KubernetesClient client, HasMetadata object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = client.getKubernetesSerialization().convertValue(object, Map.class);
        Object status = tree.get("status");
        return status instanceof Map<?, ?> map && map.isEmpty() ? null : status;
    }
}
