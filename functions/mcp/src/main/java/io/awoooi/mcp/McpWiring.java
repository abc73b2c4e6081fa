package io.awoooi.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.SecretValue;
import io.awoooi.core.agent.AgentId;
import io.awoooi.core.agent.AgentReadModel;
import io.awoooi.core.agent.AgentTokens;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalSection;
import io.awoooi.core.approval.ProposeAgentAction;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.execution.ExecutionSection;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.wiring.ApprovalAssembly;
import io.awoooi.wiring.ApprovalParts;
import io.awoooi.wiring.ApprovalSettings;
import io.awoooi.wiring.Tables;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the MCP bridge from the template's environment: STATE_TABLE, TRUST_TABLE,
 * AGENT_TOKENS_SECRET_ARN (or AWOOOI_AGENT_TOKEN) and MCP_AGENT_ID (who a bare token belongs to),
 * APPROVAL_LINK_KEY_SECRET_ARN and APPROVERS_PARAMETER (it issues approval links, as the analysis
 * does), PUBLIC_BASE_URL (optional: without it the links point at the host the request came to, which
 * needs no reference to the API: ADR 0012), APPROVAL_TTL_MINUTES, the cluster settings of the dry-run
 * (CLUSTER_AUTH ..., EXECUTOR_KUBERNETES_USER) and the notification channels'.
 *
 * <p>It holds no vault access and no right to the executions queue (the template gives none); its
 * desk's execution queue refuses too, so an agent's proposal can never be dispatched from here.
 */
@ApplicationScoped
public class McpWiring {
    /** Where links point until a request says which host it came to (never used for a link). */
    private static final String PLACEHOLDER_BASE = "https://awoooi.invalid/";

    /** Who the agents are: AGENT_TOKENS_SECRET_ARN (or AWOOOI_AGENT_TOKEN) and MCP_AGENT_ID. */
    @ConfigMapping(prefix = "")
    public interface AgentSettings {
        @WithName("agent.tokens.secret.arn")
        Optional<String> tokensSecretArn();

        /** A token given directly (AWOOOI_AGENT_TOKEN): the local runtime's and tests' way. */
        @WithName("awoooi.agent.token")
        Optional<String> token();

        /** Who a bare token belongs to. */
        @WithName("mcp.agent.id")
        Optional<String> defaultAgent();

        @WithName("quarkus.application.version")
        @WithDefault("0.1.0")
        String version();
    }

    @Produces
    @Singleton
    Supplier<AgentTokens> agentTokens(AgentSettings settings) {
        Supplier<String> secret = SecretValue.directOrSecret(settings.token().filter(t -> !t.isBlank()),
                settings.tokensSecretArn().filter(a -> !a.isBlank()),
                "AGENT_TOKENS_SECRET_ARN (the template does) or AWOOOI_AGENT_TOKEN");
        Optional<AgentId> agent = settings.defaultAgent().filter(a -> !a.isBlank()).map(AgentId::new);
        return new Supplier<>() {
            private String parsedFrom;
            private AgentTokens parsed;

            @Override
            public synchronized AgentTokens get() {
                String value = secret.get();
                if (!value.equals(parsedFrom)) {
                    parsed = AgentTokens.parse(value, agent);
                    parsedFrom = value;
                }
                return parsed;
            }
        };
    }

    @Produces
    @Singleton
    @Named("publicBaseUrl")
    Optional<URI> publicBaseUrl(ApprovalSettings approval) {
        return approval.publicBaseUrl().filter(u -> !u.isBlank()).map(u -> URI.create(u.endsWith("/") ? u : u + "/"));
    }

    @Produces
    @Singleton
    McpJsonMapper mcpJson() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    @Produces
    @Singleton
    LambdaStatelessTransport transport(AgentDesk desk, McpJsonMapper json, AgentSettings settings) {
        LambdaStatelessTransport transport = new LambdaStatelessTransport(json);
        McpStatelessSyncServer server = AgentTools.server(transport, desk, json, settings.version());
        if (server.listTools().isEmpty()) {
            throw new IllegalStateException("the MCP server has no tools");
        }
        return transport;
    }

    @Produces
    @Singleton
    AgentDesk agentDesk(KubernetesDryRun dryRun, DynamoDbApprovalStore approvals, DynamoDbOperationLog operations,
            DynamoDbIncidentStore incidents, DynamoDbRedactedAlertStore alerts, DynamoDbAnalysisStore analyses,
            DynamoDbExecutionStore executions, DynamoDbIncidentFailureStore failures, DynamoDbAiTraceSink traces,
            LeakGuard guard, ApprovalSettings approval, Tables tables, ApprovalAssembly assembly) {
        IncidentReader reader = new IncidentReader(incidents, alerts, analyses, operations,
                new ApprovalSection(approvals, Clock.systemUTC()), new ExecutionSection(executions), failures);
        AgentReadModel readModel = new AgentReadModel(reader, approvals, operations, Optional.of(executions),
                Clock.systemUTC());
        // it issues links, at the base URL of the request that asked (forAgents); it never dispatches:
        // the template gives this function neither the executions queue's URL nor the right to send to
        // it, and it has no SQS client
        ApprovalParts.Settings settings = ApprovalParts.Settings.from(approval, tables, ApprovalParts.Links.ISSUE,
                PLACEHOLDER_BASE);
        Supplier<ApprovalDesk> desks = assembly.parts(settings).desks(ApprovalParts.NEVER_DISPATCHES);
        Duration ttl = assembly.ttl();
        return new AgentDesk(() -> readModel, baseUrl -> new ProposeAgentAction(forAgents(desks.get(), baseUrl),
                incidents, alerts, analyses, dryRun, new RiskPolicy(), ttl, traces), guard);
    }

    /**
     * The desk an agent's proposal uses: links at the request's base URL; its executions queue
     * refuses ({@link ApprovalParts#NEVER_DISPATCHES}: an agent's quorum is never automatic, so nothing
     * should ever reach it; should a bug try, it fails here, and there is neither a client nor IAM).
     */
    static ApprovalDesk forAgents(ApprovalDesk desk, URI baseUrl) {
        return desk.withLinksAt(baseUrl);
    }
}
