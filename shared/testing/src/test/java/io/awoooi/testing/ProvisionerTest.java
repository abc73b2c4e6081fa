package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The real template provisioned on real dynalite and ElasticMQ, through the shared LocalAws. */
class ProvisionerTest {

    private static final LocalAws AWS = LocalAws.shared();

    @Test
    void provision_realTemplate_createsStateTableWithKeySchemaAndGsi1() {
        // GIVEN the shared, provisioned servers
        String table = AWS.resources().tableName("StateTable");

        // WHEN the state table is described
        TableDescription description = AWS.dynamo().client().describeTable(r -> r.tableName(table)).table();

        // THEN it has the template's keys, GSI1, the pending index and on-demand billing
        assertThat(table).isEqualTo("StateTable");
        assertThat(description.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build());
        assertThat(description.globalSecondaryIndexes()).hasSize(2);
        assertThat(description.globalSecondaryIndexes()).filteredOn(g -> g.indexName().equals("GSI1")).singleElement()
                .satisfies(gsi -> {
                    assertThat(gsi.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("GSI1PK",
                            "GSI1SK");
                    assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
                });
        // AND the expiry sweep's sparse index of pending approval requests (issue 16), keys only
        assertThat(description.globalSecondaryIndexes()).filteredOn(g -> g.indexName().equals("PendingExpiry"))
                .singleElement().satisfies(gsi -> {
                    assertThat(gsi.keySchema()).extracting(KeySchemaElement::attributeName)
                            .containsExactly("pendingPK", "pendingUntil");
                    assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
                });
        assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void provision_realTemplate_createsFifoQueueWithRedrivePolicyToTheDlq() throws Exception {
        // GIVEN the shared, provisioned servers
        LocalResources resources = AWS.resources();

        // WHEN the raw alerts queue's attributes are read
        Map<QueueAttributeName, String> attributes = AWS.sqs().client().getQueueAttributes(r -> r
                .queueUrl(resources.queueUrl("RawAlertsQueue")).attributeNames(QueueAttributeName.ALL)).attributes();

        // THEN it is FIFO, keeps the template's visibility timeout and redrives to the DLQ after 5
        // receives (ElasticMQ accepts MessageRetentionPeriod but does not report it back)
        assertThat(resources.queueName("RawAlertsQueue")).isEqualTo("RawAlertsQueue.fifo");
        assertThat(attributes)
                .containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "180")
                .containsEntry(QueueAttributeName.QUEUE_ARN, resources.queueArn("RawAlertsQueue"));
        JsonNode redrive = new ObjectMapper().readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(5);
        assertThat(redrive.get("deadLetterTargetArn").asText())
                .isEqualTo(resources.queueArn("RawAlertsDLQ"))
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:RawAlertsDLQ.fifo");
        assertThat(AWS.sqs().client().getQueueAttributes(r -> r.queueUrl(resources.queueUrl("RawAlertsDLQ"))
                .attributeNames(QueueAttributeName.FIFO_QUEUE)).attributes())
                .containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
    }

    @Test
    void fifoQueue_sameDeduplicationIdSentTwice_deliversOneMessage() {
        // GIVEN the raw alerts FIFO queue and a group of its own
        String url = AWS.resources().queueUrl("RawAlertsQueue");
        String group = "dedup-test-" + System.nanoTime();

        // WHEN the same notification is sent twice with one deduplication id
        for (int i = 0; i < 2; i++) {
            AWS.sqs().client().sendMessage(r -> r.queueUrl(url).messageBody("{\"n\":1}")
                    .messageGroupId(group).messageDeduplicationId(group + "-key"));
        }

        // THEN one message of that group is delivered
        List<Message> received = AWS.sqs().client().receiveMessage(r -> r.queueUrl(url)
                .maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .messages().stream()
                .filter(m -> group.equals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                .toList();
        assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("{\"n\":1}"));
        AWS.sqs().client().deleteMessage(r -> r.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
    }

    @Test
    void provision_secondTime_reusesExistingTablesAndQueues() {
        // GIVEN servers the template is already provisioned on
        LocalResources first = AWS.resources();

        // WHEN provisioning runs again
        LocalResources second = Provisioner.provision(AWS.template(), AWS.dynamo().client(), AWS.sqs().client());

        // THEN nothing fails and the names are the same
        assertThat(second.tables()).isEqualTo(first.tables());
        assertThat(second.queueUrls()).isEqualTo(first.queueUrls())
                .containsKeys("RawAlertsQueue", "RawAlertsDLQ", "IncidentsQueue", "IncidentsDLQ")
                .hasSameSizeAs(AWS.template().logicalIdsOfType(SamTemplate.QUEUE));
        assertThat(first.queueUrl("RawAlertsDLQ"))
                .isEqualTo(AWS.sqs().endpoint() + "/000000000000/RawAlertsDLQ.fifo");
    }

    @Test
    void evaluate_functionEnvironmentWithLocalResources_pointsAtTheLocalServers() {
        // GIVEN the intake and approval functions' merged properties
        Map<String, Object> intake = AWS.template().functionProperties("IntakeFunction");
        Map<String, Object> approval = AWS.template().functionProperties("ApprovalFunction");

        // WHEN evaluated with the local resources
        Object environment = AWS.template().evaluate(intake.get("Environment"), AWS.resources());
        Object timeout = AWS.template().evaluate(intake.get("Timeout"), AWS.resources());
        Object policies = AWS.template().evaluate(approval.get("Policies"), AWS.resources());

        // THEN every Ref and GetAtt has its local value
        assertThat(environment).isEqualTo(Map.of("Variables", Map.of(
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
                "QUARKUS_LOG_LEVEL", "INFO",
                "STATE_TABLE", "StateTable",
                "RAW_ALERTS_QUEUE_URL", AWS.resources().queueUrl("RawAlertsQueue"),
                "INTAKE_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:IntakeTokenSecret")));
        assertThat(timeout).isEqualTo("10");
        assertThat(policies.toString())
                .contains("arn:aws:dynamodb:us-east-1:000000000000:table/StateTable/index/*")
                // a managed policy it attaches by !Ref is that policy's ARN, as CloudFormation gives it
                .contains("arn:aws:iam::000000000000:policy/ApprovalLedgerPolicy");
        assertThat(AWS.template().evaluate(((Map<?, ?>) AWS.template().outputs().get("ApiUrl")).get("Value"),
                AWS.resources())).isEqualTo("https://local.execute-api.us-east-1.amazonaws.com");
    }

    @Test
    void resolver_unknownNameOrAttribute_throwsNamingIt() {
        // GIVEN the local resources
        LocalResources resources = AWS.resources();

        // WHEN / THEN names it cannot resolve fail clearly
        assertThatThrownBy(() -> resources.ref("Nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nope");
        assertThatThrownBy(() -> resources.getAtt("StateTable", "Color"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StateTable.Color");
        assertThatThrownBy(() -> resources.tableName("RawAlertsQueue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS::SQS::Queue");
        assertThat(resources.ref("QueueKey")).isEqualTo(resources.ref("QueueKey")).hasSize(36);
        assertThat(resources.getAtt("QueueKey", "Arn")).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
        assertThat(resources.ref("AWS::StackName")).isEqualTo("awoooi-local");
    }
}
