package io.awoooi.executor;

import io.awoooi.kube.DemoCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API for the function: the fabric8 mock server in CRUD mode (an in-memory store that
 * answers list, get and create like an API server), seeded with the demo shop. The function's own
 * client reaches it through {@code awoooi.kubernetes.master} (see ExecutorWiring for why a config
 * property and not the client's system properties).
 */
public class DemoClusterResource implements QuarkusTestResourceLifecycleManager {
    // kept strongly reachable: java.util.logging forgets levels of collected loggers
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static KubernetesMockServer server;
    static io.awoooi.kube.LocalAccessReviews reviews;
    static KubernetesClient client;

    @Override
    public Map<String, String> start() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING); // it logs every request at INFO
        // the mock web server's Context, spelled out: QuarkusTestResourceLifecycleManager has its own
        // CRUD store behind expectations: access reviews (the approval dry-run's RBAC check) are answered
        var expectations = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), expectations,
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(expectations), false);
        server.init();
        reviews = io.awoooi.kube.LocalAccessReviews.answer(server);
        client = server.createClient();
        DemoCluster.seedDemo(client);
        return Map.of("awoooi.kubernetes.master", server.url("/"));
    }

    @Override
    public void stop() {
        if (server != null) {
            client.close();
            server.destroy();
        }
    }
}
