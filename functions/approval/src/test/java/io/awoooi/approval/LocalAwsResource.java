package io.awoooi.approval;

import io.awoooi.testing.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real DynamoDB API server with the template's state table. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "test-operator-token-0123456789";
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        return Map.of(
                "state.table", aws.resources().tableName("StateTable"),
                "awoooi.aws.dynamodb.endpoint", aws.dynamo().endpoint().toString(),
                "awoooi.operator.token", TOKEN);
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
