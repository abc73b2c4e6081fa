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
        Map<String, String> config = new java.util.HashMap<>(aws.functionConfig());
        config.put("awoooi.approval.link.key", "test-link-key-0123456789abcdef0123456789");
        config.put("approvers.file", io.awoooi.testing.RepoRoot.find().resolve("infra/local/demo/approvers.json").toString());
        config.put("public.base.url", "https://approvals.example.test");
        return config;
    }

    @Override
    public void stop() {
        if (aws != null) {
            aws.close();
        }
    }
}
