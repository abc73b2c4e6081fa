package io.awoooi.approval;

import io.awoooi.testing.LocalAws;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Real DynamoDB and SQS API servers with the template's tables and queues; the demo approvers. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "test-operator-token-0123456789";
    static final String SESSION_KEY = "test-console-session-key-0123456789abcdef0123456789";
    static final String LINK_KEY = LocalAws.APPROVAL_LINK_KEY;
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        Map<String, String> config = new HashMap<>(aws.functionConfig());
        config.put("awoooi.operator.token", TOKEN);
        config.put("awoooi.console.session.key", SESSION_KEY);
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
