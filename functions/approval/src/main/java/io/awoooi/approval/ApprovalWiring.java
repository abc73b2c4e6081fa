package io.awoooi.approval;

import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.DynamoDbTrustStore;
import io.awoooi.aws.SecretValue;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalSection;
import io.awoooi.core.approval.TrustScores;
import io.awoooi.core.auth.ApproverTokens;
import io.awoooi.core.auth.ConsoleSessions;
import io.awoooi.core.drift.DriftRedaction;
import io.awoooi.core.drift.DriftReportReader;
import io.awoooi.core.execution.ExecutionSection;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.core.narrative.AiTraces;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.wiring.ApprovalAssembly;
import io.awoooi.wiring.ApprovalParts;
import io.awoooi.wiring.Required;
import io.awoooi.wiring.Tables;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the read side and the approval links from the template's environment: the state and trust
 * tables, the approval side (it verifies links and issues none, so no PUBLIC_BASE_URL is needed: ADR
 * 0012), the cluster for drift decisions (io.awoooi.wiring); OPERATOR_TOKEN_SECRET_ARN,
 * CONSOLE_SESSION_KEY_SECRET_ARN and APPROVER_TOKENS_SECRET_ARN for the console.
 */
@ApplicationScoped
public class ApprovalWiring {

    /** Who may sign in to the console and read the API; each secret given directly in tests. */
    @ConfigMapping(prefix = "")
    public interface ConsoleSettings {
        @WithName("operator.token.secret.arn")
        Optional<String> operatorTokenSecretArn();

        /** AWOOOI_OPERATOR_TOKEN: tests use it instead of Secrets Manager. */
        @WithName("awoooi.operator.token")
        Optional<String> operatorToken();

        /** The console's session key in Secrets Manager (the template's ConsoleSessionKeySecret). */
        @WithName("console.session.key.secret.arn")
        Optional<String> sessionKeySecretArn();

        /** AWOOOI_CONSOLE_SESSION_KEY: tests use it. */
        @WithName("awoooi.console.session.key")
        Optional<String> sessionKey();

        /** The approvers' console tokens in Secrets Manager (the template's ApproverConsoleTokensSecret). */
        @WithName("approver.tokens.secret.arn")
        Optional<String> approverTokensSecretArn();

        /** AWOOOI_APPROVER_TOKENS (JSON): tests and the local stack use it. */
        @WithName("awoooi.approver.tokens")
        Optional<String> approverTokens();
    }

    @Produces
    @Singleton
    IncidentReader incidentReader(DynamoDbIncidentStore incidents, DynamoDbRedactedAlertStore alerts,
            DynamoDbAnalysisStore analyses, DynamoDbOperationLog operations, DynamoDbApprovalStore approvals,
            DynamoDbExecutionStore executions, DynamoDbIncidentFailureStore failures) {
        return new IncidentReader(incidents, alerts, analyses, operations,
                new ApprovalSection(approvals, Clock.systemUTC()), new ExecutionSection(executions), failures);
    }

    /** Drift reports name workloads by their labels with LABEL_KUBERNETES_NAMES (ADR 0014). */
    @Produces
    @Singleton
    DriftReportReader driftReports(DynamoDbDriftStore drift, DynamoDbOperationLog operations,
            DynamoDbAiTraceSink traces, Pseudonymizer pseudonymizer) {
        return new DriftReportReader(drift, operations, traces, new DriftRedaction(pseudonymizer));
    }

    /** The links' desks: they verify links (the key, no base URL) and dispatch what a quorum approves. */
    @Produces
    @Singleton
    Supplier<ApprovalDesk> approvalDesk(ApprovalAssembly approvals, SqsExecutionQueue executions) {
        return approvals.parts(ApprovalParts.Links.VERIFY).desks(executions);
    }

    /**
     * The expiry sweep's parts (ApprovalExpiryFunction, the same code with QUARKUS_LAMBDA_HANDLER
     * approval-expiry): it neither issues nor verifies links, so it holds no link key
     * ({@link ApprovalParts.Links#NONE}); an expired request's messages lose their buttons anyway. It
     * never dispatches: the ledger and the notices only.
     */
    @Produces
    @Singleton
    ApprovalExpiryHandler.ExpiryParts expiryParts(ApprovalAssembly approvals) {
        ApprovalParts parts = approvals.parts(ApprovalParts.Links.NONE);
        return new ApprovalExpiryHandler.ExpiryParts(parts.ledger(), parts.notices());
    }

    @Produces
    @Singleton
    Supplier<TrustScores> trustScores(DynamoDbClient dynamo, Tables tables) {
        TrustScores scores = new DynamoDbTrustStore(dynamo, Required.value(tables.trust(), "trust.table"));
        return () -> scores;
    }

    @Produces
    @Singleton
    Supplier<AiTraces> aiTraces(DynamoDbAiTraceSink traces) {
        return () -> traces;
    }

    @Produces
    @Singleton
    @Named("operatorToken")
    Supplier<String> operatorToken(ConsoleSettings console) {
        return SecretValue.directOrSecret(console.operatorToken(), console.operatorTokenSecretArn(),
                "OPERATOR_TOKEN_SECRET_ARN (the template does) or AWOOOI_OPERATOR_TOKEN");
    }

    @Produces
    @Singleton
    Supplier<ConsoleSessions> consoleSessions(@Named("operatorToken") Supplier<String> operatorToken,
            ConsoleSettings console) {
        Supplier<String> key = SecretValue.directOrSecret(console.sessionKey(), console.sessionKeySecretArn(),
                "CONSOLE_SESSION_KEY_SECRET_ARN (the template does) or AWOOOI_CONSOLE_SESSION_KEY");
        ConsoleSessions sessions = new ConsoleSessions(() -> key.get().getBytes(StandardCharsets.UTF_8),
                operatorToken, approverTokens(console), ConsoleSessions.DEFAULT_TTL, Clock.systemUTC());
        return () -> sessions;
    }

    /**
     * The approvers' console tokens, parsed again only when the secret's value changed (it is cached
     * for a few minutes by SecretValue). Neither variable set: no approver signs in (the console is
     * the operator's only). A value that is not a valid token document admits no approver (logged
     * once per value, the reason never repeats a token) and keeps the operator's sign-in working.
     */
    private static Supplier<ApproverTokens> approverTokens(ConsoleSettings console) {
        Optional<String> direct = console.approverTokens().filter(t -> !t.isBlank());
        Optional<String> arn = console.approverTokensSecretArn().filter(a -> !a.isBlank());
        if (direct.isEmpty() && arn.isEmpty()) {
            return ApproverTokens::none;
        }
        Supplier<String> secret = SecretValue.directOrSecret(direct, arn,
                "APPROVER_TOKENS_SECRET_ARN (the template does) or AWOOOI_APPROVER_TOKENS");
        return new Supplier<>() {
            private String parsedFrom;
            private ApproverTokens parsed;

            @Override
            public synchronized ApproverTokens get() {
                String value = secret.get();
                if (!value.equals(parsedFrom)) {
                    try {
                        parsed = ApproverTokens.parse(value);
                    } catch (IllegalArgumentException e) {
                        org.jboss.logging.Logger.getLogger(ApprovalWiring.class).errorf(
                                "the approvers' console tokens are unusable (%s): no approver can sign in until the"
                                        + " secret is fixed",
                                e.getMessage());
                        parsed = ApproverTokens.none();
                    }
                    parsedFrom = value;
                }
                return parsed;
            }
        };
    }
}
