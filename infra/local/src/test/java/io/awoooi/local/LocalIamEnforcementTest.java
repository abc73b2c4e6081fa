package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.awoooi.testing.RepoRoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The real template's stack with IAM enforced (ADR 0013): a function's own credentials get what its
 * policy allows and AccessDeniedException for the rest, at every local endpoint. The function JVMs
 * are not started: the calls are made here with the keys FunctionLauncher gives them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalIamEnforcementTest {

    @TempDir
    Path stateDir;

    private LocalStack stack;

    @BeforeAll
    void start() {
        Path root = RepoRoot.find();
        assumeTrue(Files.isRegularFile(root.resolve("functions/executor/target/function.zip")),
                "the function.zip files are not built; ./awoooi build first");
        stack = LocalStack.builder().stateDir(stateDir).environment(Map.of()).eagerStart(false).enforceIam(true)
                .start();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C as(String function, B builder,
            URI endpoint) {
        return builder.httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalIam.accessKeyId(function), LocalIam.secretAccessKey(function))))
                .endpointOverride(endpoint).build();
    }

    private static void assertDenied(Runnable call, String action) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).startsWith("AccessDenied");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: " + action);
        });
    }

    @Test
    void dynamodb_executorQueriesTheVault_butGetItemIsDenied() {
        String vault = stack.resources().tableName("VaultTable");
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("x"), "SK", AttributeValue.fromS("y"));
        try (DynamoDbClient executor = as("ExecutorFunction", DynamoDbClient.builder(), stack.functionDynamoEndpoint());
                DynamoDbClient intake = as("IntakeFunction", DynamoDbClient.builder(),
                        stack.functionDynamoEndpoint())) {
            // inside the policy: the Query the executor's vault store runs
            assertThat(executor.query(q -> q.tableName(vault).keyConditionExpression("PK = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("none")))).count()).isZero();
            // outside it: defect 2's GetItem, and the intake reading the vault at all
            assertDenied(() -> executor.getItem(g -> g.tableName(vault).key(key)), "dynamodb:GetItem");
            assertDenied(() -> intake.query(q -> q.tableName(vault).keyConditionExpression("PK = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("none")))), "dynamodb:Query");
            assertDenied(() -> intake.batchGetItem(b -> b.requestItems(Map.of(vault,
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(List.of(key))
                            .build()))),
                    "dynamodb:BatchGetItem");
        }
        // the administrator (tests, the control plane) is not checked
        assertThat(stack.dynamo().getItem(g -> g.tableName(vault)
                .key(Map.of("PK", AttributeValue.fromS("x"), "SK", AttributeValue.fromS("y")))).hasItem()).isFalse();
    }

    @Test
    void sqs_intakeSendsToRawAlerts_notToExecutions() {
        try (SqsClient intake = as("IntakeFunction", SqsClient.builder(), stack.functionSqsEndpoint())) {
            String raw = stack.resources().queueUrl("RawAlertsQueue");
            intake.sendMessage(m -> m.queueUrl(raw).messageBody("{}").messageGroupId("iam-test")
                    .messageDeduplicationId("iam-test-1"));
            assertDenied(() -> intake.sendMessage(m -> m.queueUrl(stack.resources().queueUrl("ExecutionsQueue"))
                    .messageBody("{}").messageGroupId("iam-test").messageDeduplicationId("iam-test-2")),
                    "sqs:SendMessage");
            // receiving is the event source mapping's (the Lambda service's), not the function's
            assertDenied(() -> intake.receiveMessage(r -> r.queueUrl(raw)), "sqs:ReceiveMessage");
        }
    }

    @Test
    void kms_secrets_ssm_checkedInTheStubs() {
        try (KmsClient intake = as("IntakeFunction", KmsClient.builder(), stack.kms().endpoint());
                KmsClient redaction = as("RedactionFunction", KmsClient.builder(), stack.kms().endpoint())) {
            byte[] blob = redaction.generateDataKey(g -> g.keyId(stack.kms().keyArn("VaultKey")).numberOfBytes(32))
                    .ciphertextBlob().asByteArray();
            assertDenied(() -> intake.decrypt(d -> d.ciphertextBlob(SdkBytes.fromByteArray(blob))), "kms:Decrypt");
            assertDenied(() -> intake.generateDataKey(g -> g.keyId(stack.kms().keyArn("VaultKey")).numberOfBytes(32)),
                    "kms:GenerateDataKey");
        }
        try (SecretsManagerClient intake = as("IntakeFunction", SecretsManagerClient.builder(),
                stack.secretsManagerEndpoint());
                SecretsManagerClient executor = as("ExecutorFunction", SecretsManagerClient.builder(),
                        stack.secretsManagerEndpoint())) {
            String vaultHashKey = stack.resources().secretArn("VaultHashKeySecret");
            assertThat(executor.getSecretValue(g -> g.secretId(vaultHashKey)).secretString()).isNotEmpty();
            assertDenied(() -> intake.getSecretValue(g -> g.secretId(vaultHashKey)), "secretsmanager:GetSecretValue");
        }
        try (SsmClient intake = as("IntakeFunction", SsmClient.builder(), stack.ssmEndpoint());
                SsmClient approval = as("ApprovalFunction", SsmClient.builder(), stack.ssmEndpoint())) {
            assertThat(approval.getParameter(g -> g.name("/awoooi/approvers")).parameter().value()).isNotEmpty();
            assertDenied(() -> intake.getParameter(g -> g.name("/awoooi/approvers")), "ssm:GetParameter");
        }
    }
}
