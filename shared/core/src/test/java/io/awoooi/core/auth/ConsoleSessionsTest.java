package io.awoooi.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    private static final byte[] KEY = "console-session-key-0123456789abcdef-0123456789"
            .getBytes(StandardCharsets.UTF_8);
    private final AtomicReference<String> operatorToken = new AtomicReference<>("operator-token-1");
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T03:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ConsoleSessions sessions = new ConsoleSessions(() -> KEY, operatorToken::get, Duration.ofHours(8),
            clock);

    @Test
    void signIn_operatorToken_sessionThatVerifiesWithTheSameCsrfToken() {
        // GIVEN / WHEN the operator token is presented
        ConsoleSessions.Session session = sessions.signIn("operator-token-1").orElseThrow();

        // THEN its value verifies, with the same CSRF token, expiring in 8 hours
        ConsoleSessions.Session again = sessions.verify(session.value()).orElseThrow();
        assertThat(again.csrf()).isEqualTo(session.csrf());
        assertThat(again.expiresAt()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(ConsoleSessions.csrfMatches(again, session.csrf())).isTrue();
        assertThat(ConsoleSessions.csrfMatches(again, "")).isFalse();
        assertThat(ConsoleSessions.csrfMatches(again, session.csrf() + "x")).isFalse();
        assertThat(session.value()).doesNotContain("operator-token-1");
    }

    @Test
    void signIn_otherOrEmptyToken_noSession() {
        assertThat(sessions.signIn("operator-token-2")).isEmpty();
        assertThat(sessions.signIn("")).isEmpty();
        assertThat(sessions.signIn(null)).isEmpty();
    }

    @Test
    void twoSignIns_differentSessionsAndCsrfTokens() {
        ConsoleSessions.Session a = sessions.signIn("operator-token-1").orElseThrow();
        ConsoleSessions.Session b = sessions.signIn("operator-token-1").orElseThrow();
        assertThat(a.value()).isNotEqualTo(b.value());
        assertThat(a.csrf()).isNotEqualTo(b.csrf());
    }

    @Test
    void verify_tamperedPayloadOrMac_noSession() {
        String value = sessions.signIn("operator-token-1").orElseThrow().value();
        String[] parts = value.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sid\":\"00\",\"exp\":9999999999,\"tok\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(sessions.verify(parts[0] + "." + forgedPayload + "." + parts[2])).isEmpty();
        assertThat(sessions.verify(parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "A")).isEmpty();
        assertThat(sessions.verify("s1.e30.")).isEmpty();
        assertThat(sessions.verify("garbage")).isEmpty();
        assertThat(sessions.verify("")).isEmpty();
        ConsoleSessions otherKey = new ConsoleSessions(
                () -> "another-key-of-enough-length-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                operatorToken::get, Duration.ofHours(8), clock);
        assertThat(otherKey.verify(value)).isEmpty();
    }

    @Test
    void verify_afterExpiry_noSession() {
        String value = sessions.signIn("operator-token-1").orElseThrow().value();
        now.set(now.get().plus(Duration.ofHours(8)).minusSeconds(1));
        assertThat(sessions.verify(value)).isPresent();
        now.set(now.get().plusSeconds(1));
        assertThat(sessions.verify(value)).isEmpty();
    }

    @Test
    void verify_operatorTokenRotated_sessionsOfTheOldTokenEnd() {
        String value = sessions.signIn("operator-token-1").orElseThrow().value();
        operatorToken.set("operator-token-2");
        assertThat(sessions.verify(value)).isEmpty();
        assertThat(sessions.signIn("operator-token-1")).isEmpty();
        assertThat(sessions.signIn("operator-token-2")).isPresent();
    }

    // ---------------------------------------------------------------- approvers signed in as themselves

    private static final String ALICE = "alice-console-token-0123456789abcdef";
    private final AtomicReference<ApproverTokens> approverTokens = new AtomicReference<>(
            ApproverTokens.parse("{\"alice\": \"" + ALICE + "\"}"));
    private final ConsoleSessions withApprovers = new ConsoleSessions(() -> KEY, operatorToken::get,
            approverTokens::get, Duration.ofHours(8), clock);

    @Test
    void signIn_approverToken_sessionOfThatApprover_operatorTokenStillTheOperators() {
        // GIVEN / WHEN alice presents her console token, and the operator theirs
        ConsoleSessions.Session alice = withApprovers.signIn(ALICE).orElseThrow();
        ConsoleSessions.Session operator = withApprovers.signIn("operator-token-1").orElseThrow();

        // THEN alice's session is hers (also once verified), the operator's nobody's
        assertThat(alice.approver()).hasValue("alice");
        assertThat(withApprovers.verify(alice.value()).orElseThrow().approver()).hasValue("alice");
        assertThat(withApprovers.verify(alice.value()).orElseThrow().csrf()).isEqualTo(alice.csrf());
        assertThat(operator.approver()).isEmpty();
        assertThat(withApprovers.verify(operator.value()).orElseThrow().approver()).isEmpty();
        assertThat(alice.value()).doesNotContain(ALICE);
        // AND a console without approver tokens knows no approver
        assertThat(sessions.signIn(ALICE)).isEmpty();
    }

    @Test
    void verify_approverTokenChangedOrRemoved_herSessionsEnd_theOperatorsStay() {
        // GIVEN alice's and the operator's sessions
        ConsoleSessions.Session alice = withApprovers.signIn(ALICE).orElseThrow();
        ConsoleSessions.Session operator = withApprovers.signIn("operator-token-1").orElseThrow();

        // WHEN her token is changed
        approverTokens.set(ApproverTokens.parse("{\"alice\": \"" + ALICE + "-new\"}"));

        // THEN her session ends, the operator's does not; and with her entry removed, a new one too
        assertThat(withApprovers.verify(alice.value())).isEmpty();
        assertThat(withApprovers.verify(operator.value())).isPresent();
        ConsoleSessions.Session again = withApprovers.signIn(ALICE + "-new").orElseThrow();
        approverTokens.set(ApproverTokens.none());
        assertThat(withApprovers.verify(again.value())).isEmpty();
    }

    @Test
    void verify_operatorSessionEditedToNameAnApprover_refused() {
        // GIVEN the operator's session, its payload edited to name alice (the mac no longer matches)
        ConsoleSessions.Session operator = withApprovers.signIn("operator-token-1").orElseThrow();
        String[] parts = operator.value().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("{", "{\"who\":\"alice\",").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        // WHEN / THEN it is no session at all
        assertThat(withApprovers.verify(forged)).isEmpty();
    }
}
