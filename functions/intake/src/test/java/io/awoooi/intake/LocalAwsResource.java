package io.awoooi.intake;

import io.awoooi.testing.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Real DynamoDB and SQS API servers for the handler, with the template's table and queue. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "test-intake-token-0123456789";
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        Map<String, String> config = new HashMap<>(aws.functionConfig());
        config.put("awoooi.intake.token", TOKEN);
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
