package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 mock API server in CRUD mode (an in-memory store; expectations registered on
 * {@link #server()}, such as {@link LocalAccessReviews}, answer before it), with a client that does
 * not retry: a stopped server fails the first request instead of after ~20 s of backoff.
 */
final class MockCluster implements AutoCloseable {
    // kept strongly reachable: java.util.logging forgets levels of collected loggers
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING); // it logs every request at INFO
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        client = server.createClient(b -> b.editOrNewConfig()
                .withRequestRetryBackoffLimit(0)
                // generous: a local mock server answers at once, but a loaded machine may be slow
                .withConnectionTimeout(10_000)
                .withRequestTimeout(30_000)
                .endConfig());
    }

    KubernetesClient client() {
        return client;
    }

    KubernetesMockServer server() {
        return server;
    }

    /** Creates the objects as given, status included (the CRUD store keeps it). */
    MockCluster with(HasMetadata... objects) {
        for (HasMetadata object : objects) {
            client.resource(object).create();
        }
        return this;
    }

    MockCluster withDemo() {
        DemoCluster.seedDemo(client);
        return this;
    }

    /** Stops the API server; the client stays and its next request fails. */
    void stopServer() {
        server.destroy();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
