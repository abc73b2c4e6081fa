package io.awoooi.aws;

import io.awoooi.core.shield.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.aws.api.AwsJsonApi;

/**
 * Vault keys from KMS: data keys are generated and unwrapped by the vault's KMS key (with a fixed
 * encryption context, so a blob made for the vault opens nowhere else); the value-hash key is a
 * Secrets Manager secret (base64 or plain text; at least 32 bytes).
 */
public final class KmsKeyRing implements KeyRing {
    static final Map<String, String> CONTEXT = Map.of("purpose", "awoooi-vault");

    private final AwsJsonApi kms;
    private final String keyId;
    private final Supplier<String> hashKeySecret;

    public KmsKeyRing(AwsJsonApi kms, String keyId, Supplier<String> hashKeySecret) {
        this.kms = kms;
        this.keyId = keyId;
        this.hashKeySecret = hashKeySecret;
    }

    @Override
    public DataKey dataKey() {
        JsonNode r = kms.call("GenerateDataKey", Map.of("KeyId", keyId, "KeySpec", "AES_256",
                "EncryptionContext", CONTEXT));
        return new DataKey(bytes(r, "Plaintext"), bytes(r, "CiphertextBlob"));
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) {
        // a wrapped key KMS can never decrypt (a damaged vault row) is a permanent failure
        return AwsFailures.keyCall("a vault label's data key", () -> bytes(kms.call("Decrypt", Map.of("KeyId", keyId,
                "CiphertextBlob", Base64.getEncoder().encodeToString(wrappedKey), "EncryptionContext", CONTEXT)),
                "Plaintext"));
    }

    @Override
    public byte[] hashKey() {
        String secret = hashKeySecret.get();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException notBase64) {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < 32) {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < 32) {
            throw new IllegalStateException("the vault hash key secret must hold at least 32 bytes");
        }
        return key;
    }

    /** A blob field of a KMS answer (base64 in the JSON protocol). */
    private static byte[] bytes(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        if (!value.isTextual()) {
            throw new IllegalStateException("KMS answered without " + field);
        }
        return Base64.getDecoder().decode(value.asText());
    }
}
