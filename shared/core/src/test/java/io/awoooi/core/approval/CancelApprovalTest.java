package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.analysis;
import static io.awoooi.core.approval.ApprovalFixture.deletePvc;
import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static io.awoooi.core.approval.ApprovalFixture.restartPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.RecordingChannel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CancelApprovalTest {
    private static final String INCIDENT = incidentId(1);

    private final ApprovalFixture f = new ApprovalFixture();

    private ApprovalRequest request(ProposedAction action) {
        RequestApproval.Outcome outcome = f.requestApproval(StaticDryRunner.passing())
                .request(analysis(INCIDENT, action, 1));
        return ((RequestApproval.Outcome.Requested) outcome).request();
    }

    @Test
    void onResolved_pendingRequest_isCancelledAndTheApproversAreTold() {
        // GIVEN a HIGH request whose links went to alice, bob and erin
        ApprovalRequest r = request(deletePvc("data-postgres-0"));

        // WHEN the incident's alerts resolve
        Optional<ApprovalRequest> cancelled = f.cancelApproval().onResolved(INCIDENT);

        // THEN the request is CANCELLED with the reason, each of them is told, and the trail says so
        assertThat(cancelled).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(ApprovalStatus.CANCELLED));
        ApprovalRequest stored = f.stored(r.id());
        assertThat(stored.status()).isEqualTo(ApprovalStatus.CANCELLED);
        assertThat(stored.reason()).contains("the incident's alerts resolved");
        assertThat(f.channel.ofKind("cancelled")).extracting(RecordingChannel.Delivered::address)
                .containsExactlyInAnyOrder("alice", "bob", "erin");
        Notification n = f.channel.ofKind("cancelled").get(0).notification();
        assertThat(n.links()).isEmpty();
        assertThat(n.text()).contains("no longer work");
        Operation op = f.operations.ofType("cancelled").get(0);
        assertThat(op.parentOpId()).contains(ApprovalDesk.opIdFor(r, "requested"));
        assertThat(f.executions.attempts()).isEmpty();
    }

    @Test
    void onResolved_thenALinkIsUsed_isConflict() {
        // GIVEN a cancelled HIGH request
        ApprovalRequest r = request(deletePvc("data-postgres-0"));
        f.cancelApproval().onResolved(INCIDENT);

        // WHEN alice approves with her link
        DecideApproval.Result result = f.decideApproval().decide(r.id(), f.tokenSentTo("alice"), Decision.APPROVE);

        // THEN the request is closed
        assertThat(result).isInstanceOf(DecideApproval.Result.Conflict.class);
        assertThat(f.store.signatures(r.id())).isEmpty();
    }

    @Test
    void onResolved_approvedRequest_isLeftToTheExecutor() {
        // GIVEN a LOW request approved by policy and dispatched
        ApprovalRequest r = request(restartPod("order-api-7d9f8c6b5-x2kqp"));
        InMemoryApprovalStore.Snapshot before = f.store.snapshot();
        int delivered = f.channel.delivered().size();

        // WHEN the incident's alerts resolve
        Optional<ApprovalRequest> cancelled = f.cancelApproval().onResolved(INCIDENT);

        // THEN nothing changes and nobody is told
        assertThat(cancelled).isEmpty();
        assertThat(f.store.snapshot()).isEqualTo(before);
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(f.channel.delivered()).hasSize(delivered);
    }

    @Test
    void onResolved_rejectedRequest_staysRejected() {
        // GIVEN a HIGH request bob rejected
        ApprovalRequest r = request(deletePvc("data-postgres-0"));
        f.decideApproval().decide(r.id(), f.tokenSentTo("bob"), Decision.REJECT);

        // WHEN the incident's alerts resolve
        Optional<ApprovalRequest> cancelled = f.cancelApproval().onResolved(INCIDENT);

        // THEN the rejection stands
        assertThat(cancelled).isEmpty();
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(f.channel.ofKind("cancelled")).isEmpty();
    }

    @Test
    void onResolved_nothingPending_isEmpty() {
        // GIVEN / WHEN an incident that never had a request resolves
        Optional<ApprovalRequest> cancelled = f.cancelApproval().onResolved(incidentId(42));

        // THEN nothing happens
        assertThat(cancelled).isEmpty();
        assertThat(f.store.writes()).isZero();
        assertThat(f.channel.attempts()).isZero();
    }

    @Test
    void onResolved_twice_cancelsAndTellsOnce() {
        // GIVEN a HIGH request cancelled once
        request(deletePvc("data-postgres-0"));
        f.cancelApproval().onResolved(INCIDENT);

        // WHEN the resolution is delivered again
        Optional<ApprovalRequest> again = f.cancelApproval().onResolved(INCIDENT);

        // THEN nothing more happens
        assertThat(again).isEmpty();
        assertThat(f.channel.ofKind("cancelled")).hasSize(3);
        assertThat(f.operations.ofType("cancelled")).hasSize(1);
    }
}
