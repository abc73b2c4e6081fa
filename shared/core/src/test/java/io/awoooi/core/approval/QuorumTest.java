package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.approver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.RiskLevel;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuorumTest {
    private static final Instant T = Instant.parse("2026-11-25T03:00:00Z");
    private static final Set<Role> OPERATORS = Set.of(Role.ADMIN, Role.DEVOPS, Role.SRE);

    private static Signature approve(String approverId, Role role) {
        return new Signature(approverId, role, Decision.APPROVE, "n-" + approverId, T);
    }

    private static Signature reject(String approverId, Role role) {
        return new Signature(approverId, role, Decision.REJECT, "n-" + approverId, T);
    }

    @Test
    void forLevel_eachRiskLevel_isTheRowOfTheMatrix() {
        // GIVEN / WHEN the quorum of every row
        Quorum low = Quorum.forLevel(RiskLevel.LOW);
        Quorum medium = Quorum.forLevel(RiskLevel.MEDIUM);
        Quorum high = Quorum.forLevel(RiskLevel.HIGH);
        Quorum critical = Quorum.forLevel(RiskLevel.CRITICAL);

        // THEN LOW needs nobody, MEDIUM one operator, HIGH two operators, CRITICAL the CTO and the CISO
        assertThat(low.count()).isZero();
        assertThat(low.automatic()).isTrue();
        assertThat(low.metBy(List.of())).isTrue();
        assertThat(medium.count()).isEqualTo(1);
        assertThat(medium.eligible()).isEqualTo(OPERATORS);
        assertThat(medium.mustInclude()).isEmpty();
        assertThat(medium.automatic()).isFalse();
        assertThat(high.count()).isEqualTo(2);
        assertThat(high.eligible()).isEqualTo(OPERATORS);
        assertThat(high.mustInclude()).isEmpty();
        assertThat(critical.count()).isEqualTo(2);
        assertThat(critical.eligible()).containsExactlyInAnyOrder(Role.CTO, Role.CISO);
        assertThat(critical.mustInclude()).containsExactlyInAnyOrder(Role.CTO, Role.CISO);
    }

    @Test
    void metBy_mediumWithOneOperatorOfEachRole_isMet() {
        // GIVEN the MEDIUM quorum
        Quorum medium = Quorum.forLevel(RiskLevel.MEDIUM);

        // WHEN / THEN one approval from any operator role meets it, none does not
        assertThat(medium.metBy(List.of())).isFalse();
        for (Role role : OPERATORS) {
            assertThat(medium.metBy(List.of(approve("x", role)))).as(role.name()).isTrue();
        }
    }

    @Test
    void metBy_highWithOneApproval_isNotMetAndTwoDistinctAre() {
        // GIVEN the HIGH quorum
        Quorum high = Quorum.forLevel(RiskLevel.HIGH);

        // WHEN / THEN one approval is not enough, two distinct operators are
        assertThat(high.metBy(List.of(approve("alice", Role.DEVOPS)))).isFalse();
        assertThat(high.metBy(List.of(approve("alice", Role.DEVOPS), approve("bob", Role.SRE)))).isTrue();
        assertThat(high.metBy(List.of(approve("alice", Role.DEVOPS), approve("erin", Role.DEVOPS)))).isTrue();
    }

    @Test
    void metBy_highWithTheSameApproverTwice_isNotMet() {
        // GIVEN the HIGH quorum and two approvals by the same person (under two roles even)
        Quorum high = Quorum.forLevel(RiskLevel.HIGH);
        List<Signature> twice = List.of(approve("alice", Role.DEVOPS), approve("alice", Role.SRE));

        // WHEN the quorum is evaluated
        boolean met = high.metBy(twice);

        // THEN one person is one approval
        assertThat(met).isFalse();
    }

    @Test
    void metBy_rejections_neverCount() {
        // GIVEN the MEDIUM and HIGH quorums and only rejections, or one approval and one rejection
        Quorum medium = Quorum.forLevel(RiskLevel.MEDIUM);
        Quorum high = Quorum.forLevel(RiskLevel.HIGH);

        // WHEN / THEN a rejection is never an approval
        assertThat(medium.metBy(List.of(reject("alice", Role.DEVOPS)))).isFalse();
        assertThat(high.metBy(List.of(approve("alice", Role.DEVOPS), reject("bob", Role.SRE)))).isFalse();
        assertThat(high.metBy(List.of(reject("alice", Role.DEVOPS), reject("bob", Role.SRE)))).isFalse();
    }

    @Test
    void metBy_rolesOutsideEligible_neverCount() {
        // GIVEN the HIGH quorum and approvals by the CTO and the CISO
        Quorum high = Quorum.forLevel(RiskLevel.HIGH);

        // WHEN / THEN they do not count on an operators' quorum, not even with one operator
        assertThat(high.metBy(List.of(approve("carol", Role.CTO), approve("dave", Role.CISO)))).isFalse();
        assertThat(high.metBy(List.of(approve("alice", Role.DEVOPS), approve("carol", Role.CTO)))).isFalse();
        // and operators do not count on a CRITICAL one
        Quorum critical = Quorum.forLevel(RiskLevel.CRITICAL);
        assertThat(critical.metBy(List.of(approve("alice", Role.DEVOPS), approve("erin", Role.ADMIN),
                approve("bob", Role.SRE)))).isFalse();
    }

    @Test
    void metBy_criticalNeedsBothTheCtoAndTheCiso() {
        // GIVEN the CRITICAL quorum
        Quorum critical = Quorum.forLevel(RiskLevel.CRITICAL);

        // WHEN / THEN two CTOs are two approvals but no CISO; the CTO and the CISO meet it
        assertThat(critical.metBy(List.of(approve("carol", Role.CTO)))).isFalse();
        assertThat(critical.metBy(List.of(approve("carol", Role.CTO), approve("carol2", Role.CTO)))).isFalse();
        assertThat(critical.metBy(List.of(approve("dave", Role.CISO), approve("dave2", Role.CISO)))).isFalse();
        assertThat(critical.metBy(List.of(approve("carol", Role.CTO), approve("dave", Role.CISO)))).isTrue();
        assertThat(critical.metBy(List.of(approve("carol", Role.CTO), reject("dave", Role.CISO)))).isFalse();
    }

    @Test
    void metBy_criticalSignedTwiceByOnePersonHoldingBothRoles_isNotMet() {
        // GIVEN one person who is both CTO and CISO, whose one signature counts as the CTO
        Quorum critical = Quorum.forLevel(RiskLevel.CRITICAL);
        Approver both = approver("zed", Role.CTO, Role.CISO);
        Role counted = critical.roleFor(both);

        // WHEN the quorum is evaluated on that person's signature, even written twice with both roles
        boolean once = critical.metBy(List.of(approve("zed", counted)));
        boolean twice = critical.metBy(List.of(approve("zed", Role.CTO), approve("zed", Role.CISO)));

        // THEN two approvals means two people
        assertThat(counted).isEqualTo(Role.CTO);
        assertThat(once).isFalse();
        assertThat(twice).isFalse();
    }

    @Test
    void canSign_approverWithoutAnEligibleRole_cannot() {
        // GIVEN an operator, the CTO and someone who is both
        Approver alice = approver("alice", Role.DEVOPS);
        Approver carol = approver("carol", Role.CTO);
        Approver both = approver("frank", Role.SRE, Role.CISO);

        // WHEN / THEN operators sign HIGH, the CTO does not; the CTO signs CRITICAL, an operator does not
        assertThat(Quorum.forLevel(RiskLevel.HIGH).canSign(alice)).isTrue();
        assertThat(Quorum.forLevel(RiskLevel.HIGH).canSign(carol)).isFalse();
        assertThat(Quorum.forLevel(RiskLevel.CRITICAL).canSign(carol)).isTrue();
        assertThat(Quorum.forLevel(RiskLevel.CRITICAL).canSign(alice)).isFalse();
        assertThat(Quorum.forLevel(RiskLevel.HIGH).roleFor(both)).isEqualTo(Role.SRE);
        assertThat(Quorum.forLevel(RiskLevel.CRITICAL).roleFor(both)).isEqualTo(Role.CISO);
        assertThatThrownBy(() -> Quorum.forLevel(RiskLevel.HIGH).roleFor(carol))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_countBelowTheRequiredRoles_isRefused() {
        // GIVEN / WHEN / THEN a quorum of one that requires two roles cannot exist
        assertThatThrownBy(() -> new Quorum(RiskLevel.CRITICAL, 1, Set.of(Role.CTO, Role.CISO),
                Set.of(Role.CTO, Role.CISO))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quorum(RiskLevel.LOW, -1, Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
