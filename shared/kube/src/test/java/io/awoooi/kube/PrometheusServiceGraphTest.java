package io.awoooi.kube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.failure.ServiceGraphUnavailableException;
import io.awoooi.core.topology.Dependency;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.TopologySnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Service-graph edges from a Prometheus stub (WireMock), alone and merged into the demo topology.
 * No verdict depends on the machine's speed: stubs that answer (a 500 included) meet a generous
 * timeout, and the timeout itself is met by a socket that never answers ({@link Timeout} only keeps
 * a broken client from hanging the build).
 */
@Timeout(120)
class PrometheusServiceGraphTest {
    private static final WireMockServer PROMETHEUS = new WireMockServer(options().dynamicPort());
    /** For stubs that answer: far longer than any loaded machine needs. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    /** For a server that never answers. */
    private static final Duration SHORT = Duration.ofMillis(300);

    /** order-api -> kafka is declared too; "user" is no node; "postgres" is the Service alias of postgres-db. */
    private static final String VECTOR = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"client":"product-api","server":"postgres"},"value":[1764039600.0,"2.5"]},
              {"metric":{"client":"auth-service","server":"redis"},"value":[1764039600.0,"11"]},
              {"metric":{"client":"shop/order-api","server":"kafka"},"value":[1764039600.0,"0.2"]},
              {"metric":{"client":"user","server":"ingress"},"value":[1764039600.0,"40"]},
              {"metric":{"client":"frontend"},"value":[1764039600.0,"1"]},
              {"metric":{"client":"frontend","server":"auth-service"},"value":[1764039600.0,"0"]}
            ]}}""";

    private final Logger sourceLog = Logger.getLogger(KubernetesTopologySource.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private MockCluster cluster;

    @BeforeAll
    static void startPrometheus() {
        PROMETHEUS.start();
    }

    @AfterAll
    static void stopPrometheus() {
        PROMETHEUS.stop();
    }

    @BeforeEach
    void setUp() {
        PROMETHEUS.resetAll();
        sourceLog.addHandler(capture);
        sourceLog.setUseParentHandlers(false); // the expected warnings need not reach the console
    }

    @AfterEach
    void tearDown() {
        sourceLog.removeHandler(capture);
        sourceLog.setUseParentHandlers(true);
        if (cluster != null) {
            cluster.close();
        }
    }

    private static PrometheusServiceGraph prometheus(String baseUrl) {
        return prometheus(baseUrl, GENEROUS);
    }

    private static PrometheusServiceGraph prometheus(String baseUrl, Duration requestTimeout) {
        return new PrometheusServiceGraph(URI.create(baseUrl), HttpClient.newBuilder().connectTimeout(GENEROUS).build(),
                requestTimeout);
    }

    private static ServiceId shop(String name) {
        return new ServiceId("shop", name);
    }

    @Test
    void edges_vectorAnswer_areTheClientServerPairsWithTraffic() {
        // GIVEN Prometheus answering the service-graph query
        PROMETHEUS.stubFor(
                get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo(PrometheusServiceGraph.QUERY))
                        .willReturn(okJson(VECTOR)));
        // WHEN the edges are read (base URL with a trailing slash)
        List<ServiceGraphEdge> edges = prometheus(PROMETHEUS.baseUrl() + "/").edges();
        // THEN complete series with a positive rate, in answer order
        assertThat(edges).containsExactly(
                new ServiceGraphEdge("product-api", "postgres"),
                new ServiceGraphEdge("auth-service", "redis"),
                new ServiceGraphEdge("shop/order-api", "kafka"),
                new ServiceGraphEdge("user", "ingress"));
        PROMETHEUS.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/query")));
    }

    @Test
    void edges_serverError_throwsServiceGraphUnavailableWithTheStatusOnly() {
        PROMETHEUS.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(serverError().withBody("secret internals")));
        assertThatThrownBy(() -> prometheus(PROMETHEUS.baseUrl()).edges())
                .isInstanceOf(ServiceGraphUnavailableException.class)
                .hasMessage("Prometheus answered HTTP 500");
    }

    @Test
    void edges_errorStatusOrNotJsonOrMatrix_throwsServiceGraphUnavailable() {
        PROMETHEUS.stubFor(
                get(urlPathEqualTo("/api/v1/query")).willReturn(okJson("{\"status\":\"error\",\"error\":\"x\"}")));
        assertThatThrownBy(() -> prometheus(PROMETHEUS.baseUrl()).edges())
                .isInstanceOf(ServiceGraphUnavailableException.class);
        PROMETHEUS.stubFor(
                get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200).withBody("<html>")));
        assertThatThrownBy(() -> prometheus(PROMETHEUS.baseUrl()).edges())
                .isInstanceOf(ServiceGraphUnavailableException.class);
        PROMETHEUS.stubFor(get(urlPathEqualTo("/api/v1/query"))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}")));
        assertThatThrownBy(() -> prometheus(PROMETHEUS.baseUrl()).edges())
                .isInstanceOf(ServiceGraphUnavailableException.class);
    }

    @Test
    void edges_noAnswerWithinTheTimeout_throwsServiceGraphUnavailable() throws IOException {
        // GIVEN a Prometheus that takes the request and never answers (nobody accepts: the kernel
        // queues the connection)
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // WHEN / THEN the request timeout ends the wait
            assertThatThrownBy(() -> prometheus("http://127.0.0.1:" + silent.getLocalPort(), SHORT).edges())
                    .isInstanceOf(ServiceGraphUnavailableException.class)
                    .hasMessageContaining("HttpTimeoutException");
        }
    }

    @Test
    void snapshot_demoClusterWithServiceGraph_mergesObservedEdgesIntoDeclaredOnes() {
        // GIVEN the demo cluster and Prometheus reporting calls
        cluster = new MockCluster().withDemo();
        PROMETHEUS.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(okJson(VECTOR)));
        KubernetesTopologySource source = new KubernetesTopologySource(cluster.client(), NamespaceSelection.of("shop"),
                prometheus(PROMETHEUS.baseUrl()), Clock.systemUTC());
        // WHEN discovered
        TopologySnapshot snapshot = source.snapshot();
        // THEN the declared edges plus the observed ones that map onto nodes (by name, then alias);
        // the observed order-api -> kafka is already declared and stays one edge
        assertThat(snapshot.dependencies()).filteredOn(d -> d.source().equals("servicegraph"))
                .extracting(Dependency::from, Dependency::to)
                .containsExactlyInAnyOrder(
                        tuple(shop("product-api"), shop("postgres-db")),
                        tuple(shop("auth-service"), shop("redis")));
        assertThat(snapshot.dependencies()).filteredOn(d -> d.source().equals("annotation")).hasSize(7);
        assertThat(snapshot.dependencies()).filteredOn(d -> d.to().equals(shop("kafka")))
                .extracting(Dependency::source).containsExactly("annotation");
        assertThat(logged).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void snapshot_prometheusAnswers500_isTheClusterTopologyWithAWarning() {
        // GIVEN the demo cluster and a failing Prometheus
        cluster = new MockCluster().withDemo();
        PROMETHEUS.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(serverError()));
        KubernetesTopologySource source = new KubernetesTopologySource(cluster.client(), NamespaceSelection.all(),
                prometheus(PROMETHEUS.baseUrl()), Clock.systemUTC());
        // WHEN discovered
        TopologySnapshot snapshot = source.snapshot();
        // THEN the cluster's nodes and edges, and one warning that carries no values
        assertThat(snapshot.services()).hasSize(8);
        assertThat(snapshot.dependencies()).hasSize(7).allMatch(d -> d.source().equals("annotation"));
        assertThat(warnings()).singleElement().asString()
                .contains("service graph unavailable", "HTTP 500").doesNotContain(PROMETHEUS.baseUrl());
    }

    @Test
    void snapshot_prometheusUnreachable_isTheClusterTopologyWithAWarning() throws IOException {
        // GIVEN the demo cluster and a Prometheus URL where nothing listens
        cluster = new MockCluster().withDemo();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KubernetesTopologySource source = new KubernetesTopologySource(cluster.client(), NamespaceSelection.all(),
                prometheus("http://127.0.0.1:" + closedPort), Clock.systemUTC());
        // WHEN discovered
        TopologySnapshot snapshot = source.snapshot();
        // THEN the cluster's edges only, and a warning
        assertThat(snapshot.dependencies()).hasSize(7).allMatch(d -> d.source().equals("annotation"));
        assertThat(warnings()).singleElement().asString().contains("service graph unavailable", "ConnectException")
                .doesNotContain(String.valueOf(closedPort));
    }

    private List<String> warnings() {
        SimpleFormatter formatter = new SimpleFormatter();
        return logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(formatter::formatMessage).toList();
    }
}
