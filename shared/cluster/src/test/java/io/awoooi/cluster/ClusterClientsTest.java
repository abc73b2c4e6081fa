package io.awoooi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The fabric8 configuration per mode: who authenticates, and the fail-fast limits every mode shares. */
class ClusterClientsTest {
    private static final String CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==";

    private final ClusterClients clients = new ClusterClients(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            () -> {
                throw new AssertionError("no secret in these cases");
            }, new MutableClock(Instant.parse("2025-01-02T03:04:05Z")));

    @Test
    void config_eks_failsFastAndAuthenticatesWithEksTokens() {
        // GIVEN
        var eks = new ClusterAccess.Eks("shop-prod", URI.create("https://ABC123.gr7.eu-west-1.eks.amazonaws.com"),
                Optional.of(CA), "eu-west-1");

        // WHEN
        Config config = clients.config(eks);

        // THEN
        assertFailsFast(config);
        assertThat(config.getMasterUrl()).startsWith("https://ABC123.gr7.eu-west-1.eks.amazonaws.com");
        assertThat(config.getCaCertData()).isEqualTo(CA);
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getOauthTokenProvider()).isInstanceOf(EksTokens.class);
        assertThat(config.getOauthTokenProvider().getToken()).startsWith("k8s-aws-v1.");
        assertThat(config.getOauthToken()).isNull();
    }

    @Test
    void config_eksWithoutCaData_leavesTrustToTheJvmStore() {
        // GIVEN
        var eks = new ClusterAccess.Eks("shop-prod", URI.create("https://ABC123.gr7.eu-west-1.eks.amazonaws.com"),
                Optional.empty(), "eu-west-1");

        // WHEN
        Config config = clients.config(eks);

        // THEN
        assertThat(config.getCaCertData()).isNull();
        assertThat(config.getCaCertFile()).isNull();
        assertThat(config.isTrustCerts()).isFalse();
    }

    @Test
    void config_auto_usesStandardSettingsAndFailsFast() {
        // GIVEN: fabric8 reads its system properties before the environment; no kubeconfig on this machine counts
        String master = System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        String tryKubeConfig = System.getProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "http://127.0.0.1:18443");
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        try {
            // WHEN
            Config config = clients.config(new ClusterAccess.Auto());

            // THEN
            assertFailsFast(config);
            assertThat(config.getMasterUrl()).startsWith("http://127.0.0.1:18443");
            assertThat(config.getOauthTokenProvider()).isNull();
        } finally {
            restore(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, master);
            restore(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, tryKubeConfig);
        }
    }

    private static void assertFailsFast(Config config) {
        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(1);
        assertThat(config.getConnectionTimeout()).isEqualTo(3_000);
        assertThat(config.getRequestTimeout()).isEqualTo(10_000);
        // HTTP/1.1 on the JDK client: no h2c upgrade through the local runtime's HTTP/1.1 fault proxy
        // (StressSuiteTest dead-lettered every analysis without it)
        assertThat(config.isHttp2Disable()).isTrue();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
