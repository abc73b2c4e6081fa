package io.awoooi.cluster;

import static io.awoooi.cluster.ClusterAccess.CLUSTER_SECRET_ARN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The cluster settings held in a Secrets Manager secret, in one of two forms:
 * <ul>
 *   <li>a kubeconfig (YAML or JSON) whose current context carries a token or client certificate;</li>
 *   <li>{@code {"server": "https://...", "token": "...", "caData": "<base64 PEM, optional>"}}.</li>
 * </ul>
 * Errors name {@code CLUSTER_SECRET_ARN} and the field at fault, never the content, and keep no cause:
 * a parser's message can quote the line it choked on.
 */
final class ClusterSecret {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterSecret() {
    }

    /** The fabric8 configuration the secret describes, before the fail-fast timeouts are applied. */
    static ConfigBuilder parse(String content) {
        if (content == null || content.isBlank()) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN, "names a secret without a SecretString");
        }
        Optional<JsonNode> json = json(content);
        if (json.isPresent() && json.get().has("server")) {
            return tokenForm(json.get());
        }
        return kubeconfig(content);
    }

    private static Optional<JsonNode> json(String content) {
        if (!content.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(content);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty(); // a YAML flow mapping, perhaps: the kubeconfig parser decides
        }
    }

    private static ConfigBuilder tokenForm(JsonNode node) {
        String server = text(node, "server")
                .orElseThrow(() -> new ClusterSettingsException(CLUSTER_SECRET_ARN,
                        "names a secret whose \"server\" is not a string"));
        String token = text(node, "token")
                .orElseThrow(
                        () -> new ClusterSettingsException(CLUSTER_SECRET_ARN, "names a secret without a \"token\""));
        Optional<String> caData = text(node, "caData").map(v -> v.replaceAll("\\s", ""));
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN, "names a secret whose \"server\" is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN,
                    "names a secret whose \"server\" is not an https:// URL");
        }
        caData.ifPresent(ca -> {
            try {
                Base64.getDecoder().decode(ca);
            } catch (IllegalArgumentException e) {
                throw new ClusterSettingsException(CLUSTER_SECRET_ARN, "names a secret whose \"caData\" is not base64");
            }
        });
        // Config.empty(): nothing from this process's KUBECONFIG or KUBERNETES_* variables leaks in
        ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(server).withOauthToken(token);
        caData.ifPresent(builder::withCaCertData);
        return builder;
    }

    private static ConfigBuilder kubeconfig(String content) {
        io.fabric8.kubernetes.api.model.Config model;
        try {
            model = new KubernetesSerialization().unmarshal(content, io.fabric8.kubernetes.api.model.Config.class);
        } catch (RuntimeException e) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN,
                    "names a secret that is neither a kubeconfig nor {\"server\", \"token\", \"caData\"} JSON");
        }
        if (model == null || model.getClusters() == null || model.getClusters().isEmpty()) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN,
                    "names a secret that is neither a kubeconfig nor {\"server\", \"token\", \"caData\"} JSON");
        }
        if (model.getCurrentContext() == null || model.getCurrentContext().isBlank()) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN, "names a kubeconfig without a current-context");
        }
        // fabric8 would run an exec plugin (aws eks get-token, gke-gcloud-auth-plugin...) while loading;
        // a Lambda sandbox has no such command
        if (model.getUsers() != null && model.getUsers().stream().map(NamedAuthInfo::getUser)
                .anyMatch(user -> user != null && (user.getExec() != null || user.getAuthProvider() != null))) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN,
                    "names a kubeconfig whose user runs a credential plugin; give it a token (or use CLUSTER_AUTH=eks)");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(content);
        } catch (RuntimeException e) {
            throw new ClusterSettingsException(CLUSTER_SECRET_ARN, "names a kubeconfig fabric8 cannot load ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new ConfigBuilder(config);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank()
                ? Optional.empty() : Optional.of(value.asText().strip());
    }
}
