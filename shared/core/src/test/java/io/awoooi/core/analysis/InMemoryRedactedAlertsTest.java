package io.awoooi.core.analysis;

import io.awoooi.core.shield.RedactedAlertStore;
import io.awoooi.core.shield.RedactedAlertStoreContract;

/** The redacted-alert store contract on the fake the analysis tests use. */
class InMemoryRedactedAlertsTest extends RedactedAlertStoreContract {
    @Override
    protected RedactedAlertStore freshStore() {
        return new InMemoryRedactedAlerts();
    }
}
