package io.awoooi.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expiry sweep's handler (ApprovalExpiryFunction runs it) inside Quarkus, on dynalite with the
 * template's state table and its PendingExpiry index.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
class ApprovalExpiryHandlerTest {

    @Inject
    @Named("approval-expiry")
    ApprovalExpiryHandler handler;

    @Test
    void sweep_pendingPastItsExpiry_expiredOnce_unexpiredAndDecidedLeftAlone() {
        // GIVEN a pending request past its expiry, one still running, and one approved (past its expiry too)
        ApprovalRequest overdue = ApprovalLinksTest.pendingHighRequest(Duration.ofSeconds(-5));
        ApprovalRequest running = ApprovalLinksTest.pendingHighRequest(Duration.ofMinutes(30));
        ApprovalRequest approved = ApprovalLinksTest.pendingHighRequest(Duration.ofSeconds(-5));
        assertThat(ApprovalLinksTest.store().transition(approved.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED,
                java.util.Optional.of("quorum met"), java.time.Instant.now())).isTrue();

        // WHEN the schedule fires, twice (a retry)
        Map<String, Object> first = handler.handleRequest(Map.of("source", "awoooi.approval.expiry"), null);
        Map<String, Object> second = handler.handleRequest(Map.of(), null);

        // THEN the overdue one is EXPIRED (by the first sweep only), the others untouched
        assertThat((Integer) first.get("expired")).isGreaterThanOrEqualTo(1);
        assertThat(second.get("expired")).isEqualTo(0);
        assertThat(ApprovalLinksTest.store().find(overdue.id()).orElseThrow().status())
                .isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(ApprovalLinksTest.store().find(overdue.id()).orElseThrow().reason())
                .hasValueSatisfying(why -> assertThat(why).startsWith("nobody decided before"));
        assertThat(ApprovalLinksTest.store().find(running.id()).orElseThrow().status())
                .isEqualTo(ApprovalStatus.PENDING);
        assertThat(ApprovalLinksTest.store().find(approved.id()).orElseThrow().status())
                .isEqualTo(ApprovalStatus.APPROVED);
        // AND it has left the index: nothing overdue is listed for it any more
        assertThat(ApprovalLinksTest.store().overdue(java.time.Instant.now(), 10_000)).doesNotContain(overdue.id());
    }
}
