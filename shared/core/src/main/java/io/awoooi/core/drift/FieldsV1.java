package io.awoooi.core.drift;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a managedFields entry's {@code fieldsV1} ({@code {"f:spec":{"f:replicas":{}}}}) into raw
 * dotted paths: {@code f:x} is {@code .x}, a list element {@code k:{"name":"app"}} is
 * {@code [app]} (its {@code name} key, else the key JSON), a set value {@code v:"x"} is {@code [x]}.
 * Every node reached is a path, so {@code spec.template.spec.containers[app]} is owned when the
 * manager owns any part of that container.
 */
public final class FieldsV1 {
    /** Deeper than any workload field; a hostile document cannot recurse without bound. */
    static final int MAX_DEPTH = 32;

    private FieldsV1() {
    }

    public static Set<String> paths(Map<String, Object> fieldsV1) {
        Set<String> out = new TreeSet<>();
        walk(fieldsV1, "", out, 0);
        return out;
    }

    private static void walk(Object node, String prefix, Set<String> out, int depth) {
        if (!(node instanceof Map<?, ?> map) || depth > MAX_DEPTH) {
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String path;
            if (key.startsWith("f:")) {
                path = prefix.isEmpty() ? key.substring(2) : prefix + "." + key.substring(2);
            } else if (key.startsWith("k:")) {
                path = prefix + "[" + elementKey(key.substring(2)) + "]";
            } else if (key.startsWith("v:")) {
                path = prefix + "[" + key.substring(2).replace("\"", "") + "]";
            } else {
                continue; // "." marks the node itself
            }
            out.add(path);
            walk(e.getValue(), path, out, depth + 1);
        }
    }

    private static String elementKey(String json) {
        Map<String, Object> key = Canonical.parseObject(json);
        if (key != null && key.get("name") != null) {
            return String.valueOf(key.get("name"));
        }
        return json;
    }
}
