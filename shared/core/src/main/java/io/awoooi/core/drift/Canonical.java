package io.awoooi.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonical text of field values (sorted keys, normalised quantities) and the JSON parsing the scan needs. */
final class Canonical {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final Pattern QUANTITY = Pattern
            .compile("([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

    private Canonical() {
    }

    /** The value as canonical JSON; {@code null} stays {@code null}. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-like", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String json) {
        try {
            Object o = JSON.readValue(json, Object.class);
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (JsonProcessingException e) {
            // not JSON: no desired state from it
        }
        return null;
    }

    /** Resource quantities (cpu {@code 0.5} and {@code 500m}, memory {@code 1Gi}) as plain decimals, recursively. */
    static Object normaliseQuantities(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), normaliseQuantities(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normaliseQuantities(v)));
            return out;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof String s) {
            BigDecimal q = quantity(s);
            return q == null ? s : q.stripTrailingZeros().toPlainString();
        }
        return value;
    }

    static BigDecimal quantity(String s) {
        Matcher m = QUANTITY.matcher(s.strip());
        if (!m.matches()) {
            return null;
        }
        BigDecimal base;
        try {
            base = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        String suffix = m.group(2);
        if (suffix == null) {
            return base;
        }
        return switch (suffix) {
            case "n" -> base.scaleByPowerOfTen(-9);
            case "u" -> base.scaleByPowerOfTen(-6);
            case "m" -> base.scaleByPowerOfTen(-3);
            case "k" -> base.scaleByPowerOfTen(3);
            case "M" -> base.scaleByPowerOfTen(6);
            case "G" -> base.scaleByPowerOfTen(9);
            case "T" -> base.scaleByPowerOfTen(12);
            case "P" -> base.scaleByPowerOfTen(15);
            case "E" -> base.scaleByPowerOfTen(18);
            default -> base.multiply(BigDecimal.valueOf(2).pow(10 * ("KMGTPE".indexOf(suffix.charAt(0)) + 1)));
        };
    }

    /**
     * Whether {@code live} has everything {@code desired} says: maps by their keys (what the live
     * object has in addition, the API server's defaults, is not compared), lists element by element,
     * scalars by their text ({@code 80} and {@code "80"} are the same port).
     */
    static boolean covers(Object desired, Object live) {
        if (desired == null) {
            return live == null;
        }
        if (desired instanceof Map<?, ?> d) {
            if (!(live instanceof Map<?, ?> l)) {
                return d.isEmpty() && live == null;
            }
            for (Map.Entry<?, ?> e : d.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                if (!covers(e.getValue(), l.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (desired instanceof List<?> d) {
            if (!(live instanceof List<?> l)) {
                return d.isEmpty() && live == null;
            }
            if (d.size() != l.size()) {
                return false;
            }
            for (int i = 0; i < d.size(); i++) {
                if (!covers(d.get(i), l.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (live == null) {
            return false;
        }
        if (desired instanceof Number a && live instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return String.valueOf(desired).equals(String.valueOf(live));
    }
}
