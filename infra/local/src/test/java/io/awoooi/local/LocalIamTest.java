package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.testing.LocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy evaluation of the local runtime (ADR 0013). */
class LocalIamTest {

    private static final String T = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    private static LocalIam iam(LocalIam.Statement... statements) {
        return new LocalIam(Map.of("F", List.of(statements)));
    }

    private static LocalIam.Statement allow(List<String> actions, List<String> resources) {
        return new LocalIam.Statement(true, actions, resources, false);
    }

    private static String auth(String keyId) {
        return "AWS4-HMAC-SHA256 Credential=" + keyId + "/20261207/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=00";
    }

    @Test
    void allowed_exactActionAndResource_only() {
        LocalIam iam = iam(allow(List.of("dynamodb:Query"), List.of(T + "vault")));
        assertThat(iam.allowed("F", "dynamodb:Query", T + "vault")).isTrue();
        assertThat(iam.allowed("F", "dynamodb:GetItem", T + "vault")).isFalse();
        assertThat(iam.allowed("F", "dynamodb:Query", T + "vault/index/GSI1")).isFalse();
        assertThat(iam.allowed("F", "dynamodb:Query", T + "state")).isFalse();
    }

    @Test
    void allowed_wildcards_actionsIgnoreCase_resourcesDoNot() {
        LocalIam iam = iam(
                allow(List.of("sqs:Get*", "dynamodb:*"), List.of(T + "state/index/*", "arn:aws:sqs:*:*:q?")));
        assertThat(iam.allowed("F", "sqs:GetQueueAttributes", "arn:aws:sqs:us-east-1:000000000000:q1")).isTrue();
        assertThat(iam.allowed("F", "SQS:getqueueurl", "arn:aws:sqs:us-east-1:000000000000:q1")).isTrue();
        assertThat(iam.allowed("F", "sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:q1")).isFalse();
        assertThat(iam.allowed("F", "dynamodb:Query", T + "state/index/GSI1")).isTrue();
        assertThat(iam.allowed("F", "dynamodb:Query", T + "STATE/index/GSI1")).isFalse();
    }

    @Test
    void allowed_denyWins_conditionalAllowGrantsNothing() {
        LocalIam iam = iam(allow(List.of("dynamodb:*"), List.of("*")),
                new LocalIam.Statement(false, List.of("dynamodb:DeleteItem"), List.of(T + "*"), false),
                new LocalIam.Statement(true, List.of("ses:SendEmail"), List.of("*"), true));
        assertThat(iam.allowed("F", "dynamodb:PutItem", T + "state")).isTrue();
        assertThat(iam.allowed("F", "dynamodb:DeleteItem", T + "state")).isFalse();
        assertThat(iam.allowed("F", "ses:SendEmail", "*")).isFalse();
    }

    @Test
    void allowed_denyWithNotResource_appliesToEveryOtherResourceOnly() {
        String own = "arn:aws:sqs:us-east-1:000000000000:raw.fifo";
        String other = "arn:aws:sqs:us-east-1:000000000000:executions.fifo";
        LocalIam iam = iam(allow(List.of("sqs:ReceiveMessage", "sqs:SendMessage"), List.of("*")),
                new LocalIam.Statement(false, List.of("sqs:ReceiveMessage"), List.of(own), false, true));
        assertThat(iam.allowed("F", "sqs:ReceiveMessage", own)).isTrue();
        assertThat(iam.allowed("F", "sqs:ReceiveMessage", other)).isFalse();
        assertThat(iam.allowed("F", "sqs:SendMessage", other)).isTrue();
    }

