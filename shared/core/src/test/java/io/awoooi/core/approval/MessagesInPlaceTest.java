package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.analysis;
import static io.awoooi.core.approval.ApprovalFixture.deletePvc;
import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.notify.EditingChannel;
import io.awoooi.core.notify.MessageRef;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.Notifier;
import io.awoooi.core.notify.RecordingChannel;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * News about a request edits the messages people got about it on a channel that can edit, and is
 * posted on one that cannot: the references are kept with the request; a recipient who still has
 * to sign sees the card as it now stands with a working link.
 */
class MessagesInPlaceTest {
    private final ApprovalFixture f = new ApprovalFixture();
    private final EditingChannel chat = new EditingChannel();
    private final RecordingChannel mail = new RecordingChannel("email");

    private ApprovalDesk desk() {
        return ApprovalDesk.of(f.store, f.directory, f.signer, Optional.of(URI.create(ApprovalFixture.BASE_URL)),
                new Notifier(List.of(chat, mail)), f.executions, f.trust, f.operations, (id, text) -> {
                }, f.clock);
    }

    /** A HIGH request (two of alice, bob, erin) with its links sent to the three of them. */
    private ApprovalRequest requestHigh() {
        var outcome = new RequestApproval(desk(), StaticDryRunner.passing(), new RiskPolicy(), ApprovalDesk.DEFAULT_TTL)
                .request(analysis(incidentId(7), deletePvc("data-postgres-0"), 1));
        return ((RequestApproval.Outcome.Requested) outcome).request();
    }

    private String tokenOf(String approver) {
        Notification request = chat.postedTo(approver).stream().filter(p -> p.notification().kind()
                .equals("approval_requested")).findFirst().orElseThrow().notification();
        return ApprovalFixture.tokenOf(request.links().get(0).url());
    }

    @Test
    void request_linksPosted_eachChatMessageKeptWithTheRequestAndItsLinkBase() {
        // GIVEN / WHEN a HIGH request goes to alice, bob and erin
        ApprovalRequest r = requestHigh();

        // THEN each got one chat message and one mail; the chat messages are kept with the request
        assertThat(chat.posted()).extracting(EditingChannel.Posted::address).containsExactlyInAnyOrder("alice", "bob",
                "erin");
        assertThat(f.store.messages(r.id())).extracting(MessageRef::recipientId).containsExactlyInAnyOrder("alice",
                "bob",
                "erin");
        assertThat(f.store.messages(r.id())).allSatisfy(m -> {
            assertThat(m.channel()).isEqualTo("chat");
            assertThat(m.linkBase()).hasValue(ApprovalFixture.BASE_URL);
        });
        assertThat(f.store.messages(r.id())).extracting(MessageRef::ref).doesNotHaveDuplicates();
    }

    @Test
    void coSignerSigns_waitingApproversMessagesEditedToTheCardWithAliceTickedAndAFreshLink_mailGetsAFollowUp() {
        // GIVEN the HIGH request's messages
        ApprovalRequest r = requestHigh();
        String bobsMessage = chat.postedTo("bob").get(0).ref();
        int mailsBefore = mail.delivered().size();

        // WHEN alice approves
        new DecideApproval(desk()).decide(r.id(), tokenOf("alice"), Decision.APPROVE);

        // THEN bob's and erin's request messages are edited, not added to: the card with alice ticked, still
        // waiting, with a link that works (a new token, the same page)
        assertThat(chat.postedTo("bob")).hasSize(1);
        assertThat(chat.editedFor("bob")).singleElement().satisfies(e -> {
            assertThat(e.ref()).isEqualTo(bobsMessage);
            assertThat(e.notification().kind()).isEqualTo("approval_requested");
            assertThat(e.notification().text()).contains("[x] alice (devops)").contains("[ ] bob (sre)");
            assertThat(e.notification().links().get(0).url()).startsWith(ApprovalFixture.BASE_URL + "/v1/approvals/"
                    + r.id() + "?t=");
            String token = ApprovalFixture.tokenOf(e.notification().links().get(0).url());
            assertThat(f.signer.verify(token)).isInstanceOf(LinkVerdict.Valid.class);
        });
        assertThat(chat.editedFor("erin")).hasSize(1);
        // alice decided on the page: her message is left alone
        assertThat(chat.editedFor("alice")).isEmpty();
        // AND the mail channel, which cannot edit, got the follow-up as a new message
        assertThat(mail.delivered().subList(mailsBefore, mail.delivered().size()))
                .extracting(d -> d.notification().kind()).containsOnly("signed");
    }

