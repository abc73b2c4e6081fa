package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.testing.LocalResources;
import io.awoooi.testing.SamTemplate;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Secrets Manager's GetSecretValue for the template's secrets, on 127.0.0.1 and a free port (the
 * functions get it as AWS_ENDPOINT_URL_SECRETS_MANAGER). A secret whose
 * {@code Metadata.AwoooiLocal.ValueFromEnv} names a set environment variable has that value, any
 * other a random URL-safe token made at startup.
 */
final class SecretsManagerStub extends AwsJsonStub {

    static final String SECRET_TYPE = "AWS::SecretsManager::Secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One secret: logical id (its Name), ARN and value. */
    record Secret(String name, String arn, String value, String versionId, Instant created) {
        @Override
        public String toString() {
            return "Secret[" + name + "]"; // never the value
        }
    }

    private final Map<String, Secret> secrets; // by name and by ARN
    SecretsManagerStub(Iterable<Secret> secrets) throws IOException {
        super("the local Secrets Manager", "secrets-manager", "secretsmanager", "InvalidRequestException");
        this.secrets = new LinkedHashMap<>();
        for (Secret secret : secrets) {
            this.secrets.put(secret.name(), secret);
            this.secrets.put(secret.arn(), secret);
        }
    }

    /** The template's secrets with their local values; {@code environment} is where ValueFromEnv looks. */
    static SecretsManagerStub fromTemplate(SamTemplate template, LocalResources resources,
            Map<String, String> environment) throws IOException {
        Instant now = Instant.now();
        Map<String, String> fromEnv = valueFromEnv(template);
        List<Secret> secrets = new ArrayList<>();
        for (String id : template.logicalIdsOfType(SECRET_TYPE)) {
            String variable = fromEnv.get(id);
            String value = variable == null ? null : environment.get(variable);
            if (value == null || value.isEmpty()) {
                value = awoooiLocal(template, id, "TokensPerApproverOf").map(p -> tokensPerApprover(template, p))
                        .orElse(null);
            }
            if ((value == null || value.isEmpty())
                    && template.properties(id).get("SecretString") instanceof String literal) {
                value = literal;
            }
            if (value == null || value.isEmpty()) {
                value = randomToken();
            }
            secrets.add(new Secret(id, resources.secretArn(id), value, UUID.randomUUID().toString(), now));
        }
        return new SecretsManagerStub(secrets);
    }

    /**
     * {@code Metadata.AwoooiLocal.TokensPerApproverOf: <stack parameter>}: a JSON object of one random
     * token per approver id of the directory that parameter names locally (the template's
     * {@code Metadata.AwoooiLocal.SsmParameters} file): the demo approvers' own console tokens.
     */
    static String tokensPerApprover(SamTemplate template, String stackParameter) {
        if (!(template.root().get("Metadata") instanceof Map<?, ?> metadata
                && metadata.get("AwoooiLocal") instanceof Map<?, ?> local
                && local.get("SsmParameters") instanceof Map<?, ?> files
                && files.get(stackParameter) instanceof String file)) {
            throw new IllegalStateException("TokensPerApproverOf names " + stackParameter
                    + ", which Metadata.AwoooiLocal.SsmParameters gives no local file");
        }
        com.fasterxml.jackson.databind.node.ObjectNode tokens = Json.object();
        try {
            for (com.fasterxml.jackson.databind.JsonNode approver : Json.MAPPER.readTree(java.nio.file.Files.readString(
                    io.awoooi.testing.RepoRoot.find().resolve(file))).path("approvers")) {
                if (approver.path("id").isTextual()) {
                    tokens.put(approver.path("id").asText(), randomToken());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the local approvers directory " + file + " cannot be read", e);
        }
        return tokens.toString();
    }

    /** Logical id -> environment variable of the secrets with Metadata.AwoooiLocal.ValueFromEnv. */
    static Map<String, String> valueFromEnv(SamTemplate template) {
        return valueFromEnv(template, SECRET_TYPE);
    }

    /**
     * Logical id -> environment variable, for the resources of one type whose
     * {@code Metadata.AwoooiLocal.ValueFromEnv} names where their local value comes from.
     */
    static Map<String, String> valueFromEnv(SamTemplate template, String type) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : template.logicalIdsOfType(type)) {
            awoooiLocal(template, id, "ValueFromEnv").ifPresent(variable -> out.put(id, variable));
        }
        return out;
    }

    /** A resource's {@code Metadata.AwoooiLocal.<key>} string: how the local runtime gives it a value. */
    static java.util.Optional<String> awoooiLocal(SamTemplate template, String logicalId, String key) {
        if (template.resource(logicalId).get("Metadata") instanceof Map<?, ?> metadata
                && metadata.get("AwoooiLocal") instanceof Map<?, ?> local
                && local.get(key) instanceof String value) {
            return java.util.Optional.of(value);
        }
        return java.util.Optional.empty();
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The value of a secret by logical id or ARN; IllegalArgumentException if there is none. */
    String value(String nameOrArn) {
        Secret secret = secrets.get(nameOrArn);
        if (secret == null) {
            throw new IllegalArgumentException("no secret " + nameOrArn + " in the template");
        }
        return secret.value();
    }

    @Override
    ObjectNode call(String operation, JsonNode request, String authorization) {
        if (!operation.equals("GetSecretValue")) {
            throw new Failure("UnknownOperationException", "the local Secrets Manager only knows GetSecretValue, not "
                    + operation);
        }
        String secretId = request.path("SecretId").asText("");
        Secret secret = secrets.get(secretId);
        String resource = secret != null ? secret.arn() : secretId.startsWith("arn:") ? secretId
                : "arn:aws:secretsmanager:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":secret:" + secretId;
        authorize(authorization, "secretsmanager:GetSecretValue", resource);
        if (secret == null) {
            throw new Failure("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        ObjectNode response = Json.object();
        response.put("ARN", secret.arn());
        response.put("Name", secret.name());
        response.put("SecretString", secret.value());
        response.put("VersionId", secret.versionId());
        response.putArray("VersionStages").add("AWSCURRENT");
        response.put("CreatedDate", secret.created().getEpochSecond());
        return response;
    }
}
