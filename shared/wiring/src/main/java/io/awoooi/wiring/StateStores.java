package io.awoooi.wiring;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.DynamoDbAiOutcomes;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbFinOpsReportStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbLeakAudit;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB client per function and the adapters of the state table (STATE_TABLE), each a
 * singleton a function injects by its adapter type or its port. ArC removes those a function never
 * injects (nothing is built for them, not even at the cold start).
 */
@Singleton
public class StateStores {

    @Produces
    @Singleton
    DynamoDbClient dynamo(AwsEndpoints endpoints) {
        return AwsClients.dynamoDb(endpoints.dynamodb());
    }

    private static String state(Tables tables) {
        return Required.value(tables.state(), "state.table");
    }

    @Produces
    @Singleton
    DynamoDbIncidentStore incidents(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbIncidentStore(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbRedactedAlertStore redactedAlerts(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbRedactedAlertStore(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbAnalysisStore analyses(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbAnalysisStore(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbOperationLog operations(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbOperationLog(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbIncidentFailureStore failures(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbIncidentFailureStore(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbApprovalStore approvals(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbApprovalStore(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbExecutionStore executions(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbExecutionStore(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbAiTraceSink aiTraces(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbAiTraceSink(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbAiOutcomes aiOutcomes(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbAiOutcomes(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbDriftStore drift(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbDriftStore(dynamo, state(tables));
    }

    @Produces
    @Singleton
    DynamoDbFinOpsReportStore finOpsReports(DynamoDbClient dynamo, Tables tables) {
        return new DynamoDbFinOpsReportStore(dynamo, state(tables));
    }

    /** The Privacy Shield's last check on what leaves (prompts, notifications), auditing to the state table. */
    @Produces
    @Singleton
    LeakGuard leakGuard(DynamoDbClient dynamo, Tables tables) {
        return new LeakGuard(new PiiScanner(), new DynamoDbLeakAudit(dynamo, state(tables)), Clock.systemUTC());
    }
}
