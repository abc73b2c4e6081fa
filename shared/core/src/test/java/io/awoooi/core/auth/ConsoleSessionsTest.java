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
    private static final byte[] KEY = "console-session-key-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8);
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
    private final ConsoleSessions sessions = new ConsoleSessions(() -> KEY, operatorToken::get, Duration.ofHours(8), clock);

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
}
