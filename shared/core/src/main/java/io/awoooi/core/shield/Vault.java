package io.awoooi.core.shield;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Privacy Shield's vault: label &lt;-&gt; value pairs per incident, each value AES-GCM encrypted
 * under a data key that the key service wraps (envelope encryption), with the incident and label
 * bound in as associated data so a row cannot be moved to another label. Lookups go by an HMAC of
 * (incident, value): equal values of one incident meet, equal values of two incidents do not.
 */
public final class Vault {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int UNWRAPPED_CACHE = 256;

    private final VaultStore store;
    private final KeyRing keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private KeyRing.DataKey dataKey;
    private final Map<String, byte[]> unwrapped = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > UNWRAPPED_CACHE;
        }
    };

    public Vault(VaultStore store, KeyRing keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** The incident's labels as the vault holds them now. */
    public LabelBook open(String incidentId) {
        return new LabelBook(incidentId, store.entries(incidentId), value -> valueHash(incidentId, value));
    }

    /**
     * Seals what the book added. A label another writer took for the same value is fine (same hash);
     * for another value it is a conflict and the caller redoes the redaction on a fresh book.
     */
    public void seal(LabelBook book) {
        List<LabelBook.NewEntry> added = book.added();
        if (added.isEmpty()) {
            return;
        }
        KeyRing.DataKey key = currentDataKey();
        for (LabelBook.NewEntry entry : added) {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key.plaintext(), nonce,
                    aad(book.incidentId(), entry.label()), entry.value().getBytes(StandardCharsets.UTF_8));
            VaultEntry row = new VaultEntry(book.incidentId(), entry.label(), entry.valueHash(), nonce, ciphertext,
                    key.wrapped(), clock.instant());
            if (!store.add(row)) {
                boolean sameValue = store.entries(book.incidentId()).stream()
                        .anyMatch(e -> e.label().equals(entry.label()) && e.valueHash().equals(entry.valueHash()));
                if (!sameValue) {
                    throw new VaultConflictException("label " + entry.label() + " of incident " + book.incidentId()
                            + " was taken by another value meanwhile");
                }
            }
        }
    }

    /** The value behind a label of an incident; only the execution boundary calls this. */
    public String reveal(String incidentId, Label label) {
        VaultEntry row = store.entries(incidentId).stream().filter(e -> e.label().equals(label)).findFirst()
                .orElseThrow(() -> new UnknownLabelException(incidentId, label.text()));
        byte[] key = unwrap(row.wrappedKey());
        byte[] plain = crypt(Cipher.DECRYPT_MODE, key, row.nonce(), aad(incidentId, label), row.ciphertext());
        return new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * A keyed hash of a value that is the same in every incident (domain-separated from the
     * per-incident value hashes): a stable pseudonym, e.g. of an action's target for the trust
     * pattern when Kubernetes names are labelled. 16 URL-safe characters (96 bits).
     */
    public String stableHash(String value) {
        return valueHash("awoooi/stable/v1", value).substring(0, 16);
    }

    String valueHash(String incidentId, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.hashKey(), "HmacSHA256"));
            mac.update(incidentId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private synchronized KeyRing.DataKey currentDataKey() {
        if (dataKey == null) {
            dataKey = keys.dataKey();
            unwrapped.put(Base64.getEncoder().encodeToString(dataKey.wrapped()), dataKey.plaintext());
        }
        return dataKey;
    }

    private synchronized byte[] unwrap(byte[] wrapped) {
        return unwrapped.computeIfAbsent(Base64.getEncoder().encodeToString(wrapped), k -> keys.unwrap(wrapped));
    }

    private static byte[] aad(String incidentId, Label label) {
        return ("awoooi/vault/v1\n" + incidentId + "\n" + label.text()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault value could not be " + (mode == Cipher.ENCRYPT_MODE
                    ? "sealed" : "opened (wrong key, or the row was altered)"), e);
        }
    }
}
