package io.awoooi.executor;

import io.awoooi.testing.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Real DynamoDB and SQS API servers with the template's tables and queues; the demo approvers. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        Map<String, String> config = new HashMap<>(aws.functionConfig());
        config.put("vault.key.id", "test-key");
        config.put("verification.delay.seconds", "0");
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
