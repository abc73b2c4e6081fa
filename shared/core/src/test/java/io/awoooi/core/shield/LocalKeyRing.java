package io.awoooi.core.shield;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** A key ring for tests: data keys wrapped with AES-GCM under a fixed master key, as KMS would. */
public final class LocalKeyRing implements KeyRing {
    private final byte[] master;
    private final byte[] hash;
    private final SecureRandom random = new SecureRandom();
    public int dataKeysIssued;

    public LocalKeyRing() {
        master = new byte[32];
        hash = new byte[32];
        random.nextBytes(master);
        random.nextBytes(hash);
    }

    @Override
    public synchronized DataKey dataKey() {
        dataKeysIssued++;
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] wrapped = crypt(Cipher.ENCRYPT_MODE, nonce, key);
        byte[] blob = Arrays.copyOf(nonce, 12 + wrapped.length);
        System.arraycopy(wrapped, 0, blob, 12, wrapped.length);
        return new DataKey(key, blob);
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) {
        return crypt(Cipher.DECRYPT_MODE, Arrays.copyOf(wrappedKey, 12),
                Arrays.copyOfRange(wrappedKey, 12, wrappedKey.length));
    }

    @Override
    public byte[] hashKey() {
        return hash.clone();
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(master, "AES"), new GCMParameterSpec(128, nonce));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
