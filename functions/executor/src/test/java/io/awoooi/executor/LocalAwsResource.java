package io.awoooi.executor;

import io.awoooi.testing.LocalAws;
import io.awoooi.testing.RepoRoot;
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
        config.put("awoooi.approval.link.key", "test-link-key-0123456789abcdef0123456789");
        config.put("approvers.file", RepoRoot.find().resolve("infra/local/demo/approvers.json").toString());
        config.put("public.base.url", "https://approvals.example.test");
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
