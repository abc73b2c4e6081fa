package io.awoooi.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings read from the environment, and the typed errors that name the variable at fault. */
class ClusterAccessTest {
    private static final String CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==";

    private static Map<String, String> eks() {
        Map<String, String> env = new HashMap<>();
        env.put("CLUSTER_AUTH", "eks");
        env.put("EKS_CLUSTER_NAME", "shop-prod");
        env.put("KUBERNETES_MASTER", "https://ABC123.gr7.eu-west-1.eks.amazonaws.com");
        env.put("KUBERNETES_CA_DATA", CA);
        env.put("AWS_REGION", "eu-west-1");
        return env;
    }

    @Test
    void fromEnvironment_nothingSet_isAuto() {
        assertThat(ClusterAccess.fromEnvironment(Map.of())).isEqualTo(new ClusterAccess.Auto());
    }

    @Test
    void fromEnvironment_blankMode_isAuto() {
        assertThat(ClusterAccess.fromEnvironment(Map.of("CLUSTER_AUTH", " "))).isEqualTo(new ClusterAccess.Auto());
    }

    @Test
    void fromEnvironment_eksFullySet_isEksWithEverySetting() {
        // WHEN
        ClusterAccess access = ClusterAccess.fromEnvironment(eks());

        // THEN
        assertThat(access).isEqualTo(new ClusterAccess.Eks("shop-prod",
                URI.create("https://ABC123.gr7.eu-west-1.eks.amazonaws.com"), Optional.of(CA), "eu-west-1"));
    }

    @Test
    void fromEnvironment_eksUpperCaseWithoutCaData_usesJvmTrustStore() {
        // GIVEN
        Map<String, String> env = eks();
        env.put("CLUSTER_AUTH", "EKS");
        env.remove("KUBERNETES_CA_DATA");

        // WHEN
        ClusterAccess.Eks access = (ClusterAccess.Eks) ClusterAccess.fromEnvironment(env);

        // THEN
        assertThat(access.caData()).isEmpty();
    }

    @Test
    void fromEnvironment_secretWithArn_isFromSecret() {
        // WHEN
        ClusterAccess access = ClusterAccess.fromEnvironment(Map.of("CLUSTER_AUTH", "secret",
                "CLUSTER_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cluster-AbCdEf"));

        // THEN
        assertThat(access).isEqualTo(
                new ClusterAccess.FromSecret("arn:aws:secretsmanager:eu-west-1:123456789012:secret:cluster-AbCdEf"));
    }

    @Test
    void fromEnvironment_unknownMode_namesClusterAuthButNotTheValue() {
        assertThatThrownBy(() -> ClusterAccess.fromEnvironment(Map.of("CLUSTER_AUTH", "kerberos-s3cr3t")))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo("CLUSTER_AUTH"))
                .hasMessageContaining("CLUSTER_AUTH")
                .hasMessageContaining("auto, eks, secret")
                .hasMessageNotContaining("kerberos-s3cr3t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EKS_CLUSTER_NAME", "KUBERNETES_MASTER", "AWS_REGION"})
    void fromEnvironment_eksMissingVariable_namesIt(String variable) {
        // GIVEN
        Map<String, String> env = eks();
        env.remove(variable);

        // WHEN / THEN
        assertThatThrownBy(() -> ClusterAccess.fromEnvironment(env))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo(variable))
                .hasMessageStartingWith(variable + " must be set with CLUSTER_AUTH=eks");
    }

    @Test
    void fromEnvironment_secretMissingArn_namesIt() {
        assertThatThrownBy(() -> ClusterAccess.fromEnvironment(Map.of("CLUSTER_AUTH", "secret")))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo("CLUSTER_SECRET_ARN"))
                .hasMessage("CLUSTER_SECRET_ARN must be set with CLUSTER_AUTH=secret");
    }

    @Test
    void fromEnvironment_caDataNotBase64_namesItButNotTheValue() {
        // GIVEN
        Map<String, String> env = eks();
        env.put("KUBERNETES_CA_DATA", "not*base64!");

        // WHEN / THEN
        assertThatThrownBy(() -> ClusterAccess.fromEnvironment(env))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo("KUBERNETES_CA_DATA"))
                .hasMessageNotContaining("not*base64!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC123.gr7.eu-west-1.eks.amazonaws.com", "ftp://api.example", "https://", "http://[::1"})
    void fromEnvironment_masterNotAnHttpUrl_namesKubernetesMaster(String master) {
        // GIVEN
        Map<String, String> env = eks();
        env.put("KUBERNETES_MASTER", master);

        // WHEN / THEN
        assertThatThrownBy(() -> ClusterAccess.fromEnvironment(env))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo("KUBERNETES_MASTER"))
                .hasMessageNotContaining(master);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-starts-with-dash", "has space", "has/slash"})
    void fromEnvironment_invalidClusterName_namesEksClusterName(String name) {
        // GIVEN
        Map<String, String> env = eks();
        env.put("EKS_CLUSTER_NAME", name);

        // WHEN / THEN
        assertThatThrownBy(() -> ClusterAccess.fromEnvironment(env))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo("EKS_CLUSTER_NAME"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example/", "EU-WEST-1", "eu-west"})
    void fromEnvironment_invalidRegion_namesAwsRegion(String region) {
        // GIVEN
        Map<String, String> env = eks();
        env.put("AWS_REGION", region);

        // WHEN / THEN
        assertThatThrownBy(() -> ClusterAccess.fromEnvironment(env))
                .isInstanceOfSatisfying(ClusterSettingsException.class,
                        e -> assertThat(e.setting()).isEqualTo("AWS_REGION"));
    }

    @Test
    void eksToString_caDataSet_leavesTheBundleOut() {
        assertThat(ClusterAccess.fromEnvironment(eks()).toString()).doesNotContain(CA).contains("shop-prod");
    }
}
