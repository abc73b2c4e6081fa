package io.awoooi.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The web console's sessions: an operator who presents the operator token, or an approver who
 * presents their own console token ({@link ApproverTokens}), gets a session whose value is
 * {@code s1.<payload>.<mac>} (payload: base64url JSON {@code {sid, exp, tok}} and, for an approver,
 * {@code who}; mac: HMAC-SHA256 with the console's session key). Nothing is stored: the value is the
 * session.
 *
 * <ul>
 *   <li>{@code exp}: it expires ({@link #DEFAULT_TTL} after sign-in);</li>
 *   <li>{@code who}: the approver id of an approver's session; absent: the operator's (who views,
 *       and never decides);</li>
 *   <li>{@code tok}: a keyed fingerprint of the token it was issued for (the operator token, or
 *       that approver's token), so a rotated or removed token ends every session issued for it;</li>
 *   <li>{@code sid}: 128 random bits, from which the session's CSRF token is derived
 *       ({@link Session#csrf}, an HMAC of the sid): a form that changes anything must carry it, so the
 *       cookie alone never authorises a change (the browser sends the cookie, a forged form cannot
 *       know the token).</li>
 * </ul>
 * Macs and CSRF tokens are compared in constant time. Rotating the session key signs everybody out.
 */
public final class ConsoleSessions {
    public static final Duration DEFAULT_TTL = Duration.ofHours(8);
    private static final String VERSION = "s1";
    private static final int MAX_VALUE = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Supplier<byte[]> key;
    private final Supplier<String> operatorToken;
    private final Supplier<ApproverTokens> approverTokens;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param key the session key (at least 32 bytes; read when needed, so a rotated secret is picked up)
     * @param operatorToken the operator token a sign-in must present
     */
    public ConsoleSessions(Supplier<byte[]> key, Supplier<String> operatorToken, Duration ttl, Clock clock) {
        this(key, operatorToken, ApproverTokens::none, ttl, clock);
    }

    /**
     * @param approverTokens the approvers' console tokens (read when needed: a changed secret is picked up)
     */
    public ConsoleSessions(Supplier<byte[]> key, Supplier<String> operatorToken,
            Supplier<ApproverTokens> approverTokens,
            Duration ttl, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.operatorToken = Objects.requireNonNull(operatorToken, "operatorToken");
        this.approverTokens = Objects.requireNonNull(approverTokens, "approverTokens");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a session must live a while");
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A signed-in session: its cookie value, its CSRF token, when it ends, and whose it is.
     *
     * @param approver the approver id when an approver signed in with their own token; empty: the operator
     */
    public record Session(String value, String csrf, Instant expiresAt, Optional<String> approver) {
        public Session {
            Objects.requireNonNull(approver, "approver");
        }

        /** An operator's session. */
        public Session(String value, String csrf, Instant expiresAt) {
            this(value, csrf, expiresAt, Optional.empty());
        }
    }

    /**
     * The session for a presented token: the operator's for the operator token, an approver's for
     * that approver's console token; empty for anything else.
     */
    public Optional<Session> signIn(String presentedToken) {
        if (presentedToken == null || presentedToken.isBlank()) {
            return Optional.empty();
        }
        String expected = operatorToken.get();
        boolean operator = expected != null && !expected.isEmpty()
                && MessageDigest.isEqual(Hashing.sha256(presentedToken.strip().getBytes(StandardCharsets.UTF_8)),
                        Hashing.sha256(expected.getBytes(StandardCharsets.UTF_8)));
        // the approvers' tokens are compared whether or not the operator's matched: timing tells nothing
        ApproverTokens tokens = approverTokens.get();
        Optional<String> approver = tokens.authenticate(presentedToken);
        if (!operator && approver.isEmpty()) {
            return Optional.empty();
        }
        byte[] sid = new byte[16];
        random.nextBytes(sid);
        Instant expiresAt = clock.instant().plus(ttl);
        byte[] k = secret();
        ObjectNode payload = JSON.createObjectNode()
                .put("sid", HexFormat.of().formatHex(sid))
                .put("exp", expiresAt.getEpochSecond());
        if (operator) {
            payload.put("tok", tokenFingerprint(k, expected));
        } else {
            payload.put("who", approver.get());
            payload.put("tok", approverFingerprint(k, approver.get(), tokens.hashOf(approver.get()).orElseThrow()));
        }
        String signed = VERSION + "." + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        String value = signed + "." + B64.encodeToString(mac(k, signed));
        return Optional.of(new Session(value, csrf(k, payload.get("sid").asText()), Instant.ofEpochSecond(
                expiresAt.getEpochSecond()), operator ? Optional.empty() : approver));
    }

    /** The session a cookie value stands for, when it is ours, intact, unexpired and for today's operator token. */
    public Optional<Session> verify(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        byte[] k = secret();
        byte[] expected = B64.encodeToString(mac(k, parts[0] + "." + parts[1])).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(B64D.decode(parts[1]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
        if (payload == null || !payload.path("exp").canConvertToLong() || !payload.path("sid").isTextual()
                || !payload.path("tok").isTextual()) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(payload.path("exp").asLong());
        if (!clock.instant().isBefore(expiresAt)) {
            return Optional.empty();
        }
        byte[] presentedFingerprint = payload.path("tok").asText().getBytes(StandardCharsets.UTF_8);
        if (payload.has("who")) {
            String who = payload.path("who").asText();
            Optional<byte[]> hash = payload.path("who").isTextual() ? approverTokens.get().hashOf(who)
                    : Optional.empty();
            if (hash.isEmpty() || !MessageDigest.isEqual(approverFingerprint(k, who, hash.get())
                    .getBytes(StandardCharsets.US_ASCII), presentedFingerprint)) {
                return Optional.empty(); // their token was changed or removed since
            }
            return Optional.of(new Session(value, csrf(k, payload.path("sid").asText()), expiresAt, Optional.of(who)));
        }
        String current = operatorToken.get();
        if (current == null || current.isEmpty() || !MessageDigest.isEqual(
                tokenFingerprint(k, current).getBytes(StandardCharsets.US_ASCII), presentedFingerprint)) {
            return Optional.empty(); // the operator token was rotated since
        }
        return Optional.of(new Session(value, csrf(k, payload.path("sid").asText()), expiresAt));
    }

    /** Whether a form's CSRF token is the session's (constant time). */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && !presented.isEmpty() && MessageDigest.isEqual(
                session.csrf().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] secret() {
        byte[] k = key.get();
        if (k == null || k.length < 32) {
            throw new IllegalStateException("the console session key must hold at least 32 bytes");
        }
        return k;
    }

    private static String csrf(byte[] key, String sid) {
        return B64.encodeToString(mac(key, "csrf/" + sid));
    }

    private static String tokenFingerprint(byte[] key, String operatorToken) {
        return HexFormat.of().formatHex(mac(key, "operator-token/" + operatorToken), 0, 16);
    }

    private static String approverFingerprint(byte[] key, String approverId, byte[] tokenHash) {
        return HexFormat.of().formatHex(mac(key, "approver-token/" + approverId + "/"
                + HexFormat.of().formatHex(tokenHash)), 0, 16);
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
