package io.awoooi.approval;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.aws.SqsClients;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.SecretValue;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalSection;
import io.awoooi.core.execution.ExecutionSection;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbTrustStore;
import io.awoooi.core.approval.TrustScores;
import io.awoooi.core.auth.ConsoleSessions;
import io.awoooi.core.narrative.AiTraces;
import io.awoooi.notify.ApprovalDesks;
import io.awoooi.notify.NotificationChannels;
import java.time.Clock;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the read side and the approval links from the template's environment: STATE_TABLE,
 * OPERATOR_TOKEN_SECRET_ARN; TRUST_TABLE, EXECUTIONS_QUEUE_URL, APPROVAL_LINK_KEY_SECRET_ARN (it
 * verifies links; it issues none, so no PUBLIC_BASE_URL: ADR 0012), APPROVERS_PARAMETER and the
 * notification channels' variables (io.awoooi.notify.NotificationChannels).
 */
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

    @ConfigProperty(name = "awoooi.aws.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    @Produces
    @Singleton
    IncidentReader incidentReader() {
        var dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        return new IncidentReader(new DynamoDbIncidentStore(dynamo, stateTable),
                new DynamoDbRedactedAlertStore(dynamo, stateTable), new DynamoDbAnalysisStore(dynamo, stateTable),
                new DynamoDbOperationLog(dynamo, stateTable),
                new ApprovalSection(new DynamoDbApprovalStore(dynamo, stateTable), Clock.systemUTC()),
                new ExecutionSection(new DynamoDbExecutionStore(dynamo, stateTable)),
                new DynamoDbIncidentFailureStore(dynamo, stateTable));
    }

    /** LABEL_KUBERNETES_NAMES: drift reports name workloads by their labels then (ADR 0014). */
    @ConfigProperty(name = "label.kubernetes.names", defaultValue = "false")
    boolean labelKubernetesNames;

    @Produces
    @Singleton
    io.awoooi.core.drift.DriftReportReader driftReports() {
        var dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        return new io.awoooi.core.drift.DriftReportReader(new io.awoooi.aws.DynamoDbDriftStore(dynamo, stateTable),
                new DynamoDbOperationLog(dynamo, stateTable), new DynamoDbAiTraceSink(dynamo, stateTable),
                new io.awoooi.core.drift.DriftRedaction(new io.awoooi.core.shield.Pseudonymizer(
                        new io.awoooi.core.privacy.PiiScanner(), labelKubernetesNames)));
    }

    @Produces
    @Singleton
    io.awoooi.core.finops.FinOpsReportStore finOpsReports() {
        return new io.awoooi.aws.DynamoDbFinOpsReportStore(AwsClients.dynamoDb(dynamoEndpoint), stateTable);
    }

    @Produces
    @Singleton
    Supplier<ApprovalDesk> approvalDesk() {
        return ApprovalDesks.of(ApprovalDesks.Settings.fromConfig(
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), ApprovalDesks.Links.VERIFY),
                AwsClients.dynamoDb(dynamoEndpoint),
                SqsExecutionQueue.fromConfig(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), SqsClients.of(sqsEndpoint)));
    }

    /** The console's session key given directly (AWOOOI_CONSOLE_SESSION_KEY); tests use it. */
    @ConfigProperty(name = "awoooi.console.session.key")
    Optional<String> staticSessionKey;

    /** The console's session key in Secrets Manager (the template's ConsoleSessionKeySecret). */
    @ConfigProperty(name = "console.session.key.secret.arn")
    Optional<String> sessionKeyArn;

    /** The approvers' console tokens given directly (AWOOOI_APPROVER_TOKENS, JSON); tests and the local stack use it. */
    @ConfigProperty(name = "awoooi.approver.tokens")
    Optional<String> staticApproverTokens;

    /** The approvers' console tokens in Secrets Manager (the template's ApproverConsoleTokensSecret). */
    @ConfigProperty(name = "approver.tokens.secret.arn")
    Optional<String> approverTokensArn;

    @Produces
    @Singleton
    Supplier<ConsoleSessions> consoleSessions(@Named("operatorToken") Supplier<String> operatorToken) {
        Supplier<String> key = SecretValue.directOrSecret(staticSessionKey, sessionKeyArn,
                "CONSOLE_SESSION_KEY_SECRET_ARN (the template does) or AWOOOI_CONSOLE_SESSION_KEY");
        ConsoleSessions sessions = new ConsoleSessions(() -> key.get().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                operatorToken, approverTokens(), ConsoleSessions.DEFAULT_TTL, Clock.systemUTC());
        return () -> sessions;
    }

    /**
     * The approvers' console tokens, parsed again only when the secret's value changed (it is cached
     * for a few minutes by SecretValue). Neither variable set: no approver signs in (the console is
     * the operator's only). A value that is not a valid token document admits no approver (logged
     * once per value, the reason never repeats a token) and keeps the operator's sign-in working.
     */
    private Supplier<io.awoooi.core.auth.ApproverTokens> approverTokens() {
        Optional<String> direct = staticApproverTokens.filter(t -> !t.isBlank());
        Optional<String> arn = approverTokensArn.filter(a -> !a.isBlank());
        if (direct.isEmpty() && arn.isEmpty()) {
            return io.awoooi.core.auth.ApproverTokens::none;
        }
        Supplier<String> secret = SecretValue.directOrSecret(direct, arn,
                "APPROVER_TOKENS_SECRET_ARN (the template does) or AWOOOI_APPROVER_TOKENS");
        return new Supplier<>() {
            private String parsedFrom;
            private io.awoooi.core.auth.ApproverTokens parsed;

            @Override
            public synchronized io.awoooi.core.auth.ApproverTokens get() {
                String value = secret.get();
                if (!value.equals(parsedFrom)) {
                    try {
                        parsed = io.awoooi.core.auth.ApproverTokens.parse(value);
                    } catch (IllegalArgumentException e) {
                        org.jboss.logging.Logger.getLogger(ApprovalWiring.class).errorf(
                                "the approvers' console tokens are unusable (%s): no approver can sign in until the"
                                        + " secret is fixed", e.getMessage());
                        parsed = io.awoooi.core.auth.ApproverTokens.none();
                    }
                    parsedFrom = value;
                }
                return parsed;
            }
        };
    }

    /**
     * The desk of the expiry sweep (ApprovalExpiryFunction, the same code with QUARKUS_LAMBDA_HANDLER
     * approval-expiry): it neither issues nor verifies links, so it holds no link key
     * ({@link ApprovalDesks.Links#NONE}); an expired request's messages lose their buttons anyway. It
     * never dispatches ({@link ApprovalDesks#NEVER_DISPATCHES}): no executions queue, no SQS client.
     */
    @Produces
    @Singleton
    ApprovalExpiryHandler.ExpiryDesks expiryDesks() {
        return new ApprovalExpiryHandler.ExpiryDesks(ApprovalDesks.of(ApprovalDesks.Settings.fromConfig(
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), ApprovalDesks.Links.NONE),
                AwsClients.dynamoDb(dynamoEndpoint), ApprovalDesks.NEVER_DISPATCHES));
    }

    @Produces
    @Singleton
    Supplier<TrustScores> trustScores() {
        String table = ConfigProvider.getConfig().getOptionalValue("trust.table", String.class)
                .orElseThrow(() -> new IllegalStateException("TRUST_TABLE is not set"));
        TrustScores scores = new DynamoDbTrustStore(AwsClients.dynamoDb(dynamoEndpoint), table);
        return () -> scores;
    }

    @Produces
    @Singleton
    Supplier<AiTraces> aiTraces() {
        AiTraces traces = new DynamoDbAiTraceSink(AwsClients.dynamoDb(dynamoEndpoint), stateTable);
        return () -> traces;
    }

    @Produces
    @Singleton
    @Named("operatorToken")
    Supplier<String> operatorToken() {
        return SecretValue.directOrSecret(staticToken, tokenSecretArn,
                "OPERATOR_TOKEN_SECRET_ARN (the template does) or AWOOOI_OPERATOR_TOKEN");
    }
}
