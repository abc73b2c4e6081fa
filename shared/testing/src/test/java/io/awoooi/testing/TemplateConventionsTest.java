package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployable template's promises, checked on the file itself: least privilege, dead-letter
 * queues, encryption, SnapStart. The npm cfn-lint here predates HttpApi and SnapStart, so these
 * rules are ours.
 */
class TemplateConventionsTest {
    private final SamTemplate template = SamTemplate.load(RepoRoot.template());

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }

    private Map<String, Object> props(String id) {
        return map(template.resource(id).get("Properties"));
    }

    @Test
    void functions_policies_haveNoWildcardActions() {
        List<String> wildcards = new ArrayList<>();
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            for (Object policy : list(props(fn).get("Policies"))) {
                assertThat(policy).as(fn + " uses inline policy documents, not managed policy names").isInstanceOf(Map.class);
                for (Object statement : list(map(policy).get("Statement"))) {
                    for (Object action : list(map(statement).get("Action"))) {
                        if (String.valueOf(action).contains("*")) {
                            wildcards.add(fn + ": " + action);
                        }
                    }
                }
            }
        }
        assertThat(wildcards).isEmpty();
        assertThat(template.logicalIdsOfType(SamTemplate.FUNCTION)).contains("IntakeFunction", "ApprovalFunction");
    }

    @Test
    void functions_runJava21FromAModuleZipWithSnapStart() {
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            Map<String, Object> p = template.functionProperties(fn);
            assertThat(p.get("Runtime")).as(fn).isEqualTo("java21");
            assertThat(map(p.get("SnapStart")).get("ApplyOn")).as(fn).isEqualTo("PublishedVersions");
            assertThat(p.get("AutoPublishAlias")).as(fn + ": SnapStart needs published versions").isNotNull();
            String codeUri = String.valueOf(p.get("CodeUri"));
            assertThat(codeUri).as(fn).endsWith("/target/function.zip");
            Path module = template.directory().resolve(codeUri).normalize().getParent().getParent();
            assertThat(Files.exists(module.resolve("pom.xml"))).as(fn + " CodeUri names a Maven module").isTrue();
        }
    }

    @Test
    void queues_areEncryptedAndRedriveToADeadLetterQueueAfterFiveReceives() {
        List<String> queues = template.logicalIdsOfType(SamTemplate.QUEUE);
        assertThat(queues).contains("RawAlertsQueue", "RawAlertsDLQ");
        for (String q : queues) {
            Map<String, Object> p = props(q);
            assertThat(p.containsKey("KmsMasterKeyId") || Boolean.TRUE.equals(p.get("SqsManagedSseEnabled")))
                    .as(q + " encrypted").isTrue();
            boolean isDeadLetterQueue = q.endsWith("DLQ");
            if (!isDeadLetterQueue) {
                Map<String, Object> redrive = map(p.get("RedrivePolicy"));
                assertThat(redrive.get("maxReceiveCount")).as(q).isEqualTo(5);
                String dlq = String.valueOf(list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0));
                assertThat(queues).as(q + " dead-letter queue").contains(dlq);
                assertThat(props(dlq).get("FifoQueue")).as("a FIFO queue needs a FIFO DLQ").isEqualTo(p.get("FifoQueue"));
            }
        }
    }

    @Test
    void sqsEventSources_reportBatchItemFailuresAndQueueVisibilityIsSixTimesTheTimeout() {
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            Map<String, Object> p = template.functionProperties(fn);
            for (Object e : map(p.get("Events")).values()) {
                Map<String, Object> event = map(e);
                if (!"SQS".equals(event.get("Type"))) {
                    continue;
                }
                Map<String, Object> ep = map(event.get("Properties"));
                assertThat(list(ep.get("FunctionResponseTypes"))).as(fn).contains("ReportBatchItemFailures");
                String queue = String.valueOf(list(map(ep.get("Queue")).get("Fn::GetAtt")).get(0));
                int timeout = ((Number) p.get("Timeout")).intValue();
                assertThat(((Number) props(queue).get("VisibilityTimeout")).intValue()).as(queue)
                        .isGreaterThanOrEqualTo(6 * timeout);
            }
        }
    }

    @Test
    void stateTable_isOnDemandWithRecoveryEncryptionAndTtl() {
        Map<String, Object> p = props("StateTable");
        assertThat(p.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).isEqualTo(true);
        assertThat(map(p.get("SSESpecification")).get("SSEEnabled")).isEqualTo(true);
        assertThat(map(p.get("TimeToLiveSpecification")).get("AttributeName")).isEqualTo("expiresAt");
    }

    @Test
    void secrets_areGeneratedAndServedLocallyFromNamedVariables() {
        for (String s : template.logicalIdsOfType("AWS::SecretsManager::Secret")) {
            assertThat(props(s)).as(s).containsKey("GenerateSecretString");
            assertThat(map(map(template.resource(s).get("Metadata")).get("AwoooiLocal")).get("ValueFromEnv"))
                    .as(s).asString().startsWith("AWOOOI_");
        }
        assertThat(template.outputs()).containsKeys("ApiUrl", "AlertmanagerWebhookUrl");
    }
}
