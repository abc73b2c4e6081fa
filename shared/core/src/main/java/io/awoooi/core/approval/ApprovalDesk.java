package io.awoooi.core.approval;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.Notifier;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the approval use cases share: the requests, the people, the links, the notifications, the
 * executions queue, trust and the operation log, with the few steps more than one of them takes
 * (dispatching an approved request, notifying, logging an operation).
 *
 * @param publicBaseUrl where approval links point; empty in a desk that issues none (the approval
 *     function verifies links, the executor neither issues nor verifies them)
 * @param notificationGuard checks every notification's text before it leaves (the Privacy Shield's
 *     leak guard: it throws to block); the incident id comes first
 */
public record ApprovalDesk(
        ApprovalStore store,
        ApproverDirectory directory,
        LinkSigner signer,
        Optional<URI> publicBaseUrl,
        Notifier notifier,
        ExecutionQueue executions,
        TrustStore trust,
        OperationLog operations,
        BiConsumer<String, String> notificationGuard,
        Clock clock) {
    private static final Logger LOG = Logger.getLogger(ApprovalDesk.class.getName());
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    /** The on-call operators: who hears about every request, signature and outcome, and about a diagnosis without a fix. */
    public static final java.util.Set<Role> OPERATORS = java.util.EnumSet.of(Role.ADMIN, Role.DEVOPS, Role.SRE);

    public ApprovalDesk {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(executions, "executions");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(notificationGuard, "notificationGuard");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The approval page of a request for one approver: {@code <base>/v1/approvals/<id>?t=<token>}.
     *
     * @throws IllegalStateException in a desk that issues no links (no base URL or no key)
     */
    public String linkFor(ApprovalRequest request, String approverId) {
        URI baseUrl = publicBaseUrl.orElseThrow(() -> new IllegalStateException(
                "this desk issues no approval links (no public base URL)"));
        return linkFor(request, approverId, baseUrl.toString());
    }

    /**
     * A fresh link of this approver to the request's page under {@code baseUrl} (the base the first
     * link pointed to, kept with its message): what an edit of that message shows while the request
     * still waits for them. The earlier link keeps working; the approver still signs once.
     *
     * @throws IllegalStateException in a desk without the link key
     */
    public String linkFor(ApprovalRequest request, String approverId, String baseUrl) {
        String token = signer.sign(request.id(), approverId, request.actionHash(), request.expiresAt());
        String base = baseUrl.replaceAll("/+$", "");
        return base + "/v1/approvals/" + request.id() + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /**
     * Puts the approved request on the executions queue and marks it dispatched. Safe to repeat: the
     * queue deduplicates on the request id.
     *
     * @throws io.awoooi.core.failure.QueueUnavailableException when the queue cannot take it (the
     *     request stays APPROVED and undispatched; the next attempt sends it)
     */
    public void dispatch(ApprovalRequest request) {
        executions.enqueue(ExecutionOrder.of(request, clock.instant()));
        store.markDispatched(request.id());
    }

    /**
     * Sends one notification to each of these approvers, after the guard passed its text. Never
     * fails the caller: a blocked or undelivered notification is logged (channel and reason only).
     */
    public void notifyAll(List<Approver> approvers, Notification notification) {
        try {
            notificationGuard.accept(notification.incidentId(), notification.subject() + "\n" + notification.text());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notification {0} on incident {1} blocked by the leak guard",
                    new Object[] {notification.kind(), notification.incidentId()});
            return;
        }
        for (Approver a : approvers) {
            for (Notifier.Delivery d : notifier.send(a, notification)) {
                if (!d.delivered()) {
                    LOG.log(Level.WARNING, "notification {0} to {1} over {2} failed: {3}",
                            new Object[] {notification.kind(), a.id(), d.channel(), d.error()});
                }
            }
        }
    }

    /**
     * Tells these people what happened to a request, grouping the news with the messages they got
     * about it before: on a channel that can edit (Slack with a bot token, Telegram, Discord), the
     * message it sent them about this request (the request itself, or the first follow-up) is edited
     * to show the news; elsewhere, or the first time, the notification is posted and, where the
     * channel can edit it later, its reference is kept with the request. While the request still
     * waits for a recipient's signature, their request message is edited to the card as it now stands
     * with a fresh link (a desk with the link key only; else they get the news as a new message).
     * Never fails the caller: a blocked or undelivered notification is logged, a reference that
     * cannot be read or kept only means a new message instead of an edit.
     */
    public void tell(ApprovalRequest request, List<Approver> audience, Notification notification) {
        tell(request, audience, notification, Optional.empty());
    }

    /** @param linkBase the base URL of the links in {@code notification} (the request message), kept with its references */
    void tell(ApprovalRequest request, List<Approver> audience, Notification notification, Optional<String> linkBase) {
        if (!guardPasses(notification)) {
            return;
        }
        List<io.awoooi.core.notify.MessageRef> known;
        List<Signature> signatures;
        try {
            known = store.messages(request.id());
            signatures = request.status() == ApprovalStatus.PENDING ? store.signatures(request.id()) : List.of();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "message references of {0} unreadable ({1}): news goes as new messages",
                    new Object[] {request.id(), e.getClass().getSimpleName()});
            known = List.of();
            signatures = List.of();
        }
        java.util.Set<String> decided = new java.util.HashSet<>();
        signatures.forEach(s -> decided.add(s.approverId()));
        for (Approver a : audience) {
            Map<String, String> refs = new java.util.HashMap<>();
            Map<String, Optional<String>> bases = new java.util.HashMap<>();
            for (io.awoooi.core.notify.MessageRef m : known) {
                if (m.recipientId().equals(a.id())) {
                    refs.put(m.channel(), m.ref());
                    bases.put(m.channel(), m.linkBase());
                }
            }
            boolean stillToSign = request.status() == ApprovalStatus.PENDING
                    && clock.instant().isBefore(request.expiresAt()) && request.notified().contains(a.id())
                    && !decided.contains(a.id()) && signer.hasKey() && request.quorum().canSign(a);
            java.util.function.Function<String, Notification> inPlace = channel -> bases.getOrDefault(channel,
                    Optional.empty()).filter(b -> stillToSign).map(base -> withLink(request, a, base, notification))
                    .orElse(notification);
            for (Notifier.Delivery d : notifier.send(a, notification, refs, inPlace)) {
                if (!d.delivered()) {
                    LOG.log(Level.WARNING, "notification {0} to {1} over {2} failed: {3}",
                            new Object[] {notification.kind(), a.id(), d.channel(), d.error()});
                }
                d.ref().ifPresent(ref -> {
                    try {
                        store.saveMessage(request.id(), new io.awoooi.core.notify.MessageRef(d.channel(), a.id(), ref,
                                linkBase));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "message reference of {0} over {1} not kept ({2})",
                                new Object[] {request.id(), d.channel(), e.getClass().getSimpleName()});
                    }
                });
            }
        }
    }

    /** The request card as it now stands with a fresh link for {@code approver}; the news itself if the guard objects. */
    private Notification withLink(ApprovalRequest request, Approver approver, String base, Notification news) {
        try {
            Notification card = ApprovalMessages.requested(request, cardOf(request), linkFor(request, approver.id(), base),
                    clock.instant());
            notificationGuard.accept(card.incidentId(), card.subject() + "\n" + card.text());
            return card;
        } catch (RuntimeException e) {
            return news;
        }
    }

    private boolean guardPasses(Notification notification) {
        try {
            notificationGuard.accept(notification.incidentId(), notification.subject() + "\n" + notification.text());
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notification {0} on incident {1} blocked by the leak guard",
                    new Object[] {notification.kind(), notification.incidentId()});
            return false;
        }
    }

    /** The approvers a request's links went to (still in the directory). */
    public List<Approver> notifiedOf(ApprovalRequest request) {
        List<Approver> out = new ArrayList<>();
        for (String id : request.notified()) {
            directory.find(id).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Who hears what happens to a request: the approvers its links went to and the operators, each
     * once, in that order, without {@code except} (the one who just acted, and sees it on the page).
     */
    public List<Approver> audience(ApprovalRequest request, Optional<String> except) {
        java.util.Map<String, Approver> out = new java.util.LinkedHashMap<>();
        notifiedOf(request).forEach(a -> out.putIfAbsent(a.id(), a));
        directory.withAnyRole(OPERATORS).forEach(a -> out.putIfAbsent(a.id(), a));
        except.ifPresent(out::remove);
        return List.copyOf(out.values());
    }

    /**
     * The request's card as of now. Its signatures are read for the checklist; when they cannot be,
     * the card goes without them rather than not at all (a notification never fails its caller).
     */
    public ApprovalCard cardOf(ApprovalRequest request) {
        List<Signature> signatures;
        try {
            signatures = store.signatures(request.id());
        } catch (RuntimeException e) {
            signatures = List.of();
        }
        return ApprovalCard.of(request, signatures, directory, clock.instant());
    }

    /** Appends to the incident's operation log without ever failing the caller. */
    public void log(ApprovalRequest request, String opKey, String type, String actor, Map<String, String> input,
            Map<String, String> output, Optional<String> parentOpId, Instant started) {
        Instant now = clock.instant();
        OperationLog.appendQuietly(operations, new Operation(opIdFor(request, opKey), request.incidentId(), type,
                actor, input, output, Math.max(0, Duration.between(started, now).toMillis()), parentOpId, now));
    }

    /** The id of an operation on a request ({@code opKey} distinguishes, e.g. {@code signed/alice}). */
    public static String opIdFor(ApprovalRequest request, String opKey) {
        return Operation.idFor(request.notificationKey(), request.id() + "/" + opKey);
    }

    /**
     * Trust changes are audited (chained to the operation that caused them: {@code rejected} or
     * {@code verified}) and never fail what they follow.
     */
    public void changeTrust(ApprovalRequest request, boolean approved, String actor) {
        changeTrust(request, approved, actor, approved ? "verified" : "rejected");
    }

    public void changeTrust(ApprovalRequest request, boolean approved, String actor, String causeOpKey) {
        Instant started = clock.instant();
        try {
            int before = trust.score(request.pattern());
            int after = approved ? trust.increment(request.pattern()) : 0;
            if (!approved) {
                trust.reset(request.pattern());
            }
            log(request, approved ? "trust/up" : "trust/reset", "trust_changed", actor,
                    Map.of("pattern", request.pattern().value()),
                    Map.of("before", String.valueOf(before), "after", String.valueOf(after)),
                    Optional.of(opIdFor(request, causeOpKey)), started);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trust of {0} not changed: {1}",
                    new Object[] {request.pattern().value(), e.getClass().getSimpleName()});
        }
    }
}
