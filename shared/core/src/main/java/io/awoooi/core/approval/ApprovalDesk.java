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
        String token = signer.sign(request.id(), approverId, request.actionHash(), request.expiresAt());
        String base = baseUrl.toString().replaceAll("/+$", "");
        return base + "/v1/approvals/" + request.id() + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /**
     * Puts the approved request on the executions queue and marks it dispatched. Safe to repeat: the
     * queue deduplicates on the request id.
     *
     * @throws io.awoooi.core.intake.QueueUnavailableException when the queue cannot take it (the
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
