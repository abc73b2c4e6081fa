package io.awoooi.core.approval;

import io.awoooi.core.Hashing;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys links are signed with: the current one signs, the current and the previous one verify
 * (so a rotation does not break links already sent). A key's id is derived from the key itself
 * (first 8 hex digits of its SHA-256), so the two versions of a rotated secret tell themselves apart
 * without anyone naming them.
 */
public record SigningKeys(Key current, Optional<Key> previous) {
    public SigningKeys {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
    }

    public static SigningKeys of(String currentSecret, Optional<String> previousSecret) {
        return new SigningKeys(Key.of(currentSecret),
                previousSecret.filter(p -> !p.equals(currentSecret)).map(Key::of));
    }

    public Optional<Key> byId(String kid) {
        if (current.id().equals(kid)) {
            return Optional.of(current);
        }
        return previous.filter(p -> p.id().equals(kid));
    }

    public record Key(String id, byte[] secret) {
        public Key {
            Objects.requireNonNull(id, "id");
            secret = secret.clone();
            if (secret.length < 16) {
                throw new IllegalArgumentException("a signing key needs at least 16 bytes");
            }
        }

        public static Key of(String secret) {
            byte[] bytes = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new Key(Hashing.sha256Hex(secret).substring(0, 8), bytes);
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id.equals(id) && Arrays.equals(k.secret, secret);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }
}
