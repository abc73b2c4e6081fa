package io.awoooi.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.aws.AwsClients;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbIncidentFailureStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbLeakAudit;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.aws.SecretValue;
import io.awoooi.cluster.ClusterClients;
import io.awoooi.core.agent.AgentId;
import io.awoooi.core.agent.AgentReadModel;
import io.awoooi.core.agent.AgentTokens;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalSection;
import io.awoooi.core.approval.ProposeAgentAction;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.execution.ExecutionSection;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.notify.ApprovalDesks;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

    @ConfigProperty(name = "state.table")
    String stateTable;

    @ConfigProperty(name = "agent.tokens.secret.arn")
    Optional<String> tokensSecretArn;

    /** A token given directly (AWOOOI_AGENT_TOKEN): the local runtime's and tests' way. */
    @ConfigProperty(name = "awoooi.agent.token")
    Optional<String> staticToken;

    @ConfigProperty(name = "mcp.agent.id")
    Optional<String> defaultAgent;

    @ConfigProperty(name = "public.base.url")
    Optional<String> publicBaseUrl;

    @ConfigProperty(name = "approval.ttl.minutes", defaultValue = "30")
    int approvalTtlMinutes;

    @ConfigProperty(name = "executor.kubernetes.user")
    Optional<String> executorUser;

    @ConfigProperty(name = "executor.kubernetes.groups")
    Optional<List<String>> executorGroups;

    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "awoooi.kubernetes.master")
    Optional<String> kubernetesMaster;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0")
    String version;

    @Produces
    @Singleton
    Supplier<AgentTokens> agentTokens() {
        Supplier<String> secret = SecretValue.directOrSecret(staticToken.filter(t -> !t.isBlank()), tokensSecretArn
                .filter(a -> !a.isBlank()), "AGENT_TOKENS_SECRET_ARN (the template does) or AWOOOI_AGENT_TOKEN");
        Optional<AgentId> agent = defaultAgent.filter(a -> !a.isBlank()).map(AgentId::new);
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
    Optional<URI> publicBaseUrl() {
        return publicBaseUrl.filter(u -> !u.isBlank()).map(u -> URI.create(u.endsWith("/") ? u : u + "/"));
    }

    @Produces
    @Singleton
    KubernetesClient kubernetes() {
        return kubernetesMaster.map(ClusterClients::forApiServer).orElseGet(ClusterClients::fromEnvironment);
    }

    @Produces
    @Singleton
    McpJsonMapper mcpJson() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    @Produces
    @Singleton
    LambdaStatelessTransport transport(AgentDesk desk, McpJsonMapper json) {
        LambdaStatelessTransport transport = new LambdaStatelessTransport(json);
        McpStatelessSyncServer server = AgentTools.server(transport, desk, json, version);
        if (server.listTools().isEmpty()) {
            throw new IllegalStateException("the MCP server has no tools");
        }
        return transport;
    }

    @Produces
    @Singleton
    AgentDesk agentDesk(KubernetesClient kubernetes) {
        DynamoDbClient dynamo = AwsClients.dynamoDb(dynamoEndpoint);
        var approvals = new DynamoDbApprovalStore(dynamo, stateTable);
        var operations = new DynamoDbOperationLog(dynamo, stateTable);
        IncidentReader reader = new IncidentReader(new DynamoDbIncidentStore(dynamo, stateTable),
                new DynamoDbRedactedAlertStore(dynamo, stateTable), new DynamoDbAnalysisStore(dynamo, stateTable),
                operations, new ApprovalSection(approvals, Clock.systemUTC()),
                new ExecutionSection(new DynamoDbExecutionStore(dynamo, stateTable)),
                new DynamoDbIncidentFailureStore(dynamo, stateTable));
        AgentReadModel readModel = new AgentReadModel(reader, approvals, operations,
                Optional.of(new DynamoDbExecutionStore(dynamo, stateTable)), Clock.systemUTC());
        // the base URL is the request's (forAgents); it never dispatches: the template gives this
        // function neither the executions queue's URL nor the right to send to it, and it has no SQS client
        Supplier<ApprovalDesk> desks = ApprovalDesks.of(ApprovalDesks.Settings.fromConfig(name -> switch (name) {
            case "public.base.url" -> Optional.of(PLACEHOLDER_BASE);
            default -> ConfigProvider.getConfig().getOptionalValue(name, String.class);
        }, ApprovalDesks.Links.ISSUE), dynamo, ApprovalDesks.NEVER_DISPATCHES);
        var dryRun = new KubernetesDryRun(kubernetes, executorUser.filter(u -> !u.isBlank())
                .map(u -> new KubernetesDryRun.Executor(u, executorGroups.orElse(List.of()))));
        LeakGuard guard = new LeakGuard(new PiiScanner(), new DynamoDbLeakAudit(dynamo, stateTable), Clock.systemUTC());
        var incidents = new DynamoDbIncidentStore(dynamo, stateTable);
        var alerts = new DynamoDbRedactedAlertStore(dynamo, stateTable);
        var analyses = new DynamoDbAnalysisStore(dynamo, stateTable);
        var traces = new DynamoDbAiTraceSink(dynamo, stateTable);
        Duration ttl = Duration.ofMinutes(approvalTtlMinutes);
        return new AgentDesk(() -> readModel, baseUrl -> new ProposeAgentAction(forAgents(desks.get(), baseUrl),
                incidents, alerts, analyses, dryRun, new RiskPolicy(), ttl, traces), guard);
    }

    /**
     * The desk an agent's proposal uses: links at the request's base URL; its executions queue
     * refuses ({@link ApprovalDesks#NEVER_DISPATCHES}: an agent's quorum is never automatic, so nothing
     * should ever reach it; should a bug try, it fails here, and there is neither a client nor IAM).
     */
    static ApprovalDesk forAgents(ApprovalDesk desk, URI baseUrl) {
        return new ApprovalDesk(desk.store(), desk.directory(), desk.signer(), Optional.of(baseUrl), desk.notifier(),
                desk.executions(), desk.trust(), desk.operations(), desk.notificationGuard(), desk.clock());
    }
}
