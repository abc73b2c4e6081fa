package io.awoooi.aws;

import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.audit.OperationLogContract;
import io.awoooi.testing.LocalAws;

/** The operation log contract on the DynamoDB adapter (dynalite, the template's state table). */
class DynamoDbOperationLogTest extends OperationLogContract {
    private final LocalAws aws = LocalAws.shared();

    @Override
    protected OperationLog freshLog() {
        return new DynamoDbOperationLog(aws.dynamo().client(), aws.resources().tableName("StateTable"));
    }
}
