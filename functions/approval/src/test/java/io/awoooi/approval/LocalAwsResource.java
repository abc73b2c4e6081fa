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
    /** The approvers' own console tokens (alice devops, bob sre, carol cto: the demo directory). */
    static final String ALICE_TOKEN = "alice-console-token-0123456789abcdef";
    static final String BOB_TOKEN = "bob-console-token-0123456789abcdef00";
    static final String CAROL_TOKEN = "carol-console-token-0123456789abcdef";
    static LocalAws aws;

    @Override
    public Map<String, String> start() {
        aws = LocalAws.start();
        Map<String, String> config = new HashMap<>(aws.functionConfig());
        config.put("awoooi.operator.token", TOKEN);
        config.put("awoooi.console.session.key", SESSION_KEY);
        config.put("awoooi.approver.tokens", "{\"alice\": \"" + ALICE_TOKEN + "\", \"bob\": \"" + BOB_TOKEN
                + "\", \"carol\": \"" + CAROL_TOKEN + "\"}");
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
