package io.awoooi.executor;

import io.awoooi.core.shield.KeyRing;
import io.awoooi.core.shield.LocalKeyRing;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * Stands in for KMS inside this module's tests only (no KMS API server is reachable from here; the
 * local runtime's KMS endpoint covers the real adapter in infra/local's end-to-end test).
 */
@Alternative
@Priority(1)
@Singleton
public class TestKeyRing implements KeyRing {
    private final LocalKeyRing keys = new LocalKeyRing();

    @Override
    public DataKey dataKey() {
        return keys.dataKey();
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) {
        return keys.unwrap(wrappedKey);
    }

    @Override
    public byte[] hashKey() {
        return keys.hashKey();
    }
}
