package io.awoooi.aws;

import io.awoooi.core.shield.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Vault keys from KMS: data keys are generated and unwrapped by the vault's KMS key (with a fixed
 * encryption context, so a blob made for the vault opens nowhere else); the value-hash key is a
 * Secrets Manager secret (base64 or plain text; at least 32 bytes).
 */
public final class KmsKeyRing implements KeyRing {
    static final Map<String, String> CONTEXT = Map.of("purpose", "awoooi-vault");

    private final KmsClient kms;
    private final String keyId;
    private final Supplier<String> hashKeySecret;

    public KmsKeyRing(KmsClient kms, String keyId, Supplier<String> hashKeySecret) {
        this.kms = kms;
        this.keyId = keyId;
        this.hashKeySecret = hashKeySecret;
    }

    @Override
    public DataKey dataKey() {
        GenerateDataKeyResponse r = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(CONTEXT));
        return new DataKey(r.plaintext().asByteArray(), r.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) {
        // a wrapped key KMS can never decrypt (a damaged vault row) is a permanent failure
        return AwsFailures.keyCall("a vault label's data key", () -> kms.decrypt(b -> b.keyId(keyId)
                .ciphertextBlob(SdkBytes.fromByteArray(wrappedKey)).encryptionContext(CONTEXT)).plaintext().asByteArray());
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
}
