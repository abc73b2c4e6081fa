package io.awoooi.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** End to end in eks mode: a client from the environment lists namespaces on a WireMock API server with an EKS token. */
class EksClusterClientTest {
    private static final WireMockServer API_SERVER = new WireMockServer(options().dynamicPort());
    static final String NAMESPACES = """
            {"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"1"},
             "items":[{"metadata":{"name":"default"}},{"metadata":{"name":"shop"}}]}""";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-02T03:04:05Z"));
    private final ClusterClients clients = new ClusterClients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            () -> {
                throw new AssertionError("eks mode reads no secret");
            }, clock);

    @BeforeAll
    static void start() {
        API_SERVER.start();
    }

    @AfterAll
    static void stop() {
        API_SERVER.stop();
    }

    @BeforeEach
    void stub() {
        API_SERVER.resetAll();
        API_SERVER.stubFor(get(urlPathEqualTo("/api/v1/namespaces")).willReturn(okJson(NAMESPACES)));
    }

    private ClusterAccess eksAccess() {
        return ClusterAccess.fromEnvironment(Map.of(
                "CLUSTER_AUTH", "eks",
                "EKS_CLUSTER_NAME", "shop-prod",
                "KUBERNETES_MASTER", API_SERVER.baseUrl(),
                "AWS_REGION", "eu-west-1"));
    }

    @Test
    void listNamespaces_eksMode_sendsEksBearerToken() {
        // GIVEN
        try (KubernetesClient kubernetes = clients.connect(eksAccess())) {

            // WHEN
            List<String> names = kubernetes.namespaces().list().getItems().stream()
                    .map(HasMetadata::getMetadata).map(m -> m.getName()).toList();

            // THEN
            assertThat(names).containsExactly("default", "shop");
        }
        API_SERVER.verify(getRequestedFor(urlPathEqualTo("/api/v1/namespaces"))
                .withHeader("Authorization", matching("Bearer k8s-aws-v1\\.[A-Za-z0-9_-]+")));
        String token = bearer(API_SERVER.findAll(getRequestedFor(urlPathEqualTo("/api/v1/namespaces"))).getFirst());
        URI sts = EksTokensTest.decode(token);
        assertThat(sts.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(EksTokensTest.query(sts)).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("X-Amz-Date", "20250102T030405Z");
    }

    @Test
    void listNamespaces_tokenOlderThanRefreshThreshold_sendsFreshToken() {
        // GIVEN
        try (KubernetesClient kubernetes = clients.connect(eksAccess())) {
            kubernetes.namespaces().list();
            kubernetes.namespaces().list();

            // WHEN
            clock.advance(EksTokens.REFRESH_AFTER.plus(Duration.ofSeconds(1)));
            kubernetes.namespaces().list();
        }

        // THEN
        List<String> tokens = API_SERVER.findAll(getRequestedFor(urlPathEqualTo("/api/v1/namespaces"))).stream()
                .map(EksClusterClientTest::bearer).toList();
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
        assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));
        assertThat(EksTokensTest.query(EksTokensTest.decode(tokens.get(2)))).containsEntry("X-Amz-Date",
                "20250102T031406Z");
    }

    static String bearer(LoggedRequest request) {
        String authorization = request.getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        return authorization.substring("Bearer ".length());
    }
}
