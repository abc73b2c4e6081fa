package io.awoooi.core.shield;

import java.time.Instant;
import java.util.Objects;

/**
 * One vault row: a label of an incident and its value, sealed. {@code ciphertext} is AES-GCM under
 * a data key; {@code wrappedKey} is that data key encrypted by the key service (KMS in AWS), so the
 * row alone reveals nothing. {@code valueHash} is an HMAC for lookups, never the value.
 */
public record VaultEntry(
        String incidentId,
        Label label,
        String valueHash,
        byte[] nonce,
        byte[] ciphertext,
        byte[] wrappedKey,
        Instant createdAt) {

    public VaultEntry {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(valueHash, "valueHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultEntry e && incidentId.equals(e.incidentId) && label.equals(e.label)
                && valueHash.equals(e.valueHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(incidentId, label, valueHash);
    }

    @Override
    public String toString() {
        return "VaultEntry[" + incidentId + " " + label + "]";
    }
}
