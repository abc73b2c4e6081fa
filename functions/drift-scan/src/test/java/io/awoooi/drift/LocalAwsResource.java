package io.awoooi.drift;

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
        return new HashMap<>(aws.functionConfig());
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
