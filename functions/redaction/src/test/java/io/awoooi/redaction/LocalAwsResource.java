package io.awoooi.redaction;

import io.awoooi.testing.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Real DynamoDB and SQS API servers with the template's tables and queues. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        return Map.of(
                "state.table", aws.resources().tableName("StateTable"),
                "vault.table", aws.resources().tableName("VaultTable"),
                "vault.key.id", "test-key",
                "incidents.queue.url", aws.resources().queueUrl("IncidentsQueue"),
                "awoooi.aws.dynamodb.endpoint", aws.dynamo().endpoint().toString(),
                "awoooi.aws.sqs.endpoint", aws.sqs().endpoint().toString());
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
