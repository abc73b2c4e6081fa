package io.awoooi.aws;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.Quorum;
import io.awoooi.core.approval.RiskAssessment;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Approval requests for the adapter tests, and SDK clients pointed at a test server. */
final class ApprovalFixtures {
    static final Instant CREATED = Instant.parse("2026-11-25T03:00:00.123456789Z");

    private ApprovalFixtures() {
    }

    static ProposedAction restartPod(String pod) {
        return new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", "shop", "pod", pod));
    }

    /** A HIGH request on its own incident (unique per call), pending, with a failed overridable check. */
    static ApprovalRequest pendingRequest() {
        String incidentId = "inc_" + UUID.randomUUID().toString().replace("-", "");
        ProposedAction action = new ProposedAction(ActionType.SCALE_DEPLOYMENT,
                Map.of("namespace", "shop-prod", "deployment", "checkout", "replicas", "4"));
        DryRunReport dryRun = new DryRunReport(List.of(
                DryRunCheck.pass("rbac", "may patch deployments/scale in shop-prod"),
                DryRunCheck.fail("pdb", "a PodDisruptionBudget allows 0 disruptions", true)),
                "sha256:0f1e2d");
        return new ApprovalRequest(ApprovalRequest.idFor(incidentId), incidentId, "nk-" + incidentId, action,
                ApprovalRequest.hashOf(action), ActionPattern.of(action),
                new RiskAssessment(RiskLevel.MEDIUM, RiskLevel.HIGH,
                        List.of("scale_deployment is MEDIUM in the catalog", "raised: production namespace")),
                3, Quorum.forLevel(RiskLevel.HIGH), dryRun, ApprovalStatus.PENDING, List.of("alice", "bob"), false,
                Optional.empty(), CREATED, CREATED.plus(Duration.ofHours(1)), CREATED);
    }

    /** A client of the SDK pointed at a test server: fixed region and credentials, one attempt. */
    static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(endpoint)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build())
                        .apiCallTimeout(Duration.ofSeconds(5))
                        .build())
                .build();
    }

    /** A service of {@link io.awoooi.aws.api.AwsJsonApi} at {@code endpoint}, one attempt per call, as {@link #client}. */
    static io.awoooi.aws.api.AwsJsonApi api(io.awoooi.aws.api.AwsJsonApi.Service service, URI endpoint) {
        return io.awoooi.aws.api.AwsJsonApi.of(service, endpoint, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).withAttempts(1);
    }
}
