package io.awoooi.core.shield;

/**
 * Port: the keys of the vault. In AWS a KMS key wraps data keys and the HMAC key is a secret;
 * locally the runtime serves the same APIs.
 */
public interface KeyRing {
    /** A data key for new rows: the plaintext AES-256 key and the same key wrapped by the key service. */
    DataKey dataKey();

    /** The plaintext of a wrapped data key. */
    byte[] unwrap(byte[] wrappedKey);

    /** The key of the value hash (HMAC-SHA256); the same for every function instance. */
    byte[] hashKey();

    record DataKey(byte[] plaintext, byte[] wrapped) {
        @Override
        public String toString() {
            return "DataKey[wrapped " + wrapped.length + " bytes]";
        }
    }
}