    @Test
    void bobCompletesTheQuorum_alicesAndErinsMessagesShowApprovedWithoutButtons_fromTheEditedLink() {
        // GIVEN alice approved, and bob's message was edited to a fresh link
        ApprovalRequest r = requestHigh();
        new DecideApproval(desk()).decide(r.id(), tokenOf("alice"), Decision.APPROVE);
        String freshLink = chat.editedFor("bob").get(0).notification().links().get(0).url();

        // WHEN bob approves through the edited message's link
        var result = new DecideApproval(desk()).decide(r.id(), ApprovalFixture.tokenOf(freshLink), Decision.APPROVE);

        // THEN approved; alice's and erin's messages are edited to say so, with no button left to press
        assertThat(((DecideApproval.Result.Shown) result).request().status()).isEqualTo(ApprovalStatus.APPROVED);
        for (String who : List.of("alice", "erin")) {
            assertThat(chat.editedFor(who)).last().satisfies(e -> {
                assertThat(e.notification().kind()).isEqualTo("approved");
                assertThat(e.notification().links()).isEmpty();
                assertThat(e.ref()).isEqualTo(chat.postedTo(who).get(0).ref());
            });
        }
        // AND nobody got a second chat message: all news went into the first one
        assertThat(chat.posted()).extracting(EditingChannel.Posted::address).containsExactlyInAnyOrder("alice", "bob",
                "erin");
    }

    @Test
    void messageDeletedMeanwhile_newsPostedAsNewMessage_firstReferenceStays() {
        // GIVEN bob deleted his request message
        ApprovalRequest r = requestHigh();
        chat.gone.add(chat.postedTo("bob").get(0).ref());

        // WHEN alice approves
        new DecideApproval(desk()).decide(r.id(), tokenOf("alice"), Decision.APPROVE);

        // THEN bob gets the news as a new message
        assertThat(chat.postedTo("bob")).extracting(p -> p.notification().kind())
                .containsExactly("approval_requested", "signed");
    }

    @Test
    void rejected_everyonesMessageShowsTheRejection() {
        // GIVEN a HIGH request
        ApprovalRequest r = requestHigh();

        // WHEN erin rejects
        new DecideApproval(desk()).decide(r.id(), tokenOf("erin"), Decision.REJECT, Optional.of("not now"));

        // THEN alice's and bob's messages say it was rejected
        for (String who : List.of("alice", "bob")) {
            assertThat(chat.editedFor(who)).singleElement().satisfies(e -> {
                assertThat(e.notification().kind()).isEqualTo("rejected");
                assertThat(e.notification().links()).isEmpty();
            });
        }
    }

    @Test
    void aDeskWithoutTheLinkKey_editsWithTheNewsInsteadOfALink() {
        // GIVEN the request's messages, and a desk that cannot sign (the executor's)
        ApprovalRequest r = requestHigh();
        ApprovalDesk keyless = ApprovalDesk.of(f.store, f.directory, LinkSigner.withoutKey(f.clock), Optional.empty(),
                new Notifier(List.of(chat)), f.executions, f.trust, f.operations, (id, text) -> {
                }, f.clock);

        // WHEN it tells everyone something while the request is pending
        keyless.tell(f.stored(r.id()), keyless.audience(f.stored(r.id()), Optional.empty()),
                ApprovalMessages.cancelled(keyless.cardOf(f.stored(r.id())), "test", f.clock.instant()));

        // THEN the messages are edited with the news, never with a link it cannot make
        assertThat(chat.edited()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.notification().kind()).isEqualTo("cancelled");
            assertThat(e.notification().links()).isEmpty();
        });
    }

    @Test
    void expirySweep_keylessDesk_eachRequestMessageEditedToExpired_noNewChatMessageNoLink() {
        // GIVEN the HIGH request's messages, and the clock past its expiry
        ApprovalRequest r = requestHigh();
        String alicesMessage = chat.postedTo("alice").get(0).ref();
        int postedBefore = chat.posted().size();
        f.clock.set(r.expiresAt().plusSeconds(30));

        // WHEN the sweep runs with a desk that holds no link key (ApprovalExpiryFunction's)
        ApprovalDesk keyless = ApprovalDesk.of(f.store, f.directory, LinkSigner.withoutKey(f.clock), Optional.empty(),
                new Notifier(List.of(chat, mail)), f.executions, f.trust, f.operations, (id, text) -> {
                }, f.clock);
        ExpireApprovals.Result result = new ExpireApprovals(keyless.ledger(), keyless.notices())
                .sweep(ExpireApprovals.DEFAULT_BATCH);

        // THEN each person's request message now says it expired: edited in place, without buttons
        assertThat(result.expired()).containsExactly(r.id());
        assertThat(chat.posted()).hasSize(postedBefore);
        assertThat(chat.editedFor("alice")).singleElement().satisfies(e -> {
            assertThat(e.ref()).isEqualTo(alicesMessage);
            assertThat(e.notification().kind()).isEqualTo("expired");
            assertThat(e.notification().links()).isEmpty();
        });
        assertThat(chat.editedFor("bob")).singleElement().satisfies(e -> assertThat(e.notification().kind())
                .isEqualTo("expired"));
        // AND mail, which cannot edit, gets one follow-up each
        assertThat(mail.ofKind("expired")).extracting(RecordingChannel.Delivered::address)
                .containsExactlyInAnyOrder("alice", "bob", "erin");
    }
}
