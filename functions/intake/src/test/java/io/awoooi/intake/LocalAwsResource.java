package io.awoooi.intake;

import io.awoooi.testing.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Real DynamoDB and SQS API servers for the handler, with the template's table and queue. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "test-intake-token-0123456789";
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        return Map.of(
                "state.table", aws.resources().tableName("StateTable"),
                "raw.alerts.queue.url", aws.resources().queueUrl("RawAlertsQueue"),
                "awoooi.aws.dynamodb.endpoint", aws.dynamo().endpoint().toString(),
                "awoooi.aws.sqs.endpoint", aws.sqs().endpoint().toString(),
                "awoooi.intake.token", TOKEN);
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
