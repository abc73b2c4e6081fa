package io.awoooi.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.failure.ClusterCredentialsUnavailableException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Secret mode end to end: Secrets Manager (WireMock answering the GetSecretValue JSON protocol) holds
 * the cluster settings, and the client then lists namespaces on a WireMock API server with that token.
 */
class SecretClusterClientTest {
    private static final WireMockServer SECRETS_MANAGER = new WireMockServer(options().dynamicPort());
    private static final WireMockServer API_SERVER = new WireMockServer(options().dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:awoooi/cluster-AbCdEf";

    private final ClusterClients clients = new ClusterClients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            () -> AwsJsonApi.of(AwsJsonApi.Service.SECRETS_MANAGER, URI.create(SECRETS_MANAGER.baseUrl()),
                    Region.EU_WEST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))),
            new MutableClock(Instant.parse("2025-01-02T03:04:05Z")));

    @BeforeAll
    static void start() {
        SECRETS_MANAGER.start();
        API_SERVER.start();
    }

    @AfterAll
    static void stop() {
        SECRETS_MANAGER.stop();
        API_SERVER.stop();
    }

    @BeforeEach
    void reset() {
        SECRETS_MANAGER.resetAll();
        API_SERVER.resetAll();
        API_SERVER
                .stubFor(get(urlPathEqualTo("/api/v1/namespaces")).willReturn(okJson(EksClusterClientTest.NAMESPACES)));
    }

    private static void secretHolds(String secretString) throws Exception {
        String body = JSON.writeValueAsString(Map.of("ARN", ARN, "Name", "awoooi/cluster",
                "VersionId", "v1", "SecretString", secretString, "CreatedDate", 1.7358e9));
        SECRETS_MANAGER.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(ARN)))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private static String kubeconfig(String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: shop
                  cluster:
                    server: %s
                contexts:
                - name: shop
                  context:
                    cluster: shop
                    user: awoooi
                current-context: shop
                users:
                - name: awoooi
                  user:
                    token: %s
                """.formatted(API_SERVER.baseUrl(), token);
    }

    @Test
    void listNamespaces_secretHoldsKubeconfig_sendsItsToken() throws Exception {
        // GIVEN
        secretHolds(kubeconfig("kubeconfig-token-1"));

        // WHEN
        try (KubernetesClient kubernetes = clients.connect(new ClusterAccess.FromSecret(ARN))) {
            assertThat(kubernetes.namespaces().list().getItems()).hasSize(2);
            kubernetes.namespaces().list();
        }

        // THEN
        API_SERVER.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/namespaces"))
                .withHeader("Authorization", equalTo("Bearer kubeconfig-token-1")));
        // read once, for the client's life
        SECRETS_MANAGER.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
    }

    @Test
    void listNamespaces_secretHoldsServerTokenJson_sendsItsToken() throws Exception {
        // GIVEN
        secretHolds(JSON.writeValueAsString(Map.of("server", API_SERVER.baseUrl(), "token", "json-token-1")));

        // WHEN
        try (KubernetesClient kubernetes = clients.connect(new ClusterAccess.FromSecret(ARN))) {
            assertThat(kubernetes.namespaces().list().getItems()).hasSize(2);
        }

        // THEN
        API_SERVER.verify(getRequestedFor(urlPathEqualTo("/api/v1/namespaces"))
                .withHeader("Authorization", equalTo("Bearer json-token-1")));
    }

    @Test
    void config_secretHoldsServerTokenCaJson_failsFastAndTrustsThatCa() throws Exception {
        // GIVEN
        String ca = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==";
        secretHolds(JSON.writeValueAsString(Map.of("server", "https://api.example:6443", "token", "json-token-1",
                "caData", ca)));

        // WHEN
        Config config = clients.config(new ClusterAccess.FromSecret(ARN));

        // THEN
        assertThat(config.getMasterUrl()).startsWith("https://api.example:6443");
        assertThat(config.getOauthToken()).isEqualTo("json-token-1");
        assertThat(config.getCaCertData()).isEqualTo(ca);
        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(1);
        assertThat(config.getConnectionTimeout()).isEqualTo(3_000);
        assertThat(config.getRequestTimeout()).isEqualTo(10_000);
    }

    @Test
    void config_secretHoldsKubeconfig_failsFast() throws Exception {
        // GIVEN
        secretHolds(kubeconfig("kubeconfig-token-1"));

        // WHEN
        Config config = clients.config(new ClusterAccess.FromSecret(ARN));

        // THEN
        assertThat(config.getMasterUrl()).startsWith(API_SERVER.baseUrl());
        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(1);
        assertThat(config.getConnectionTimeout()).isEqualTo(3_000);
        assertThat(config.getRequestTimeout()).isEqualTo(10_000);
    }

    @Test
    void connect_secretJsonWithoutToken_namesTheFieldButNotTheContent() throws Exception {
        // GIVEN
        secretHolds(JSON.writeValueAsString(Map.of("server", "https://api.example:6443", "tokn", "typo-s3cr3t")));

        // WHEN / THEN
        assertThatThrownBy(() -> clients.connect(new ClusterAccess.FromSecret(ARN)))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo("CLUSTER_SECRET_ARN"))
                .hasMessageContaining("\"token\"")
                .hasMessageNotContaining("typo-s3cr3t");
    }

    @Test
    void connect_secretIsNeitherForm_failsWithoutQuotingIt() throws Exception {
        // GIVEN
        secretHolds("hunter2-s3cr3t: [unbalanced");

        // WHEN / THEN
        assertThatThrownBy(() -> clients.connect(new ClusterAccess.FromSecret(ARN)))
                .isInstanceOf(ClusterSettingsException.class)
                .hasMessageContaining("CLUSTER_SECRET_ARN")
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
    }

    @Test
    void connect_kubeconfigWithExecPlugin_isRejected() throws Exception {
        // GIVEN: what `aws eks update-kubeconfig` writes; Lambda has no aws CLI to run
        secretHolds(kubeconfig("unused").replace("    token: unused", """
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: aws
                      args: [eks, get-token, --cluster-name, shop]
                """.stripTrailing()));

        // WHEN / THEN
        assertThatThrownBy(() -> clients.connect(new ClusterAccess.FromSecret(ARN)))
                .isInstanceOf(ClusterSettingsException.class)
                .hasMessageContaining("credential plugin");
    }

    @Test
    void connect_secretsManagerDenies_throwsCredentialsUnavailable() {
        // GIVEN
        SECRETS_MANAGER.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}")));

        // WHEN / THEN
        assertThatThrownBy(() -> clients.connect(new ClusterAccess.FromSecret(ARN)))
                .isInstanceOf(ClusterCredentialsUnavailableException.class)
                .hasMessageContaining("CLUSTER_SECRET_ARN")
                .hasMessageEndingWith("could not be read: AccessDeniedException");
    }
}
