package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.analysis;
import static io.awoooi.core.approval.ApprovalFixture.deleteNamespace;
import static io.awoooi.core.approval.ApprovalFixture.deletePvc;
import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.RecordingChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecideApprovalTest {
    private static final String INCIDENT = incidentId(1);
    private static final ProposedAction HIGH_ACTION = deletePvc("data-postgres-0");

    private final ApprovalFixture f = new ApprovalFixture();

    /** A HIGH request (two operators among alice, bob, erin) with its links sent. */
    private ApprovalRequest requestHigh() {
        return request(INCIDENT, HIGH_ACTION);
    }

    private ApprovalRequest request(String incidentId, ProposedAction action) {
        RequestApproval.Outcome outcome = f.requestApproval(StaticDryRunner.passing())
                .request(analysis(incidentId, action, 1));
        return ((RequestApproval.Outcome.Requested) outcome).request();
    }

    private DecideApproval.Result decide(ApprovalRequest r, String approver, Decision decision) {
        return f.decideApproval().decide(r.id(), f.tokenSentTo(approver), decision);
    }

    private static DecideApproval.Result.Shown shown(DecideApproval.Result result) {
        assertThat(result).isInstanceOf(DecideApproval.Result.Shown.class);
        return (DecideApproval.Result.Shown) result;
    }

    private List<String> notifiedOfKind(String kind) {
        return f.channel.ofKind(kind).stream().map(RecordingChannel.Delivered::address).toList();
    }

    // ---------------------------------------------------------------- the happy path

    @Test
    void decide_highFirstApproval_recordsItAndStaysPending() {
        // GIVEN a HIGH request
        ApprovalRequest r = requestHigh();

        // WHEN alice approves
        DecideApproval.Result.Shown result = shown(decide(r, "alice", Decision.APPROVE));

        // THEN her signature is recorded with her role, the request still waits, nothing is queued
        assertThat(result.recorded()).hasValueSatisfying(s -> {
            assertThat(s.approverId()).isEqualTo("alice");
            assertThat(s.role()).isEqualTo(Role.DEVOPS);
            assertThat(s.decision()).isEqualTo(Decision.APPROVE);
        });
        assertThat(result.request().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(result.signatures()).extracting(Signature::approverId).containsExactly("alice");
        assertThat(f.store.signatures(r.id())).hasSize(1);
        assertThat(f.executions.attempts()).isEmpty();
        assertThat(f.trust.score(r.pattern())).isZero();
        assertThat(f.operations.ofType("signed")).hasSize(1);
    }

    @Test
    void decide_highSecondDistinctApprover_approvesAndQueuesExactlyOneOrder() {
        // GIVEN a HIGH request alice approved
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);

        // WHEN bob approves too
        DecideApproval.Result.Shown result = shown(decide(r, "bob", Decision.APPROVE));

        // THEN it is APPROVED, dispatched, and exactly one order is on the queue
        assertThat(result.request().status()).isEqualTo(ApprovalStatus.APPROVED);
        ApprovalRequest stored = f.stored(r.id());
        assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(stored.dispatched()).isTrue();
        assertThat(stored.reason()).hasValueSatisfying(why -> assertThat(why).contains("alice").contains("bob"));
        assertThat(f.executions.attempts()).hasSize(1);
        assertThat(f.executions.orders()).singleElement().satisfies(o -> {
            assertThat(o.requestId()).isEqualTo(r.id());
            assertThat(o.action()).isEqualTo(HIGH_ACTION);
            assertThat(o.actionHash()).isEqualTo(r.actionHash());
            assertThat(o.approvedAt()).isEqualTo(ApprovalFixture.NOW);
        });
        // and the other approvers and operators are told (bob sees it on his page)
        assertThat(notifiedOfKind("approved")).containsExactlyInAnyOrder("alice", "erin");
    }

    @Test
    void decide_approved_trustUnchangedUntilTheActionIsVerifiedAndTheChainIsLinked() {
        // GIVEN a HIGH request whose pattern has trust 3
        f.trust.set(ActionPattern.of(HIGH_ACTION), 3);
        ApprovalRequest r = requestHigh();

        // WHEN two operators approve
        decide(r, "alice", Decision.APPROVE);
        decide(r, "bob", Decision.APPROVE);

        // THEN trust is still 3 (it grows only once the effectiveness check finds the action EFFECTIVE),
        // and the trail reads requested -> signed x2 -> approved, each chained to its parent
        assertThat(f.trust.score(r.pattern())).isEqualTo(3);
        List<Operation> trail = f.operations.trail(INCIDENT);
        assertThat(trail).extracting(Operation::type)
                .containsExactly("approval_requested", "signed", "signed", "approved");
        assertThat(trail.get(3).actor()).isEqualTo("bob");
        assertThat(trail.get(3).parentOpId()).contains(ApprovalDesk.opIdFor(r, "signed/bob"));
        assertThat(trail.get(1).parentOpId()).contains(trail.get(0).opId());
    }

    @Test
    void decide_mediumQuorumAfterTrust_oneApprovalIsEnough() {
        // GIVEN a HIGH request lowered to MEDIUM's quorum by trust 10
        f.trust.set(ActionPattern.of(HIGH_ACTION), 10);
        ApprovalRequest r = requestHigh();

        // WHEN one operator approves
        shown(decide(r, "erin", Decision.APPROVE));

        // THEN that is enough
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(f.executions.orders()).hasSize(1);
        assertThat(f.trust.score(r.pattern())).isEqualTo(10);
    }

    @Test
    void decide_critical_needsTheCtoAndTheCiso() {
        // GIVEN a CRITICAL request (links to carol, the CTO, and dave, the CISO)
        ApprovalRequest r = request(INCIDENT, deleteNamespace("shop"));

        // WHEN the CTO approves, then the CISO
        DecideApproval.Result.Shown first = shown(decide(r, "carol", Decision.APPROVE));
        ApprovalStatus afterCto = f.stored(r.id()).status();
        shown(decide(r, "dave", Decision.APPROVE));

        // THEN only both together approve it
        assertThat(first.recorded().orElseThrow().role()).isEqualTo(Role.CTO);
        assertThat(afterCto).isEqualTo(ApprovalStatus.PENDING);
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(f.executions.orders()).hasSize(1);
    }

    // ---------------------------------------------------------------- single use

    @Test
    void decide_sameLinkReplayed_answersTheRecordedDecisionAndChangesNothing() {
        // GIVEN a HIGH request alice approved with her link
        ApprovalRequest r = requestHigh();
        String link = f.tokenSentTo("alice");
        shown(f.decideApproval().decide(r.id(), link, Decision.APPROVE));
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();
        int deliveries = f.channel.attempts();

        // WHEN the same link is posted again, to approve (a second click) and to reject
        DecideApproval.Result replay = f.decideApproval().decide(r.id(), link, Decision.APPROVE);
        DecideApproval.Result flip = f.decideApproval().decide(r.id(), link, Decision.REJECT);

        // THEN both answer her recorded approval (no conflict with herself), and nothing changes
        for (DecideApproval.Result result : List.of(replay, flip)) {
            DecideApproval.Result.Shown shown = shown(result);
            assertThat(shown.repeated()).isTrue();
            assertThat(shown.recorded()).hasValueSatisfying(s -> assertThat(s.decision()).isEqualTo(Decision.APPROVE));
            assertThat(shown.request().status()).isEqualTo(ApprovalStatus.PENDING);
        }
        assertThat(f.store.snapshot()).isEqualTo(before);
        assertThat(f.executions.attempts()).isEmpty();
        assertThat(f.channel.attempts()).isEqualTo(deliveries);
    }

    @Test
    void decide_sameApproverWithAFreshLink_answersTheFirstDecision() {
        // GIVEN a HIGH request alice approved
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();

        // WHEN alice uses a second, genuine link of her own (a resent message)
        DecideApproval.Result second = f.decideApproval().decide(r.id(), f.freshToken(r, "alice"), Decision.APPROVE);

        // THEN one person is one signature: her first decision is answered, nothing changes, the quorum is not met
        assertThat(shown(second).repeated()).isTrue();
        assertThat(f.store.snapshot()).isEqualTo(before);
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void view_afterDeciding_showsTheRecordedDecision() {
        // GIVEN a HIGH request alice approved
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);

        // WHEN she opens her link again
        DecideApproval.Result.Shown shown = shown(f.decideApproval().view(r.id(), f.tokenSentTo("alice")));

        // THEN the page knows her decision (it shows the state, not the buttons)
        assertThat(shown.recorded()).hasValueSatisfying(s -> assertThat(s.approverId()).isEqualTo("alice"));
        assertThat(shown.repeated()).isTrue();
    }

    @Test
    void decide_signatureShortOfTheQuorum_toldToCoSignersAndOperatorsWithWhatIsStillNeeded() {
        // GIVEN a HIGH request (two of alice devops, bob sre, erin admin)
        ApprovalRequest r = requestHigh();

        // WHEN alice approves
        decide(r, "alice", Decision.APPROVE);

        // THEN bob and erin (not alice herself, not the CTO or the CISO) hear who signed and what is missing
        assertThat(notifiedOfKind("signed")).containsExactlyInAnyOrder("bob", "erin");
        Notification n = f.channel.ofKind("signed").get(0).notification();
        assertThat(n.subject()).isEqualTo("[AWOOOI] alice (devops) approved: delete volume claim data-postgres-0"
                + " — still needs 1 more approval from admin, devops or sre");
        assertThat(n.text()).contains("[x] alice (devops) approved at ").contains("[ ] bob (sre)")
                .contains("still needed: 1 more approval from admin, devops or sre");
        assertThat(n.links()).isEmpty();
    }

    @Test
    void decide_afterApproval_isConflictEvenForAnApproverWhoHadNotSigned() {
        // GIVEN a HIGH request alice and bob approved
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);
        decide(r, "bob", Decision.APPROVE);

        // WHEN erin opens her link to reject
        DecideApproval.Result late = decide(r, "erin", Decision.REJECT);

        // THEN the request is closed: conflict, erin's decision is not recorded
        assertThat(late).isInstanceOf(DecideApproval.Result.Conflict.class);
        assertThat(((DecideApproval.Result.Conflict) late).request().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(f.store.signatures(r.id())).extracting(Signature::approverId).containsExactly("alice", "bob");
        assertThat(f.executions.attempts()).hasSize(1);
    }

    // ---------------------------------------------------------------- rejection

    @Test
    void decide_reject_endsTheRequestResetsTrustAndTellsTheOthers() {
        // GIVEN a HIGH request alice approved, its pattern at trust 7
        f.trust.set(ActionPattern.of(HIGH_ACTION), 7);
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);

        // WHEN bob rejects
        DecideApproval.Result.Shown result = shown(decide(r, "bob", Decision.REJECT));

        // THEN it is REJECTED for good, trust back to 0 (audited), everyone who got a link told, nothing queued
        assertThat(result.request().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(f.stored(r.id()).reason()).contains("rejected by bob");
        assertThat(f.trust.score(r.pattern())).isZero();
        Operation trust = f.operations.ofType("trust_changed").get(0);
        assertThat(trust.output()).containsEntry("before", "7").containsEntry("after", "0");
        assertThat(trust.parentOpId()).contains(ApprovalDesk.opIdFor(r, "rejected"));
        assertThat(notifiedOfKind("rejected")).containsExactlyInAnyOrder("alice", "erin");
        assertThat(f.executions.attempts()).isEmpty();
        // and erin's approval can no longer revive it
        assertThat(decide(r, "erin", Decision.APPROVE)).isInstanceOf(DecideApproval.Result.Conflict.class);
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.REJECTED);
    }

    // ---------------------------------------------------------------- expiry

    @Test
    void decide_expiredLink_isGoneAndChangesNothing() {
        // GIVEN a HIGH request and the clock at its links' expiry
        ApprovalRequest r = requestHigh();
        String link = f.tokenSentTo("alice");
        f.clock.set(r.expiresAt());
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();

        // WHEN alice approves
        DecideApproval.Result result = f.decideApproval().decide(r.id(), link, Decision.APPROVE);

        // THEN 410, and no signature
        assertThat(result).isInstanceOf(DecideApproval.Result.Gone.class);
        assertThat(f.store.snapshot()).isEqualTo(before);
    }

    @Test
    void decide_requestPastItsExpiry_isGoneAndMarksItExpired() {
        // GIVEN a HIGH request past its expiry, and a link for it that is still valid (a longer-lived one)
        ApprovalRequest r = requestHigh();
        String link = f.signer.sign(r.id(), "alice", r.actionHash(), r.expiresAt().plus(Duration.ofHours(1)));
        f.clock.set(r.expiresAt().plusSeconds(1));

        // WHEN alice approves
        DecideApproval.Result result = f.decideApproval().decide(r.id(), link, Decision.APPROVE);

        // THEN 410, the request is EXPIRED (audited), no signature and nothing queued
        assertThat(result).isInstanceOf(DecideApproval.Result.Gone.class);
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(f.operations.ofType("expired")).hasSize(1);
        assertThat(f.store.signatures(r.id())).isEmpty();
        assertThat(f.executions.attempts()).isEmpty();
    }

    // ---------------------------------------------------------------- signed in as themselves (the console)

    @Test
    void decideAs_twoApproversSignedIn_sameQuorumPathAsLinks_approvedOnceAndAuditedUnderTheirIds() {
        // GIVEN a HIGH request (two operators)
        ApprovalRequest r = requestHigh();

        // WHEN alice and then bob decide as themselves, and bob posts again (a reload)
        DecideApproval.Result.Shown alice = shown(f.decideApproval().decideAs(r.id(), "alice", r.actionHash(),
                Decision.APPROVE, java.util.Optional.empty(), "console-n1"));
        DecideApproval.Result.Shown bob = shown(f.decideApproval().decideAs(r.id(), "bob", r.actionHash(),
                Decision.APPROVE, java.util.Optional.empty(), "console-n2"));
        DecideApproval.Result.Shown again = shown(f.decideApproval().decideAs(r.id(), "bob", r.actionHash(),
                Decision.APPROVE, java.util.Optional.empty(), "console-n3"));

        // THEN alice's alone left it pending; bob's met the quorum: approved, one order, his repeat changes nothing
        assertThat(alice.request().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(bob.request().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(again.repeated()).isTrue();
        assertThat(f.executions.attempts()).hasSize(1);
        assertThat(f.store.signatures(r.id())).extracting(Signature::approverId).containsExactly("alice", "bob");
        assertThat(f.store.signatures(r.id())).extracting(Signature::nonce).containsExactly("console-n1", "console-n2");
        // AND the operation log names each signer and how they came
        assertThat(f.operations.ofType("signed")).extracting(Operation::actor).containsExactly("alice", "bob");
        assertThat(f.operations.ofType("signed"))
                .allSatisfy(o -> assertThat(o.output()).containsEntry("via", "console"));
        assertThat(f.operations.ofType("approved")).extracting(Operation::actor).containsExactly("bob");
        // AND alice heard bob's approval (the news of the quorum met)
        assertThat(notifiedOfKind("approved")).contains("alice").doesNotContain("bob");
    }

    @Test
    void decideAs_rejectWithReason_endsTheRequestLikeALinkRejection() {
        // GIVEN a HIGH request
        ApprovalRequest r = requestHigh();

        // WHEN bob rejects as himself, with a reason
        DecideApproval.Result.Shown bob = shown(f.decideApproval().decideAs(r.id(), "bob", r.actionHash(),
                Decision.REJECT, java.util.Optional.of("wrong pod"), "console-n1"));

        // THEN rejected, with his reason, nothing queued
        assertThat(bob.request().status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(bob.request().reason())
                .hasValueSatisfying(why -> assertThat(why).contains("bob").contains("wrong pod"));
        assertThat(f.executions.attempts()).isEmpty();
    }

    @Test
    void decideAs_refusals_otherActionNotEligibleUnknownApproverExpired() {
        // GIVEN a HIGH request
        ApprovalRequest r = requestHigh();
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();

        // WHEN a form for another action, carol (the CTO cannot sign HIGH), someone not in the directory post
        DecideApproval.Result other = f.decideApproval().decideAs(r.id(), "alice", "0".repeat(64), Decision.APPROVE,
                java.util.Optional.empty(), "n1");
        DecideApproval.Result carol = f.decideApproval().decideAs(r.id(), "carol", r.actionHash(), Decision.APPROVE,
                java.util.Optional.empty(), "n2");
        DecideApproval.Result stranger = f.decideApproval().decideAs(r.id(), "mallory", r.actionHash(),
                Decision.APPROVE,
                java.util.Optional.empty(), "n3");
        DecideApproval.Result missing = f.decideApproval().decideAs("apr_nope", "alice", r.actionHash(),
                Decision.APPROVE,
                java.util.Optional.empty(), "n4");

        // THEN each is refused and nothing changed
        assertThat(other).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(carol).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(stranger).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(missing).isInstanceOf(DecideApproval.Result.NotFound.class);
        assertThat(f.store.snapshot()).isEqualTo(before);

        // AND after the expiry a decision is Gone and the request EXPIRED
        f.clock.set(r.expiresAt());
        assertThat(f.decideApproval().decideAs(r.id(), "alice", r.actionHash(), Decision.APPROVE,
                java.util.Optional.empty(), "n5")).isInstanceOf(DecideApproval.Result.Gone.class);
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.EXPIRED);
    }

    @Test
    void viewAs_showsWhetherTheApproverDecided_neverWrites() {
        // GIVEN a HIGH request alice approved
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();

        // WHEN alice and bob look as themselves
        DecideApproval.Result.Shown alice = shown(f.decideApproval().viewAs(r.id(), "alice"));
        DecideApproval.Result.Shown bob = shown(f.decideApproval().viewAs(r.id(), "bob"));

        // THEN alice's decision is there, bob has none yet; nothing was written
        assertThat(alice.recorded()).isPresent();
        assertThat(bob.recorded()).isEmpty();
        assertThat(f.decideApproval().viewAs(r.id(), "carol")).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(f.store.snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- bad links

    @Test
    void decide_tamperedToken_isForbiddenAndTheStoreUntouched() {
        // GIVEN a HIGH request and alice's link with one character of its signature changed
        ApprovalRequest r = requestHigh();
        String link = f.tokenSentTo("alice");
        char last = link.charAt(link.length() - 1);
        String tampered = link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');
        int writes = f.store.writes();
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();

        // WHEN it is used, and when garbage is
        DecideApproval.Result result = f.decideApproval().decide(r.id(), tampered, Decision.APPROVE);
        DecideApproval.Result garbage = f.decideApproval().decide(r.id(), "not-a-token", Decision.APPROVE);
        DecideApproval.Result none = f.decideApproval().decide(r.id(), null, Decision.APPROVE);

        // THEN 403 each time, and nothing was written
        assertThat(result).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(garbage).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(none).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(f.store.writes()).isEqualTo(writes);
        assertThat(f.store.snapshot()).isEqualTo(before);
    }

    @Test
    void decide_linkOfAnotherRequest_isForbidden() {
        // GIVEN two HIGH requests on two incidents
        ApprovalRequest first = requestHigh();
        String firstLink = f.tokenSentTo("alice");
        ApprovalRequest second = request(incidentId(2), deletePvc("data-redis-0"));
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();

        // WHEN alice's link for the first is used on the second's address
        DecideApproval.Result result = f.decideApproval().decide(second.id(), firstLink, Decision.APPROVE);

        // THEN 403, nothing recorded on either
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(result).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(f.store.snapshot()).isEqualTo(before);
    }

    @Test
    void decide_expiredLinkOfAnotherRequest_isForbiddenNotGone() {
        // GIVEN alice's link for one request, expired, used on another request's address
        ApprovalRequest first = requestHigh();
        String firstLink = f.tokenSentTo("alice");
        ApprovalRequest second = request(incidentId(2), deletePvc("data-redis-0"));
        f.clock.set(first.expiresAt().plusSeconds(1));

        // WHEN / THEN it says nothing about the other request
        assertThat(f.decideApproval().decide(second.id(), firstLink, Decision.APPROVE))
                .isInstanceOf(DecideApproval.Result.Forbidden.class);
    }

    @Test
    void decide_linkSignedForAnotherAction_isForbidden() {
        // GIVEN a genuine link for this request and alice, but over another action's hash
        ApprovalRequest r = requestHigh();
        String link = f.signer.sign(r.id(), "alice", ApprovalRequest.hashOf(deletePvc("data-redis-0")),
                r.expiresAt());

        // WHEN / THEN it cannot approve this action
        assertThat(f.decideApproval().decide(r.id(), link, Decision.APPROVE))
                .isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(f.store.signatures(r.id())).isEmpty();
    }

    @Test
    void decide_approverWithoutAnEligibleRole_isForbidden() {
        // GIVEN a HIGH request and a genuine link for carol, the CTO (not an operator)
        ApprovalRequest r = requestHigh();
        String link = f.freshToken(r, "carol");
        int writes = f.store.writes();

        // WHEN carol approves
        DecideApproval.Result result = f.decideApproval().decide(r.id(), link, Decision.APPROVE);

        // THEN 403 and no signature
        assertThat(result).isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(((DecideApproval.Result.Forbidden) result).reason()).contains("roles");
        assertThat(f.store.writes()).isEqualTo(writes);
    }

    @Test
    void decide_approverRemovedFromTheDirectory_isForbidden() {
        // GIVEN a HIGH request whose links went out, then bob left the directory
        ApprovalRequest r = requestHigh();
        String link = f.tokenSentTo("bob");
        f.directory = new ApproverDirectory(f.directory.all().stream().filter(a -> !a.id().equals("bob")).toList());

        // WHEN / THEN his link no longer works
        assertThat(f.decideApproval().decide(r.id(), link, Decision.APPROVE))
                .isInstanceOf(DecideApproval.Result.Forbidden.class);
        assertThat(f.store.signatures(r.id())).isEmpty();
    }

    @Test
    void decide_unknownRequest_isNotFound() {
        // GIVEN a genuine link for a request id nobody stored
        String id = ApprovalRequest.idFor(incidentId(99));
        String link = f.signer.sign(id, "alice", ApprovalRequest.hashOf(HIGH_ACTION),
                ApprovalFixture.NOW.plusSeconds(60));

        // WHEN / THEN 404, and nothing is created
        assertThat(f.decideApproval().decide(id, link, Decision.APPROVE))
                .isInstanceOf(DecideApproval.Result.NotFound.class);
        assertThat(f.store.requestCount()).isZero();
    }

    // ---------------------------------------------------------------- view

    @Test
    void view_neverWrites() {
        // GIVEN a HIGH request alice approved
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);
        DecideApproval decide = f.decideApproval();
        int writes = f.store.writes();
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();
        int operations = f.operations.all().size();
        int deliveries = f.channel.attempts();

        // WHEN links are opened: bob's (twice, as a chat unfurler and a mail scanner would), alice's used one,
        // carol's (not eligible), a tampered one, and bob's again after the request expired
        DecideApproval.Result bob = decide.view(r.id(), f.tokenSentTo("bob"));
        decide.view(r.id(), f.tokenSentTo("bob"));
        DecideApproval.Result alice = decide.view(r.id(), f.tokenSentTo("alice"));
        decide.view(r.id(), f.freshToken(r, "carol"));
        decide.view(r.id(), "v1.x.y");
        f.clock.set(r.expiresAt().plusSeconds(1));
        decide.view(r.id(), f.signer.sign(r.id(), "bob", r.actionHash(), r.expiresAt().plus(Duration.ofHours(1))));

        // THEN nothing was written, logged, sent or queued; the view shows the request and who signed
        assertThat(f.store.writes()).isEqualTo(writes);
        assertThat(f.store.snapshot()).isEqualTo(before);
        assertThat(f.operations.all()).hasSize(operations);
        assertThat(f.channel.attempts()).isEqualTo(deliveries);
        assertThat(f.executions.attempts()).isEmpty();
        assertThat(shown(bob).approver().id()).isEqualTo("bob");
        assertThat(shown(bob).recorded()).isEmpty();
        assertThat(shown(bob).signatures()).extracting(Signature::approverId).containsExactly("alice");
        assertThat(shown(alice).request().status()).isEqualTo(ApprovalStatus.PENDING);
        // and an approval after all that still works (the views used up nothing)
        f.clock.set(ApprovalFixture.NOW.plusSeconds(30));
        shown(decide(r, "bob", Decision.APPROVE));
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    // ---------------------------------------------------------------- dispatch failure

    @Test
    void decide_dispatchFails_staysApprovedUndispatchedAndALaterAttemptDispatchesOnce() {
        // GIVEN a HIGH request alice approved, and an executions queue that fails once
        ApprovalRequest r = requestHigh();
        decide(r, "alice", Decision.APPROVE);
        f.executions.failNextCalls.set(1);

        // WHEN bob's approval meets the quorum but the queue refuses the order
        assertThatThrownBy(() -> decide(r, "bob", Decision.APPROVE)).isInstanceOf(QueueUnavailableException.class);

        // THEN the request is APPROVED but not dispatched, and no order is on the queue
        ApprovalRequest afterFailure = f.stored(r.id());
        assertThat(afterFailure.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(afterFailure.dispatched()).isFalse();
        assertThat(f.executions.orders()).isEmpty();
        assertThat(f.store.signatures(r.id())).hasSize(2);

        // WHEN a later decision attempt comes (bob's retry), then another (erin)
        DecideApproval.Result retry = f.decideApproval().decide(r.id(), f.tokenSentTo("bob"), Decision.APPROVE);
        DecideApproval.Result later = decide(r, "erin", Decision.APPROVE);

        // THEN the first re-dispatches it once (and answers bob's recorded approval); after that nothing more is sent
        assertThat(shown(retry).repeated()).isTrue();
        assertThat(later).isInstanceOf(DecideApproval.Result.Conflict.class);
        assertThat(f.stored(r.id()).dispatched()).isTrue();
        assertThat(f.executions.orders()).hasSize(1);
        assertThat(f.executions.attempts()).hasSize(2);
        assertThat(f.trust.score(r.pattern())).isZero();
    }

    // ---------------------------------------------------------------- concurrency

    /** Every approver in {@code approvers} decides at the same moment; returns their results in order. */
    private static List<DecideApproval.Result> atOnce(ExecutorService pool, ApprovalFixture fx, ApprovalRequest r,
            List<String> approvers, List<Decision> decisions) throws Exception {
        CyclicBarrier start = new CyclicBarrier(approvers.size());
        List<Future<DecideApproval.Result>> futures = new ArrayList<>();
        for (int i = 0; i < approvers.size(); i++) {
            String token = fx.tokenSentTo(approvers.get(i));
            Decision decision = decisions.get(i);
            DecideApproval decide = fx.decideApproval();
            futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return decide.decide(r.id(), token, decision);
            }));
        }
        List<DecideApproval.Result> results = new ArrayList<>();
        for (Future<DecideApproval.Result> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static ApprovalRequest requestIn(ApprovalFixture fx, int round) {
        RequestApproval.Outcome outcome = fx.requestApproval(StaticDryRunner.passing())
                .request(analysis(incidentId(round), HIGH_ACTION, 1));
        return ((RequestApproval.Outcome.Requested) outcome).request();
    }

    @Test
    void decide_twoApproversAtTheSameMoment_bothRecordedAndExactlyOneOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                // GIVEN a HIGH request and its two operators, released together
                ApprovalFixture fx = new ApprovalFixture();
                fx.directory = ApprovalFixture.operators(2);
                ApprovalRequest r = requestIn(fx, round);

                // WHEN both approve at the same moment
                List<DecideApproval.Result> results = atOnce(pool, fx, r, List.of("op1", "op2"),
                        List.of(Decision.APPROVE, Decision.APPROVE));

                // THEN both signatures are recorded, the quorum was acted on once: one order, trust untouched
                assertThat(results).as("round %d", round)
                        .allSatisfy(res -> assertThat(shown(res).recorded()).isPresent());
                assertThat(fx.store.signatures(r.id())).as("round %d", round).hasSize(2);
                assertThat(fx.stored(r.id()).status()).as("round %d", round).isEqualTo(ApprovalStatus.APPROVED);
                assertThat(fx.stored(r.id()).dispatched()).as("round %d", round).isTrue();
                assertThat(fx.executions.attempts()).as("round %d", round).hasSize(1);
                assertThat(fx.trust.score(r.pattern())).as("round %d", round).isZero();
                assertThat(fx.operations.ofType("approved")).as("round %d", round).hasSize(1);
                assertThat(fx.channel.ofKind("approved")).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decide_eightApproversAtTheSameMoment_everyAcceptedSignatureRecordedAndExactlyOneOrder() throws Exception {
        int n = 8;
        List<String> approvers = IntStream.rangeClosed(1, n).mapToObj(i -> "op" + i).toList();
        List<Decision> approve = approvers.stream().map(a -> Decision.APPROVE).toList();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 200; round++) {
                // GIVEN a HIGH request (two of eight operators needed), all eight released together
                ApprovalFixture fx = new ApprovalFixture();
                fx.directory = ApprovalFixture.operators(n);
                ApprovalRequest r = requestIn(fx, round);

                // WHEN all eight approve at the same moment
                List<DecideApproval.Result> results = atOnce(pool, fx, r, approvers, approve);

                // THEN each was either recorded or told the request was already approved (nobody lost
                // silently), every recorded signature is stored, and one message reached the queue (a late
                // decider may re-send the order while the winner dispatches: the FIFO deduplicates it)
                Set<String> recorded = results.stream()
                        .filter(res -> res instanceof DecideApproval.Result.Shown s && s.recorded().isPresent())
                        .map(res -> ((DecideApproval.Result.Shown) res).approver().id()).collect(Collectors.toSet());
                assertThat(results).as("round %d", round).allSatisfy(res -> assertThat(res)
                        .isInstanceOfAny(DecideApproval.Result.Shown.class, DecideApproval.Result.Conflict.class));
                assertThat(results).as("round %d", round)
                        .filteredOn(res -> res instanceof DecideApproval.Result.Conflict)
                        .allSatisfy(res -> assertThat(((DecideApproval.Result.Conflict) res).request().status())
                                .isEqualTo(ApprovalStatus.APPROVED));
                assertThat(recorded).as("round %d", round).hasSizeGreaterThanOrEqualTo(2);
                assertThat(fx.store.signatures(r.id())).as("round %d", round).extracting(Signature::approverId)
                        .containsExactlyInAnyOrderElementsOf(recorded);
                assertThat(fx.stored(r.id()).status()).as("round %d", round).isEqualTo(ApprovalStatus.APPROVED);
                assertThat(fx.stored(r.id()).dispatched()).as("round %d", round).isTrue();
                assertThat(fx.executions.orders()).as("round %d", round).hasSize(1);
                assertThat(fx.trust.score(r.pattern())).as("round %d", round).isZero();
                assertThat(fx.operations.ofType("approved")).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decide_approvalsAndARejectionAtTheSameMoment_endEitherApprovedOnceOrRejected() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 200; round++) {
                // GIVEN a HIGH request; two operators approve while the third rejects, all at once
                ApprovalFixture fx = new ApprovalFixture();
                fx.directory = ApprovalFixture.operators(3);
                ApprovalRequest r = requestIn(fx, round);

                // WHEN they decide
                atOnce(pool, fx, r, List.of("op1", "op2", "op3"),
                        List.of(Decision.APPROVE, Decision.APPROVE, Decision.REJECT));

                // THEN it ended one way: APPROVED with one message on the queue and trust untouched, or REJECTED
                // with none and trust 0 (a decider that reads the request between the winner's approval and
                // its dispatch re-sends the order; the FIFO queue deduplicates it on the request id)
                ApprovalRequest end = fx.stored(r.id());
                assertThat(end.status()).as("round %d", round).isIn(ApprovalStatus.APPROVED, ApprovalStatus.REJECTED);
                boolean approved = end.status() == ApprovalStatus.APPROVED;
                assertThat(fx.executions.orders()).as("round %d", round).hasSize(approved ? 1 : 0);
                assertThat(end.dispatched()).as("round %d", round).isEqualTo(approved);
                assertThat(fx.trust.score(r.pattern())).as("round %d", round).isZero();
                assertThat(fx.operations.ofType("approved").size() + fx.operations.ofType("rejected").size())
                        .as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
