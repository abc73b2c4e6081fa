package io.awoooi.local;

import io.awoooi.kube.DemoCluster;
import io.awoooi.kube.LocalAccessReviews;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local Kubernetes API: fabric8's mock server in CRUD mode (an in-memory API server; no
 * server-side apply, and a dry run there really writes), seeded with the demo topology or with the
 * manifests of {@code ./awoooi up --cluster FILE}. It grants every SelfSubjectAccessReview
 * ({@link LocalAccessReviews}), so the approval dry-run's RBAC check passes locally; the mock server
 * has no RBAC of its own. Functions reach it through the standard Kubernetes client variables.
 * With the bundled demo, a {@link DemoController} plays the workload controllers' part (replacing
 * restarted pods); with {@code --cluster FILE} nothing does. With KUBECONFIG set, the runtime starts
 * none and passes it on.
 */
final class LocalCluster implements AutoCloseable {
    // kept strongly reachable: java.util.logging forgets levels of collected loggers
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING); // it logs every request at INFO
    }

    /** The demo's FinOps findings (issue #14): an orphaned claim in namespace archive. */
    static final String FINOPS_DEMO = "/demo/finops-cluster.yaml";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final int objects;
    /** Only with the bundled demo; null with manifests of one's own. */
    private final DemoController controller;

    private LocalCluster(Path manifests) throws IOException {
        // CRUD store behind the expectations: LocalAccessReviews answers access reviews first
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        LocalAccessReviews.answer(server);
        client = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
        int seeded;
        try (InputStream in = manifests == null ? DemoCluster.demoManifests() : Files.newInputStream(manifests)) {
            seeded = DemoCluster.seed(client, in).size();
        }
        if (manifests == null) {
            // beside the demo shop, in a namespace of its own: what the FinOps scan finds (an orphaned claim)
            try (InputStream in = LocalCluster.class.getResourceAsStream(FINOPS_DEMO)) {
                if (in == null) {
                    throw new IllegalStateException(FINOPS_DEMO + " is not on the classpath");
                }
                seeded += DemoCluster.seed(client, in).size();
            }
        }
        objects = seeded;
        controller = manifests == null ? DemoController.start(client, DemoCluster.NAMESPACE) : null;
    }

    /** @param manifests a multi-document YAML of manifests, or null for the demo topology */
    static LocalCluster start(Path manifests) throws IOException {
        return new LocalCluster(manifests);
    }

    String url() {
        return client.getMasterUrl().toString();
    }

    int objects() {
        return objects;
    }

    KubernetesClient client() {
        return client;
    }

    /** What a function needs to talk to this API server with the fabric8 client's own settings. */
    Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBERNETES_MASTER", url());
        env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        env.put("KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT", "0");
        return env;
    }

    @Override
    public void close() {
        if (controller != null) {
            controller.close();
        }
        client.close();
        server.destroy();
    }
}
