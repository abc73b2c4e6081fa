package io.awoooi.local;

import io.awoooi.aws.DynamoDbVaultStore;
import io.awoooi.aws.KmsKeyRing;
import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.shield.Label;
import io.awoooi.core.shield.Vault;
import io.awoooi.core.shield.VaultEntry;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opens the local stack's vault with the functions' own code (DynamoDB vault store, KMS key ring
 * against the local KMS endpoint): for the demo's privacy step and for tests that must prove no
 * vault value ever reached a log. Local use only; it prints nothing.
 */
final class VaultReader implements AutoCloseable {
    static final String VAULT_TABLE = "VaultTable";
    static final String VAULT_KEY = "VaultKey";
    static final String HASH_KEY_SECRET = "VaultHashKeySecret";

    private final LocalStack stack;
    private final DynamoDbVaultStore store;
    private final Vault vault;

    VaultReader(LocalStack stack) {
        this.stack = stack;
        AwsJsonApi kms = AwsJsonApi.of(AwsJsonApi.Service.KMS, URI.create(stack.kms().endpoint().toString()),
                Region.of(LocalStack.REGION),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        this.store = new DynamoDbVaultStore(stack.dynamo(), stack.resources().tableName(VAULT_TABLE));
        String keyArn = stack.resources().getAtt(VAULT_KEY, "Arn");
        String hashKey = stack.secretValue(HASH_KEY_SECRET);
        this.vault = new Vault(store, new KmsKeyRing(kms, keyArn, () -> hashKey), Clock.systemUTC());
    }

    /** label text -> value, for one incident. */
    Map<String, String> values(String incidentId) {
        Map<String, String> out = new LinkedHashMap<>();
        List<VaultEntry> rows = store.entries(incidentId);
        for (VaultEntry row : rows) {
            Label label = row.label();
            out.put(label.text(), vault.reveal(incidentId, label));
        }
        return out;
    }

    /** Every value of every incident in the vault. */
    List<String> allValues() {
        TreeSet<String> incidents = new TreeSet<>();
        stack.dynamo().scanPaginator(b -> b.tableName(stack.resources().tableName(VAULT_TABLE)))
                .items().forEach(item -> incidents.add(pk(item).substring("INCIDENT#".length())));
        return incidents.stream().flatMap(id -> values(id).values().stream()).distinct().toList();
    }

    private static String pk(Map<String, AttributeValue> item) {
        return item.get("PK").s();
    }

    @Override
    public void close() {
        // nothing to release: the KMS caller holds no connection between calls
    }
}
