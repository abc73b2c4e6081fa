package io.awoooi.core.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint Alertmanager itself gives a label set (Prometheus common/model
 * {@code LabelSet.Fingerprint}): 64-bit FNV-1a over the label names in sorted order, each name and
 * value followed by the 0xff separator byte, printed as 16 hex digits. Old Alertmanagers do not send
 * a fingerprint; computing the same one keeps their alerts' identity stable across notifications.
 */
public final class LabelFingerprint {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private LabelFingerprint() {
    }

    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (var label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey());
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, label.getValue());
            hash = addByte(hash, SEPARATOR);
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME;
    }
}
