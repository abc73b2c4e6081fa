package io.awoooi.wiring;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.DynamoDbVaultStore;
import io.awoooi.aws.KmsKeyRing;
import io.awoooi.aws.SecretValue;
import io.awoooi.core.shield.KeyRing;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.Vault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Privacy Shield's vault (VAULT_TABLE, VAULT_KEY_ID, VAULT_HASH_KEY_SECRET_ARN) and pseudonymizer
 * (LABEL_KUBERNETES_NAMES). Only the redaction, the executor and, with labelled names, the analysis
 * inject the vault; the IAM of the others holds no right to it either.
 */
@Singleton
public class Shield {

    @Produces
    @Singleton
    KeyRing keyRing(ShieldSettings settings, AwsEndpoints endpoints) {
        return new KmsKeyRing(AwsClients.kms(endpoints.kms()), Required.value(settings.vaultKeyId(), "vault.key.id"),
                SecretValue.directOrSecret(settings.hashKey(), settings.hashKeySecretArn(),
                        "VAULT_HASH_KEY_SECRET_ARN (the template does) or AWOOOI_VAULT_HASH_KEY"));
    }

    @Produces
    @Singleton
    Vault vault(DynamoDbClient dynamo, Tables tables, KeyRing keys) {
        return new Vault(new DynamoDbVaultStore(dynamo, Required.value(tables.vault(), "vault.table")), keys,
                Clock.systemUTC());
    }

    /** Labels PII (and, with LABEL_KUBERNETES_NAMES, Kubernetes names) in what is stored and shown. */
    @Produces
    @Singleton
    Pseudonymizer pseudonymizer(ShieldSettings settings) {
        return new Pseudonymizer(new PiiScanner(), settings.labelKubernetesNames());
    }
}
