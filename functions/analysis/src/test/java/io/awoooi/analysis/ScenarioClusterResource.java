package io.awoooi.analysis;

import io.awoooi.kube.DemoCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API (fabric8 mock server, CRUD mode) seeded with every diagnosis scenario of
 * {@code src/test/resources/scenarios}, each in its own namespace, and the nodes they share.
 */
public class ScenarioClusterResource implements QuarkusTestResourceLifecycleManager {
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final Pattern TIME = Pattern.compile("\\{\\{now(?:-(\\d+)([smhd]))?}}");

    private KubernetesMockServer server;

    @Override
    public Map<String, String> start() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        var expectations = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        io.awoooi.kube.LocalAccessReviews.answer(server);
        Instant now = Instant.now();
        try (KubernetesClient seeder = server.createClient()) {
            DemoCluster.seed(seeder, manifest("nodes.yaml", now));
            for (String name : Scenarios.names()) {
                DemoCluster.seed(seeder, manifest(name + ".yaml", now));
            }
            ownReplicaSets(seeder);
        }
        return Map.of("awoooi.kubernetes.master", server.url("/"), "topology.cache.seconds", "1");
    }

    /**
     * The mock server gives every object a uid of its own, so a ReplicaSet's owner reference (written
     * as {@code set-at-seed-time}) gets its Deployment's uid here, as a real controller would set it.
     */
    private static void ownReplicaSets(KubernetesClient client) {
        for (var rs : client.apps().replicaSets().inAnyNamespace().list().getItems()) {
            var owners = rs.getMetadata().getOwnerReferences();
            if (owners == null || owners.stream().noneMatch(o -> "set-at-seed-time".equals(o.getUid()))) {
                continue;
            }
            for (var owner : owners) {
                var deployment = client.apps().deployments().inNamespace(rs.getMetadata().getNamespace())
                        .withName(owner.getName()).get();
                if (deployment != null) {
                    owner.setUid(deployment.getMetadata().getUid());
                }
            }
            client.resource(rs).update();
        }
    }

    /** A scenario file with its {@code {{now-3m}}} placeholders turned into times relative to {@code now}. */
    static InputStream manifest(String file, Instant now) {
        try (InputStream in = ScenarioClusterResource.class.getResourceAsStream("/scenarios/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no scenario file " + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TIME.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Duration back = m.group(1) == null ? Duration.ZERO : switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(Long.parseLong(m.group(1)));
                    case "m" -> Duration.ofMinutes(Long.parseLong(m.group(1)));
                    case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
                    default -> Duration.ofDays(Long.parseLong(m.group(1)));
                };
                m.appendReplacement(out, now.minus(back).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            }
            m.appendTail(out);
            return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    /** The scenario names (file names without extension), in order. */
    static final class Scenarios {
        private Scenarios() {
        }

        static List<String> names() {
            try (InputStream in = ScenarioClusterResource.class.getResourceAsStream("/scenarios/index.txt")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
