package io.awoooi.analysis;

import io.awoooi.testing.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Real DynamoDB and SQS API servers with the template's tables and queues. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        return aws.functionConfig();
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