    @Test
    void fromTemplate_sqsConsumers_receiveAndDeleteOnlyInTheirOwnQueues_despiteSamsManagedPolicy() {
        // GIVEN the real template's policies, SAM's AWSLambdaSQSQueueExecutionRole included for the
        // functions with an SQS event
        LocalAws aws = LocalAws.shared();
        LocalIam iam = LocalIam.fromTemplate(aws.template(), aws.resources());
        Map<String, List<String>> own = Map.of("RedactionFunction", List.of("RawAlertsQueue"), "AnalysisFunction",
                List.of("IncidentsQueue"), "ExecutorFunction", List.of("ExecutionsQueue", "VerificationQueue"));
        List<String> queues = List.of("RawAlertsQueue", "IncidentsQueue", "ExecutionsQueue", "VerificationQueue");
        own.forEach((fn, mine) -> {
            assertThat(iam.statementsOf(fn)).as(fn).contains(LocalIam.SQS_QUEUE_EXECUTION_ROLE);
            for (String queue : queues) {
                String arn = aws.resources().queueArn(queue);
                for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage")) {
                    // THEN its trigger's queue(s) only: a compromised consumer reads no other queue
                    assertThat(iam.allowed(fn, action, arn)).as(fn + " " + action + " " + queue)
                            .isEqualTo(mine.contains(queue));
                }
            }
        });
        // AND a function without an SQS event has no receive at all
        assertThat(iam.allowed("IntakeFunction", "sqs:ReceiveMessage", aws.resources().queueArn("RawAlertsQueue")))
                .isFalse();
    }

    @Test
    void denial_callerFromTheCredential_otherKeysAreTheAdministrator() {
        LocalIam iam = iam(allow(List.of("dynamodb:Query"), List.of(T + "vault")));
        String key = LocalIam.accessKeyId("F");
        assertThat(key).startsWith("AKLOCAL").hasSize(20).isEqualTo(LocalIam.accessKeyId("F"));
        assertThat(iam.caller(auth(key))).hasValue("F");
        assertThat(iam.denial(auth(key), "dynamodb:Query", T + "vault")).isNull();
        assertThat(iam.denial(auth(key), "dynamodb:GetItem", T + "vault"))
                .contains("is not authorized to perform: dynamodb:GetItem on resource: " + T + "vault");
        // tests, the control plane and the SQS pollers (the Lambda service) sign with other keys
        assertThat(iam.denial(auth("local"), "dynamodb:GetItem", T + "vault")).isNull();
        assertThat(iam.denial(null, "dynamodb:GetItem", T + "vault")).isNull();
    }

    @Test
    void fromTemplate_theExecutorMayQueryTheVault_notGetItem_theIntakeNotAtAll() {
        // GIVEN the real template's policies, evaluated to the local ARNs
        LocalAws aws = LocalAws.shared();
        LocalIam iam = LocalIam.fromTemplate(aws.template(), aws.resources());
        String vault = aws.resources().tableArn("VaultTable");

        // THEN defect 2 would have been caught: the executor's vault statement is Query
        assertThat(iam.allowed("ExecutorFunction", "dynamodb:Query", vault)).isTrue();
        assertThat(iam.allowed("ExecutorFunction", "dynamodb:GetItem", vault)).isFalse();
        assertThat(iam.allowed("IntakeFunction", "dynamodb:Query", vault)).isFalse();
        assertThat(iam.allowed("IntakeFunction", "sqs:SendMessage", aws.resources().queueArn("RawAlertsQueue")))
                .isTrue();
        assertThat(iam.allowed("IntakeFunction", "sqs:SendMessage", aws.resources().queueArn("ExecutionsQueue")))
                .isFalse();
        assertThat(iam.allowed("ApprovalFunction", "ssm:GetParameter",
                "arn:aws:ssm:us-east-1:000000000000:parameter/awoooi/approvers")).isTrue();
        assertThat(iam.allowed("AnalysisFunction", "dynamodb:Query",
                aws.resources().tableArn("StateTable") + "/index/GSI1")).isTrue();
        // the statements under Fn::If whose condition is false locally are left out, not granted
        assertThat(iam.statementsOf("ExecutorFunction")).allSatisfy(s -> assertThat(s.resources()).isNotEmpty());
    }

    @Test
    void fromTemplate_theExpirySweepQueriesOnlyThePendingIndex_holdsNoKey_onlyTheConsoleReadsApproverTokens() {
        // GIVEN the real template's policies, evaluated to the local ARNs
        LocalAws aws = LocalAws.shared();
        LocalIam iam = LocalIam.fromTemplate(aws.template(), aws.resources());
        String state = aws.resources().tableArn("StateTable");

        // THEN the sweep reads the sparse index and moves requests, and nothing of the links or the queue
        assertThat(iam.allowed("ApprovalExpiryFunction", "dynamodb:Query", state + "/index/PendingExpiry")).isTrue();
        assertThat(iam.allowed("ApprovalExpiryFunction", "dynamodb:Query", state + "/index/GSI1")).isFalse();
        assertThat(iam.allowed("ApprovalExpiryFunction", "dynamodb:UpdateItem", state)).isTrue();
        assertThat(iam.allowed("ApprovalExpiryFunction", "secretsmanager:GetSecretValue",
                aws.resources().secretArn("ApprovalLinkKeySecret"))).isFalse();
        assertThat(
                iam.allowed("ApprovalExpiryFunction", "sqs:SendMessage", aws.resources().queueArn("ExecutionsQueue")))
                .isFalse();
        // AND the approvers' console tokens are the approval function's alone
        String tokens = aws.resources().secretArn("ApproverConsoleTokensSecret");
        assertThat(iam.allowed("ApprovalFunction", "secretsmanager:GetSecretValue", tokens)).isTrue();
        for (String fn : java.util.List.of("ApprovalExpiryFunction", "AnalysisFunction", "ExecutorFunction",
                "McpFunction")) {
            assertThat(iam.allowed(fn, "secretsmanager:GetSecretValue", tokens)).as(fn).isFalse();
        }
    }

    @Test
    void fromTemplate_managedPoliciesAttachedByRef_grantLikeInlineStatements_conditionalOnesOnlyWhenTheyHold() {
        // GIVEN the real template, whose shared permissions are managed policies the functions attach by !Ref
        LocalAws aws = LocalAws.shared();
        LocalIam iam = LocalIam.fromTemplate(aws.template(), aws.resources());
        String state = aws.resources().tableArn("StateTable");
        String approvers = "arn:aws:ssm:us-east-1:000000000000:parameter/awoooi/approvers";

        // THEN the ledger, trust and notification policies grant what they hold to the functions attaching them
        assertThat(iam.allowed("ApprovalExpiryFunction", "dynamodb:GetItem", state)).isTrue();
        assertThat(iam.allowed("ApprovalExpiryFunction", "ssm:GetParameter", approvers)).isTrue();
        assertThat(iam.allowed("ApprovalExpiryFunction", "dynamodb:GetItem", aws.resources().tableArn("TrustTable")))
                .isFalse();
        assertThat(iam.allowed("McpFunction", "dynamodb:GetItem", aws.resources().tableArn("TrustTable"))).isTrue();
        assertThat(iam.allowed("RedactionFunction", "kms:GenerateDataKey", aws.resources().getAtt("QueueKey", "Arn")))
                .isTrue();
        // AND not to the functions that do not attach them
        assertThat(iam.allowed("DriftScanFunction", "dynamodb:UpdateItem", state)).isFalse();
        assertThat(iam.allowed("IntakeFunction", "ssm:GetParameter", approvers)).isFalse();
        // AND a policy attached under a Condition that does not hold locally (ClusterAuth auto, no Bedrock) grants nothing
        assertThat(iam.statementsOf("AnalysisFunction"))
                .noneSatisfy(s -> assertThat(s.actions()).contains("bedrock:InvokeModel"));
        assertThat(iam.statementsOf("ExecutorFunction")).allSatisfy(s -> assertThat(s.resources()).doesNotContain(""));
    }

    @Test
    void fromTemplate_aConditionalManagedPolicy_isEnforcedWhenItsConditionHolds_aPolicyByNameIsRefused(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // GIVEN a template whose function attaches a conditional managed policy, with the condition true
        String template = """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Mode:
                    Type: String
                    Default: on
                Conditions:
                  IsOn: !Equals [!Ref Mode, on]
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  Shared:
                    Type: AWS::IAM::ManagedPolicy
                    Condition: IsOn
                    Properties:
                      PolicyDocument:
                        Version: '2012-10-17'
                        Statement:
                          - Effect: Allow
                            Action: [dynamodb:GetItem]
                            Resource: !GetAtt Table.Arn
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - Version: '2012-10-17'
                          Statement:
                            - Effect: Allow
                              Action: [dynamodb:PutItem]
                              Resource: !GetAtt Table.Arn
                        - !If [IsOn, !Ref Shared, !Ref AWS::NoValue]
                """;
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("template.yaml"), template);
        io.awoooi.testing.SamTemplate sam = io.awoooi.testing.SamTemplate.load(file);
        io.awoooi.testing.LocalResources resources = io.awoooi.testing.LocalResources.of(sam);

        // WHEN the local IAM reads it
        LocalIam iam = LocalIam.fromTemplate(sam, resources);

        // THEN the managed policy's statement counts as the function's own
        String table = resources.tableArn("Table");
        assertThat(iam.allowed("F", "dynamodb:GetItem", table)).isTrue();
        assertThat(iam.allowed("F", "dynamodb:PutItem", table)).isTrue();
        assertThat(iam.allowed("F", "dynamodb:Query", table)).isFalse();

        // AND with the condition false it grants nothing
        java.nio.file.Path off = java.nio.file.Files.writeString(dir.resolve("off.yaml"),
                template.replace("Default: on", "Default: off"));
        io.awoooi.testing.SamTemplate samOff = io.awoooi.testing.SamTemplate.load(off);
        LocalIam iamOff = LocalIam.fromTemplate(samOff, io.awoooi.testing.LocalResources.of(samOff));
        assertThat(iamOff.allowed("F", "dynamodb:GetItem", table)).isFalse();
        assertThat(iamOff.allowed("F", "dynamodb:PutItem", table)).isTrue();

        // AND an AWS managed policy by name, which the local IAM cannot read, is refused with the reason
        java.nio.file.Path byName = java.nio.file.Files.writeString(dir.resolve("name.yaml"),
                template.replace("- !If [IsOn, !Ref Shared, !Ref AWS::NoValue]", "- AmazonDynamoDBFullAccess"));
        io.awoooi.testing.SamTemplate samByName = io.awoooi.testing.SamTemplate.load(byName);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LocalIam.fromTemplate(samByName, io.awoooi.testing.LocalResources.of(samByName)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AmazonDynamoDBFullAccess")
                .hasMessageContaining("inline policy documents and the template's managed policies");
    }
}
