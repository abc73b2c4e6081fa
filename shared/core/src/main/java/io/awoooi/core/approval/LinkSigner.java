package io.awoooi.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens of approval links: {@code v1.<payload>.<mac>}, where the payload is
 * base64url JSON {@code {kid, req, apr, act, exp, n}} and the mac is HMAC-SHA256 over
 * {@code v1.<payload>} with the key named by {@code kid} (current or previous, see
 * {@link SigningKeys}). Macs are compared in constant time; a token whose every field is intact
 * but whose expiry has passed is {@link LinkVerdict.Expired}, anything else wrong is
 * {@link LinkVerdict.Tampered}. The token says nothing secret (ids, a hash, a time), but only we
 * can make one.
 */
public final class LinkSigner {
    private static final String VERSION = "v1";
    private static final int MAX_TOKEN = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SigningKeys keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LinkSigner(SigningKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private LinkSigner(Clock clock) {
        this.keys = null;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The signer of a function that holds no link key (the executor: the component that acts must
     * not be able to forge the approvals that let it act). Signing throws; every token is
     * {@link LinkVerdict.Tampered}.
     */
    public static LinkSigner withoutKey(Clock clock) {
        return new LinkSigner(clock);
    }

    /** Whether this signer has a key (see {@link #withoutKey}). */
    public boolean hasKey() {
        return keys != null;
    }

    /**
     * A new link token for this approver on this request, valid until {@code expiresAt}.
     *
     * @throws IllegalStateException when this signer has no key ({@link #withoutKey})
     */
    public String sign(String requestId, String approverId, String actionHash, Instant expiresAt) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return sign(new LinkClaims(requestId, approverId, actionHash, expiresAt, HexFormat.of().formatHex(nonce)));
    }

    String sign(LinkClaims claims) {
        if (keys == null) {
            throw new IllegalStateException("this function holds no link-signing key: it issues no approval links");
        }
        ObjectNode payload = JSON.createObjectNode()
                .put("kid", keys.current().id())
                .put("req", claims.requestId())
                .put("apr", claims.approverId())
                .put("act", claims.actionHash())
                .put("exp", claims.expiresAt().getEpochSecond())
                .put("n", claims.nonce());
        String signed = VERSION + "." + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return signed + "." + B64.encodeToString(mac(keys.current(), signed));
    }

    /** Checks a token from a link: signature first, then expiry. Never throws on bad input. */
    public LinkVerdict verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return new LinkVerdict.Tampered("no token or not a token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return new LinkVerdict.Tampered("not a token of this version");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(B64D.decode(parts[1]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return new LinkVerdict.Tampered("token is not well-formed");
        }
        if (payload == null || !payload.isObject()) {
            return new LinkVerdict.Tampered("token is not well-formed");
        }
        if (keys == null) {
            return new LinkVerdict.Tampered("this function holds no link-signing key to check it with");
        }
        var key = keys.byId(payload.path("kid").asText(""));
        if (key.isEmpty()) {
            return new LinkVerdict.Tampered("token was not signed with a key we accept");
        }
        // compared as the exact text we would have written: base64 decoding is lenient (ignored low
        // bits in the last character, optional padding), so comparing decoded bytes would accept
        // several spellings of one mac
        byte[] expectedMac = B64.encodeToString(mac(key.get(), parts[0] + "." + parts[1]))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expectedMac, parts[2].getBytes(StandardCharsets.UTF_8))) {
            return new LinkVerdict.Tampered("token signature does not match");
        }
        LinkClaims claims;
        try {
            if (!payload.path("exp").canConvertToLong()) {
                return new LinkVerdict.Tampered("token has no expiry");
            }
            claims = new LinkClaims(text(payload, "req"), text(payload, "apr"), text(payload, "act"),
                    Instant.ofEpochSecond(payload.path("exp").asLong()), text(payload, "n"));
        } catch (NullPointerException e) {
            return new LinkVerdict.Tampered("token misses a field");
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            return new LinkVerdict.Expired(claims);
        }
        return new LinkVerdict.Valid(claims);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static byte[] mac(SigningKeys.Key key, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
