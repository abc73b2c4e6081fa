package io.awoooi.approval;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.SecretValue;
import io.awoooi.core.incident.IncidentReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the read side from the template's environment: STATE_TABLE, OPERATOR_TOKEN_SECRET_ARN. */
@ApplicationScoped
public class ApprovalWiring {

    @ConfigProperty(name = "state.table")
    String stateTable;

    @ConfigProperty(name = "operator.token.secret.arn")
    Optional<String> tokenSecretArn;

    /** A token given directly (AWOOOI_OPERATOR_TOKEN); tests use it instead of Secrets Manager. */
    @ConfigProperty(name = "awoooi.operator.token")
    Optional<String> staticToken;

    /** In-JVM tests only; deployed and local functions use the SDK's AWS_ENDPOINT_URL_* variables. */
    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    @Produces
    @Singleton
    IncidentReader incidentReader() {
        var dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        return new IncidentReader(new DynamoDbIncidentStore(dynamo, stateTable),
                new DynamoDbRedactedAlertStore(dynamo, stateTable), new DynamoDbAnalysisStore(dynamo, stateTable),
                new DynamoDbOperationLog(dynamo, stateTable));
    }

    @Produces
    @Singleton
    @Named("operatorToken")
    Supplier<String> operatorToken() {
        return SecretValue.directOrSecret(staticToken, tokenSecretArn,
                "OPERATOR_TOKEN_SECRET_ARN (the template does) or AWOOOI_OPERATOR_TOKEN");
    }
}
