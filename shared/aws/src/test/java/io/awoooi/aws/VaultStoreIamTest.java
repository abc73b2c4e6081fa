package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.Label;
import io.awoooi.core.shield.LabelBook;
import io.awoooi.core.shield.LocalKeyRing;
import io.awoooi.core.shield.Rehydrator;
import io.awoooi.core.shield.Vault;
import io.awoooi.testing.LocalAws;
import io.awoooi.testing.TemplatePolicies;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue #12, defect 2: the IAM statements on the vault table cover exactly the DynamoDB operations
 * the vault really sends, recorded from the SDK on dynalite (the template said GetItem; rehydration
 * is a Query). The redaction seals, the executor rehydrates.
 */
class VaultStoreIamTest {
    private final LocalAws aws = LocalAws.shared();
    private final Set<String> operations = new ConcurrentSkipListSet<>();
    private final DynamoDbClient recording = DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .endpointOverride(aws.dynamo().endpoint())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    operations.add("dynamodb:" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                }
            }))
            .build();
    private final Vault vault = new Vault(new DynamoDbVaultStore(recording, aws.resources().tableName("VaultTable")),
            new LocalKeyRing(), Clock.systemUTC());
    private final String incident = "inc_" + UUID.randomUUID();

    @Test
    void executor_rehydrating_sendsOnlyWhatItsStatementAllows() {
        // GIVEN a sealed vault (written by the redaction, not recorded here)
        Label ip = seal();
        operations.clear();

        // WHEN the executor rehydrates an action's parameters, as ExecuteApproved does
        String real = new Rehydrator(vault).rehydrate(incident, "restart the pod on " + ip.text());

        // THEN it got the value, and every operation it sent is allowed to it on the vault table
        assertThat(real).isEqualTo("restart the pod on 10.1.2.3");
        assertThat(operations).isNotEmpty();
        assertThat(TemplatePolicies.actionsOn(aws.template(), "ExecutorFunction", "VaultTable"))
                .containsExactlyInAnyOrderElementsOf(operations);
    }

    @Test
    void redaction_sealing_sendsOnlyWhatItsStatementAllows() {
        // WHEN the redaction opens an incident's book, labels a value and seals it
        seal();

        // THEN each operation is allowed to it on the vault table, and it is allowed no more
        assertThat(operations).contains("dynamodb:Query", "dynamodb:PutItem");
        assertThat(TemplatePolicies.actionsOn(aws.template(), "RedactionFunction", "VaultTable"))
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(operations));
    }

    private Label seal() {
        LabelBook book = vault.open(incident);
        Label ip = book.labelFor(PiiType.IP, "10.1.2.3");
        vault.seal(book);
        return ip;
    }
}
