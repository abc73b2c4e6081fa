package io.awoooi.drift;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A Kubernetes API for the function: the fabric8 mock server in CRUD mode, with one namespace. */
public class ClusterResource implements QuarkusTestResourceLifecycleManager {
    // kept strongly reachable: java.util.logging forgets levels of collected loggers
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static KubernetesMockServer server;
    static KubernetesClient client;

    @Override
    public Map<String, String> start() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        var expectations = new java.util.HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(),
                expectations, new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(expectations),
                false);
        server.init();
        client = server.createClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        return Map.of("awoooi.kubernetes.master", server.url("/"));
    }

    /** A Deployment as kubectl apply left it ({@code declaredImage}), then its image set by hand. */
    static Deployment applied(String name, String declaredImage, String liveImage) {
        Deployment declared = deployment(name, declaredImage);
        String json = client.getKubernetesSerialization().asJson(declared);
        return new DeploymentBuilder(deployment(name, liveImage)).editMetadata()
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", json).endMetadata().build();
    }

    private static Deployment deployment(String name, String image) {
        return new DeploymentBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Override
    public void stop() {
        if (server != null) {
            client.close();
            server.destroy();
        }
    }
}
