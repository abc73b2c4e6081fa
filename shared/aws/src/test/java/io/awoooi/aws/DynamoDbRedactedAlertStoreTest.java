package io.awoooi.aws;

import io.awoooi.core.shield.RedactedAlertStore;
import io.awoooi.core.shield.RedactedAlertStoreContract;
import io.awoooi.testing.LocalAws;

/** The redacted-alert store contract on the DynamoDB adapter (dynalite, the template's state table). */
class DynamoDbRedactedAlertStoreTest extends RedactedAlertStoreContract {
    private final LocalAws aws = LocalAws.shared();

    @Override
    protected RedactedAlertStore freshStore() {
        return new DynamoDbRedactedAlertStore(aws.dynamo().client(), aws.resources().tableName("StateTable"));
    }
}
