package io.awoooi.approval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.LinkSigner;
import io.awoooi.core.approval.Quorum;
import io.awoooi.core.approval.RiskAssessment;
import io.awoooi.core.approval.SigningKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The approval links inside Quarkus, through the mock Lambda event server, on dynalite and ElasticMQ:
 * the card, decisions, the quorum, and every way a link is refused without changing anything.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
class ApprovalLinksTest {
    private static final LinkSigner SIGNER = new LinkSigner(
            SigningKeys.of(LocalAwsResource.LINK_KEY, Optional.empty()), Clock.systemUTC());

    static DynamoDbApprovalStore store() {
        return new DynamoDbApprovalStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("StateTable"));
    }

    /** A stored HIGH request (two of admin/devops/sre) on a fresh incident id, expiring {@code ttl} from now (negative: expired). */
    static ApprovalRequest pendingHighRequest(Duration ttl) {
        return pendingHighRequest("inc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26), ttl);
    }

    /** The same for a given incident. */
    static ApprovalRequest pendingHighRequest(String incident, Duration ttl) {
        ProposedAction action = new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "postgres-db", "kind", "statefulset"));
        Instant now = Instant.now();
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.idFor(incident), incident, "nk-" + incident,
                action,
                ApprovalRequest.hashOf(action), ActionPattern.of(action),
                new RiskAssessment(RiskLevel.MEDIUM, RiskLevel.HIGH,
                        List.of("raised: it disrupts a stateful component (a database)")),
                0,
                Quorum.forLevel(RiskLevel.HIGH),
                new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "fp-1"), ApprovalStatus.PENDING,
                List.of("alice", "bob"), false, Optional.empty(), now, now.plus(ttl), now);
        assertThat(store().create(request)).isTrue();
        return request;
    }

    static String token(ApprovalRequest r, String approver) {
        return SIGNER.sign(r.id(), approver, r.actionHash(), r.expiresAt());
    }

    static Map<String, Object> event(String method, String id, Map<String, String> query, String form,
            String contentType,
            boolean json) {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", method + " /v1/approvals/{id}");
        event.put("rawPath", "/v1/approvals/" + id);
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        if (json) {
            headers.put("accept", "application/json");
        }
        event.put("headers", headers);
        event.put("queryStringParameters", query);
        event.put("pathParameters", Map.of("id", id));
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", "/v1/approvals/" + id),
                "stage", "$default"));
        if (form != null) {
            event.put("body", form);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    static io.restassured.path.json.JsonPath invoke(Map<String, Object> event) {
        return given().contentType("application/json").body(event).when().post().then().statusCode(200)
                .extract().jsonPath();
    }

    static io.restassured.path.json.JsonPath decide(ApprovalRequest r, String token, String decision) {
        String form = "decision=" + decision + "&t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return invoke(event("POST", r.id(), null, form, "application/x-www-form-urlencoded", false));
    }

    static int executionsQueued() {
        var sqs = LocalAwsResource.aws.sqs().client();
        String url = LocalAwsResource.aws.resources().queueUrl("ExecutionsQueue");
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings()
                .values().stream().mapToInt(Integer::parseInt).sum();
    }

    @Test
    void show_validLink_rendersTheCardAndChangesNothing() {
        // GIVEN a pending HIGH request and alice's link
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(30));
        String token = token(r, "alice");
        // WHEN the link is opened twice (a mail scanner, then alice)
        invoke(event("GET", r.id(), Map.of("t", token), null, null, false));
        var page = invoke(event("GET", r.id(), Map.of("t", token), null, null, false));
        // THEN an HTML card with the action, the risk, the dry-run and both buttons, no script; nothing recorded
        assertThat(page.getInt("statusCode")).isEqualTo(200);
        assertThat(page.getString("headers.content-type")).startsWith("text/html");
        assertThat(page.getString("headers.referrer-policy")).isEqualTo("no-referrer");
        assertThat(page.getString("body")).contains(
                "rollout_restart(kind=statefulset, namespace=shop, workload=postgres-db)",
                "Restart every pod of statefulset postgres-db in shop, one by one",
                "HIGH: rollout restart is MEDIUM in the catalog, raised 1 level because of the fact below",
                "<li>it disrupts a stateful component (a database)</li>", "every dry-run check passed (permissions)",
                "<li class=waiting>[ ] alice (devops)</li><li class=waiting>[ ] bob (sre)</li>",
                "Needs 2 approvals from admin, devops or sre", ">Approve &amp; execute</button>", ">Reject</button>",
                "name=reason", "Alice (DevOps)")
                .doesNotContain("<script");
        assertThat(store().signatures(r.id())).isEmpty();
        assertThat(store().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void decide_twoDistinctApprovers_approvedAfterTheSecondAndOneExecutionQueued() {
        // GIVEN a pending HIGH request and links for alice (devops) and bob (sre)
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(30));
        int queuedBefore = executionsQueued();
        // WHEN alice approves, then bob
        var first = decide(r, token(r, "alice"), "approve");
        String afterAlice = store().find(r.id()).orElseThrow().status().name();
        var second = decide(r, token(r, "bob"), "approve");
        // THEN PENDING after one, APPROVED after two, confirmation pages, exactly one execution message
        assertThat(first.getInt("statusCode")).isEqualTo(200);
        assertThat(first.getString("body")).contains("id=confirmation", "PENDING");
        assertThat(afterAlice).isEqualTo("PENDING");
        assertThat(second.getInt("statusCode")).isEqualTo(200);
        assertThat(second.getString("body")).contains("APPROVED");
        var stored = store().find(r.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(stored.dispatched()).isTrue();
        assertThat(store().signatures(r.id())).extracting(s -> s.approverId()).containsExactly("alice", "bob");
        assertThat(executionsQueued()).isEqualTo(queuedBefore + 1);
    }

    @Test
    void decide_replayedOrSecondLinkOfTheSameApprover_200WithTheRecordedStateAndNothingChanges() {
        // GIVEN alice approved once
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(30));
        String token = token(r, "alice");
        var first = decide(r, token, "approve");
        // WHEN the same link is posted again (a second click on the same page), and a fresh link of alice's
        var replay = decide(r, token, "approve");
        var fresh = decide(r, token(r, "alice"), "reject");
        // THEN both answer 200 with her recorded approval and the state instead of the buttons; one signature
        assertThat(first.getString("body")).contains("Approved: your decision is recorded", "id=state")
                .doesNotContain("id=approve");
        for (var answer : List.of(replay, fresh)) {
            assertThat(answer.getInt("statusCode")).isEqualTo(200);
            assertThat(answer.getString("body")).contains("You approved at ", "your decision stands",
                    "[x] alice (devops) approved at ", "Still needed: 1 more approval from admin, devops or sre")
                    .doesNotContain("id=approve");
        }
        assertThat(store().signatures(r.id())).hasSize(1);
        assertThat(store().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
        // AND opening her link again shows the same state, no buttons
        var page = invoke(event("GET", r.id(), Map.of("t", token), null, null, false));
        assertThat(page.getString("body")).contains("You approved at ").doesNotContain("id=approve");
    }

    @Test
    void decide_reject_requestRejectedAndLaterApprovals409() {
        // GIVEN a pending request
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(30));
        // WHEN bob rejects, giving a reason (with an address in it), then alice tries to approve
        var rejected = invoke(event("POST", r.id(), null, "decision=reject&reason="
                + URLEncoder.encode("DB is fine, ask jane@example.org", StandardCharsets.UTF_8) + "&t="
                + URLEncoder.encode(token(r, "bob"), StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
                false));
        var late = decide(r, token(r, "alice"), "approve");
        // THEN REJECTED; alice's post is a conflict and leaves one signature
        assertThat(rejected.getInt("statusCode")).isEqualTo(200);
        assertThat(store().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.REJECTED);
        // the reason is kept without the address, and the page says where the request stands
        assertThat(store().find(r.id()).orElseThrow().reason()).contains("rejected by bob: DB is fine, ask [removed]");
        assertThat(rejected.getString("body")).contains("Rejected: your decision is recorded",
                "Rejected: nothing will be done (rejected by bob: DB is fine, ask [removed])")
                .doesNotContain("jane@example.org");
        assertThat(late.getInt("statusCode")).isEqualTo(409);
        assertThat(store().signatures(r.id())).hasSize(1);
    }

    @Test
    void decide_tamperedExpiredOrForeignLinks_refusedWithTheirStatusAndNothingRecorded() {
        // GIVEN a pending request and links that must not work
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(30));
        ApprovalRequest other = pendingHighRequest(Duration.ofMinutes(30));
        String alice = token(r, "alice");
        String tampered = alice.substring(0, alice.length() - 2) + (alice.endsWith("A") ? "BB" : "AA");
        String expired = SIGNER.sign(r.id(), "alice", r.actionHash(), Instant.now().minusSeconds(5));
        String forOther = token(other, "alice");
        String cto = token(r, "carol");
        // WHEN each is posted (and one GET of a tampered link)
        // THEN 403, 410, 403, 403 (the CTO may not sign a HIGH request), 403 on GET too; nothing recorded
        assertThat(decide(r, tampered, "approve").getInt("statusCode")).isEqualTo(403);
        assertThat(decide(r, expired, "approve").getInt("statusCode")).isEqualTo(410);
        assertThat(decide(r, forOther, "approve").getInt("statusCode")).isEqualTo(403);
        assertThat(decide(r, cto, "approve").getInt("statusCode")).isEqualTo(403);
        var shown = invoke(event("GET", r.id(), Map.of("t", tampered), null, null, false));
        assertThat(shown.getInt("statusCode")).isEqualTo(403);
        assertThat(shown.getString("body")).contains("id=problem").doesNotContain("postgres-db");
        assertThat(store().signatures(r.id())).isEmpty();
        assertThat(store().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void decide_requestPastItsExpiry_410AndExpired() {
        // GIVEN a request whose expiry passed a minute ago while its link's expiry is later (links carry
        // the request's); an expiry in the past, not one a millisecond ahead: no race with the clock
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(-1));
        String token = SIGNER.sign(r.id(), "alice", r.actionHash(), Instant.now().plusSeconds(600));
        // WHEN alice posts
        var answer = decide(r, token, "approve");
        // THEN 410 and the request is EXPIRED, without a signature
        assertThat(answer.getInt("statusCode")).isEqualTo(410);
        assertThat(store().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(store().signatures(r.id())).isEmpty();
    }

    @Test
    void decide_badForms_typedErrorsAndNothingRecorded() {
        // GIVEN a pending request and alice's token
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(30));
        String token = URLEncoder.encode(token(r, "alice"), StandardCharsets.UTF_8);
        // WHEN posted as JSON, without a decision, with an unknown decision, and to an unknown request
        var json = invoke(event("POST", r.id(), null, "{\"t\":\"x\"}", "application/json", true));
        var none = invoke(event("POST", r.id(), null, "t=" + token, "application/x-www-form-urlencoded", true));
        var odd = invoke(
                event("POST", r.id(), null, "decision=maybe&t=" + token, "application/x-www-form-urlencoded", true));
        var unknown = invoke(event("POST", "apr_00000000000000000000000000", null, "decision=approve&t=" + token,
                "application/x-www-form-urlencoded", true));
        // THEN 415, 400, 400 and 403 (the token names another request), as JSON errors; nothing recorded
        assertThat(json.getInt("statusCode")).isEqualTo(415);
        assertThat(none.getInt("statusCode")).isEqualTo(400);
        assertThat(odd.getInt("statusCode")).isEqualTo(400);
        assertThat(unknown.getInt("statusCode")).isEqualTo(403);
        assertThat(none.getString("body")).contains("\"error\"");
        assertThat(store().signatures(r.id())).isEmpty();
    }

    @Test
    void decide_acceptJson_answersJson() {
        // GIVEN a pending request
        ApprovalRequest r = pendingHighRequest(Duration.ofMinutes(30));
        String form = "decision=approve&t=" + URLEncoder.encode(token(r, "alice"), StandardCharsets.UTF_8);
        // WHEN posted asking for JSON
        var answer = invoke(event("POST", r.id(), null, form, "application/x-www-form-urlencoded", true));
        // THEN the summary as JSON
        assertThat(answer.getInt("statusCode")).isEqualTo(200);
        assertThat(answer.getString("body")).contains("\"status\":\"PENDING\"", "\"recorded\":\"approve\"",
                "\"signatures\":1");
    }
}
