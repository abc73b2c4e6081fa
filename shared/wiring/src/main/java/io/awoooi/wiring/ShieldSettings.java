package io.awoooi.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The Privacy Shield's settings (ADR 0005, 0014): LABEL_KUBERNETES_NAMES, the vault's KMS key
 * (VAULT_KEY_ID) and the keyed-hash key (VAULT_HASH_KEY_SECRET_ARN, or AWOOOI_VAULT_HASH_KEY in tests).
 */
@ConfigMapping(prefix = "")
public interface ShieldSettings {
    @WithName("label.kubernetes.names")
    @WithDefault("false")
    boolean labelKubernetesNames();

    @WithName("vault.key.id")
    Optional<String> vaultKeyId();

    @WithName("vault.hash.key.secret.arn")
    Optional<String> hashKeySecretArn();

    /** Given directly: tests use it instead of Secrets Manager. */
    @WithName("awoooi.vault.hash.key")
    Optional<String> hashKey();
}
