package io.awoooi.core.auth;

import io.awoooi.core.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/** Checks an {@code Authorization: Bearer ...} header against the expected token. */
public final class BearerToken {
    private BearerToken() {
    }

    /** The token of a Bearer authorization header, if it is one. */
    public static Optional<String> fromHeader(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /**
     * Constant time in the content of both tokens: both are hashed first, so neither a differing
     * prefix nor a differing length shows in the timing.
     */
    public static boolean matches(String authorizationHeader, String expectedToken) {
        if (expectedToken == null || expectedToken.isEmpty()) {
            return false;
        }
        String presented = fromHeader(authorizationHeader).orElse("");
        return MessageDigest.isEqual(
                Hashing.sha256(presented.getBytes(StandardCharsets.UTF_8)),
                Hashing.sha256(expectedToken.getBytes(StandardCharsets.UTF_8)))
                && !presented.isEmpty();
    }
}
