package io.awoooi.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a function reaches its Kubernetes API server, read from the environment the template sets.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>meaning</th></tr>
 *   <tr><td>{@value #CLUSTER_AUTH}</td><td>{@code auto} (default) | {@code eks} | {@code secret}</td></tr>
 *   <tr><td>{@value #EKS_CLUSTER_NAME}</td><td>eks: the cluster name, signed into the token</td></tr>
 *   <tr><td>{@value #KUBERNETES_MASTER}</td><td>eks: the API server endpoint URL</td></tr>
 *   <tr><td>{@value #KUBERNETES_CA_DATA}</td><td>eks, optional: base64 CA bundle; else the JVM trust store</td></tr>
 *   <tr><td>{@value #AWS_REGION}</td><td>eks: the STS region (Lambda sets it)</td></tr>
 *   <tr><td>{@value #CLUSTER_SECRET_ARN}</td><td>secret: a kubeconfig, or {@code {"server","token","caData"}}</td></tr>
 * </table>
 *
 * A setting that is missing or malformed fails with {@link ClusterSettingsException}, which names
 * the variable and never echoes its value.
 */
public sealed interface ClusterAccess {

    String CLUSTER_AUTH = "CLUSTER_AUTH";
    String EKS_CLUSTER_NAME = "EKS_CLUSTER_NAME";
    String KUBERNETES_MASTER = "KUBERNETES_MASTER";
    String KUBERNETES_CA_DATA = "KUBERNETES_CA_DATA";
    String AWS_REGION = "AWS_REGION";
    String CLUSTER_SECRET_ARN = "CLUSTER_SECRET_ARN";

    /**
     * fabric8's standard auto-configuration: KUBECONFIG, KUBERNETES_MASTER (+ token variables), the
     * in-cluster service account. The local runtime points it at the demo API server.
     */
    record Auto() implements ClusterAccess {
    }

    /** EKS with the function's IAM role: a bearer token from a presigned STS GetCallerIdentity request. */
    record Eks(String clusterName, URI apiServer, Optional<String> caData, String region) implements ClusterAccess {
        public Eks {
            Objects.requireNonNull(clusterName, "clusterName");
            Objects.requireNonNull(apiServer, "apiServer");
            Objects.requireNonNull(caData, "caData");
            Objects.requireNonNull(region, "region");
        }

        @Override
        public String toString() {
            // the CA bundle is public, but long and useless in a log line
            return "Eks[clusterName=" + clusterName + ", apiServer=" + apiServer + ", caData="
                    + (caData.isPresent() ? "set" : "JVM trust store") + ", region=" + region + "]";
        }
    }

    /** A kubeconfig or a {@code {"server","token","caData"}} document held in Secrets Manager. */
    record FromSecret(String secretArn) implements ClusterAccess {
        public FromSecret {
            Objects.requireNonNull(secretArn, "secretArn");
        }
    }

    /**
     * Reads the settings from {@code env}.
     *
     * @throws ClusterSettingsException naming the first variable that is missing or malformed
     */
    static ClusterAccess fromEnvironment(Map<String, String> env) {
        return fromSettings(env::get);
    }

    /**
     * Reads the settings by their environment names from {@code env} (null or blank: unset).
     *
     * @throws ClusterSettingsException naming the first variable that is missing or malformed
     */
    static ClusterAccess fromSettings(java.util.function.Function<String, String> env) {
        String mode = optional(env, CLUSTER_AUTH).orElse("auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "auto" -> new Auto();
            case "eks" -> new Eks(
                    clusterName(env),
                    apiServer(env),
                    caData(env),
                    region(env));
            case "secret" -> new FromSecret(required(env, CLUSTER_SECRET_ARN, "with " + CLUSTER_AUTH + "=secret"));
            default -> throw new ClusterSettingsException(CLUSTER_AUTH, "must be one of auto, eks, secret");
        };
    }

    private static String clusterName(java.util.function.Function<String, String> env) {
        String name = required(env, EKS_CLUSTER_NAME, "with " + CLUSTER_AUTH + "=eks");
        // EKS: 1-100 characters, starts alphanumeric, then alphanumerics, hyphens, underscores
        if (!Pattern.matches("[0-9A-Za-z][0-9A-Za-z_-]{0,99}", name)) {
            throw new ClusterSettingsException(EKS_CLUSTER_NAME,
                    "is not an EKS cluster name (1-100 letters, digits, '-', '_', starting with a letter or digit)");
        }
        return name;
    }

    private static URI apiServer(java.util.function.Function<String, String> env) {
        String value = required(env, KUBERNETES_MASTER,
                "with " + CLUSTER_AUTH + "=eks (the cluster's API server endpoint)");
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ClusterSettingsException(KUBERNETES_MASTER, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new ClusterSettingsException(KUBERNETES_MASTER,
                    "must be an https:// URL (http:// for a local server) with a host");
        }
        return uri;
    }

    private static Optional<String> caData(java.util.function.Function<String, String> env) {
        Optional<String> value = optional(env, KUBERNETES_CA_DATA).map(v -> v.replaceAll("\\s", ""));
        value.ifPresent(v -> {
            try {
                Base64.getDecoder().decode(v);
            } catch (IllegalArgumentException e) {
                throw new ClusterSettingsException(KUBERNETES_CA_DATA,
                        "is not base64 (the cluster's certificateAuthority.data)");
            }
        });
        return value;
    }

    private static String region(java.util.function.Function<String, String> env) {
        String region = required(env, AWS_REGION, "with " + CLUSTER_AUTH + "=eks (Lambda sets it)");
        // it becomes part of the STS host name: nothing beyond what region ids are made of
        if (!Pattern.matches("[a-z]{2}(-[a-z]+)+-\\d+", region)) {
            throw new ClusterSettingsException(AWS_REGION, "is not an AWS region id");
        }
        return region;
    }

    private static Optional<String> optional(java.util.function.Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String required(java.util.function.Function<String, String> env, String name, String when) {
        return optional(env, name).orElseThrow(() -> new ClusterSettingsException(name, "must be set " + when));
    }
}
