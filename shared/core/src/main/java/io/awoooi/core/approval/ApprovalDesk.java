package io.awoooi.core.approval;

import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.Notifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Everything a use case needs that makes requests or takes decisions which can approve them: the
 * {@link ApprovalLedger} (requests, trust, the operation log), the {@link ApproverNotices} (people,
 * channels, cards, with the {@link LinkIssuer}) and the {@link ExecutionDispatch}. A use case that
 * needs less takes only its parts: the executor's and the expiry sweep's take the ledger and the
 * notices (no link key, no executions queue). The accessors below are shortcuts to the parts.
 */
public record ApprovalDesk(ApprovalLedger ledger, ApproverNotices notices, ExecutionDispatch dispatcher) {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);

    public ApprovalDesk {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /** A desk from its dependencies, every part on the same store and clock (tests, the wiring). */
    public static ApprovalDesk of(ApprovalStore store, ApproverDirectory directory, LinkSigner signer,
            Optional<URI> publicBaseUrl, Notifier notifier, ExecutionQueue executions, TrustStore trust,
            OperationLog operations, BiConsumer<String, String> notificationGuard, Clock clock) {
        return new ApprovalDesk(new ApprovalLedger(store, trust, operations, clock),
                new ApproverNotices(store, directory, notifier, notificationGuard,
                        new LinkIssuer(signer, publicBaseUrl), clock),
                new ExecutionDispatch(executions, store, clock));
    }

    /** The same desk with links pointing at {@code baseUrl}. */
    public ApprovalDesk withLinksAt(URI baseUrl) {
        return new ApprovalDesk(ledger, notices.withLinks(notices.links().at(baseUrl)), dispatcher);
    }

    public ApprovalStore store() {
        return ledger.store();
    }

    public OperationLog operations() {
        return ledger.operations();
    }

    public Clock clock() {
        return ledger.clock();
    }

    public ApproverDirectory directory() {
        return notices.directory();
    }

    public LinkSigner signer() {
        return notices.links().signer();
    }

    public Optional<URI> publicBaseUrl() {
        return notices.links().publicBaseUrl();
    }

    /** @see LinkIssuer#linkFor(ApprovalRequest, String) */
    public String linkFor(ApprovalRequest request, String approverId) {
        return notices.links().linkFor(request, approverId);
    }

    /** @see LinkIssuer#linkFor(ApprovalRequest, String, String) */
    public String linkFor(ApprovalRequest request, String approverId, String baseUrl) {
        return notices.links().linkFor(request, approverId, baseUrl);
    }

    /** @see ExecutionDispatch#dispatch */
    public void dispatch(ApprovalRequest request) {
        dispatcher.dispatch(request);
    }

    /** @see ApproverNotices#notifyAll */
    public void notifyAll(List<Approver> approvers, Notification notification) {
        notices.notifyAll(approvers, notification);
    }

    /** @see ApproverNotices#tell(ApprovalRequest, List, Notification) */
    public void tell(ApprovalRequest request, List<Approver> audience, Notification notification) {
        notices.tell(request, audience, notification);
    }

    void tell(ApprovalRequest request, List<Approver> audience, Notification notification, Optional<String> linkBase) {
        notices.tell(request, audience, notification, linkBase);
    }

    /** @see ApproverNotices#audience */
    public List<Approver> audience(ApprovalRequest request, Optional<String> except) {
        return notices.audience(request, except);
    }

    /** @see ApproverNotices#cardOf */
    public ApprovalCard cardOf(ApprovalRequest request) {
        return notices.cardOf(request);
    }

    /** @see ApprovalLedger#log */
    public void log(ApprovalRequest request, String opKey, String type, String actor, Map<String, String> input,
            Map<String, String> output, Optional<String> parentOpId, Instant started) {
        ledger.log(request, opKey, type, actor, input, output, parentOpId, started);
    }

    /** @see ApprovalLedger#opIdFor */
    public static String opIdFor(ApprovalRequest request, String opKey) {
        return ApprovalLedger.opIdFor(request, opKey);
    }

    /** @see ApprovalLedger#changeTrust(ApprovalRequest, boolean, String) */
    public void changeTrust(ApprovalRequest request, boolean approved, String actor) {
        ledger.changeTrust(request, approved, actor);
    }

}
