package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.AlertFacts;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.IncidentBrief;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.Quorum;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRequestCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void roundTrip_everyField_comesBackEqual() {
        // GIVEN a request with every kind of field set (failed check, notified, nanosecond instants)
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        // WHEN written and read back
        ApprovalRequest back = ApprovalRequestCodec.fromJson(ApprovalRequestCodec.toJson(request));
        // THEN it is the same request
        assertThat(back).isEqualTo(request);
        assertThat(back.createdAt().getNano()).isEqualTo(123456789);
    }

    @Test
    void roundTrip_criticalQuorumRejectedWithReasonDispatched_comesBackEqual() {
        // GIVEN a CRITICAL quorum (required roles), a reason and the dispatched flag
        ApprovalRequest base = ApprovalFixtures.pendingRequest();
        ApprovalRequest request = new ApprovalRequest(base.id(), base.incidentId(), base.notificationKey(),
                ApprovalFixtures.restartPod("nginx-7d9f8c6b5-x2kqp"), base.actionHash(), base.pattern(), base.risk(),
                0, Quorum.forLevel(RiskLevel.CRITICAL), base.dryRun(), ApprovalStatus.REJECTED, base.notified(), true,
                Optional.of("bob rejected: \"not now\""), base.createdAt(), base.expiresAt(), base.updatedAt());
        // WHEN / THEN
        assertThat(ApprovalRequestCodec.fromJson(ApprovalRequestCodec.toJson(request))).isEqualTo(request);
    }

    @Test
    void roundTrip_withBrief_comesBackEqual_andABriefThatCannotBeReadIsLeftOut() throws Exception {
        // GIVEN a request with the card's brief: the alert's facts, a diagnosis, causes and blast radius
        IncidentBrief brief = new IncidentBrief(new AlertFacts("frontend 5xx rate > 15%", "critical",
                Optional.of(java.time.Instant.parse("2026-11-25T02:48:00Z")), 2,
                Optional.of("https://runbooks.example/5xx"), Optional.empty()),
                Optional.of(new IncidentBrief.DiagnosisBrief("CRASH_LOOP", "a crash loop", "postgres-db crash-loops",
                        java.util.List.of("postgres-db-0: CrashLoopBackOff"), Optional.of("restart that pod"),
                        Optional.empty(), true)),
                java.util.List.of("shop/postgres-db (database): 0/1 ready"), java.util.List.of("shop/frontend"), 1,
                "deterministic", "deterministic", "postgres-db is down");
        ApprovalRequest request = ApprovalFixtures.pendingRequest().withBrief(brief);
        // WHEN written and read back
        String json = ApprovalRequestCodec.toJson(request);
        // THEN it is the same request, brief and all
        assertThat(ApprovalRequestCodec.fromJson(json)).isEqualTo(request);
        assertThat(JSON.readTree(json).path("brief").path("alert").path("headline").asText())
                .isEqualTo("frontend 5xx rate > 15%");
        // AND a document whose brief is unreadable still reads, without the brief (it never blocks a decision)
        ObjectNode broken = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) broken.path("brief").path("alert")).put("since", "yesterday");
        assertThat(ApprovalRequestCodec.fromJson(broken.toString()).brief()).isEqualTo(IncidentBrief.none());
        // AND a request without a brief writes none
        assertThat(JSON.readTree(ApprovalRequestCodec.toJson(ApprovalFixtures.pendingRequest())).has("brief"))
                .isFalse();
    }

    @Test
    void roundTrip_automaticQuorumWithoutRoles_comesBackEqual() {
        ApprovalRequest base = ApprovalFixtures.pendingRequest();
        ApprovalRequest request = new ApprovalRequest(base.id(), base.incidentId(), base.notificationKey(),
                base.action(), base.actionHash(), base.pattern(), base.risk(), 12, Quorum.forLevel(RiskLevel.LOW),
                base.dryRun(), base.status(), java.util.List.of(), false, Optional.empty(), base.createdAt(),
                base.expiresAt(), base.updatedAt());
        assertThat(ApprovalRequestCodec.fromJson(ApprovalRequestCodec.toJson(request))).isEqualTo(request);
    }

    @Test
    void toJson_request_usesWireNamesAndIsoInstants() throws Exception {
        // GIVEN / WHEN
        var json = JSON.readTree(ApprovalRequestCodec.toJson(ApprovalFixtures.pendingRequest()));
        // THEN the document reads as documented
        assertThat(json.path("schema").asInt()).isEqualTo(1);
        assertThat(json.path("action").path("type").asText()).isEqualTo("scale_deployment");
        assertThat(json.path("action").path("params").path("replicas").asText()).isEqualTo("4");
        assertThat(json.path("pattern").asText()).isEqualTo("scale_deployment:shop-prod/checkout");
        assertThat(json.path("quorum").path("eligible").toString()).isEqualTo("[\"admin\",\"devops\",\"sre\"]");
        assertThat(json.path("createdAt").asText()).isEqualTo("2026-11-25T03:00:00.123456789Z");
        assertThat(json.path("reason").isNull()).isTrue();
    }

    @Test
    void fromJson_actionTheCatalogRefuses_throwsWithoutExecutingIt() throws Exception {
        // GIVEN a stored document whose action was changed to something outside the catalog
        ObjectNode json = (ObjectNode) JSON.readTree(ApprovalRequestCodec.toJson(ApprovalFixtures.pendingRequest()));
        ((ObjectNode) json.path("action")).put("type", "rm_rf");
        // WHEN / THEN
        assertThatThrownBy(() -> ApprovalRequestCodec.fromJson(json.toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused by the catalog");
    }

    @Test
    void fromJson_missingField_throwsIllegalState() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(ApprovalRequestCodec.toJson(ApprovalFixtures.pendingRequest()));
        json.remove("quorum");
        assertThatThrownBy(() -> ApprovalRequestCodec.fromJson(json.toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("quorum");
        assertThatThrownBy(() -> ApprovalRequestCodec.fromJson("not json"))
                .isInstanceOf(IllegalStateException.class);
    }
}
