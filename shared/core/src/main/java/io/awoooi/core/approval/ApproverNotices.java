package io.awoooi.core.approval;

import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.Notifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells people about requests: the approver directory, the notification channels and the Privacy
 * Shield's guard over every text, with the cards and the audiences the messages are about. Where the
 * function holds the link key ({@link #links}), a message still waiting for a signature is edited
 * to the card as it now stands with a fresh link; elsewhere it shows the news alone.
 *
 * @param store where a request's signatures and its messages' references are kept
 * @param notificationGuard checks every notification's text before it leaves (the Privacy Shield's
 *     leak guard: it throws to block); the incident id comes first
 */
public record ApproverNotices(ApprovalStore store, ApproverDirectory directory, Notifier notifier,
        BiConsumer<String, String> notificationGuard, LinkIssuer links, Clock clock) {
    private static final Logger LOG = Logger.getLogger(ApproverNotices.class.getName());
    /** The on-call operators: who hears about every request, signature and outcome, and about a diagnosis without a fix. */
    public static final java.util.Set<Role> OPERATORS = java.util.EnumSet.of(Role.ADMIN, Role.DEVOPS, Role.SRE);

    public ApproverNotices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(notificationGuard, "notificationGuard");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(clock, "clock");
    }

    /** The same people and channels, with other links (the MCP bridge's: at the host a request came to). */
    public ApproverNotices withLinks(LinkIssuer other) {
        return new ApproverNotices(store, directory, notifier, notificationGuard, other, clock);
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
                    && !decided.contains(a.id()) && links.hasKey() && request.quorum().canSign(a);
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
            Notification card = ApprovalMessages.requested(request, cardOf(request),
                    links.linkFor(request, approver.id(), base),
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

}
