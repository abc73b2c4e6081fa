package io.awoooi.core.incident;

import io.awoooi.core.Hashing;

/**
 * An Alertmanager groupKey is built from label values ({@code {}:{alertname="X", instance="10.0.0.7"}})
 * and so may carry personal data: AWOOOI stores and shows only this hash of it.
 */
public final class GroupKeyHash {
    private GroupKeyHash() {
    }

    public static String of(String groupKey) {
        return Hashing.sha256Hex("awoooi/group-key/v1\n" + groupKey).substring(0, 32);
    }
}
