package io.awoooi.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unmodifiable copies that keep their order. Labels are numbered in order of first appearance, so
 * label and annotation maps must iterate in the order Alertmanager sent them ({@code Map.copyOf}
 * would not).
 */
public final class OrderedMaps {
    private OrderedMaps() {
    }

    public static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
