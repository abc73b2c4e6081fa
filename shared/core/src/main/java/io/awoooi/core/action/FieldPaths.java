package io.awoooi.core.action;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code fields} parameter of {@code restore_fields}: comma-separated drift paths within the
 * bounded set a rollback may write (replicas, and per container image, resources and env vars).
 * Paths carry names only (a container's, an env var's), never a value.
 */
public final class FieldPaths {
    public static final int MAX_PATHS = 40;
    public static final int MAX_LENGTH = 4000;
    private static final String CONTAINER = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final String ENV_NAME = "[-._a-zA-Z][-._a-zA-Z0-9]{0,127}";
    private static final Pattern PATH = Pattern
            .compile("spec\\.replicas|spec\\.template\\.spec\\.(containers|initContainers)\\["
                    + CONTAINER + "\\]\\.(image|resources|env\\[" + ENV_NAME + "\\])");

    private FieldPaths() {
    }

    public static boolean accepts(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        List<String> paths = split(value);
        return !paths.isEmpty() && paths.size() <= MAX_PATHS && paths.stream().allMatch(p -> PATH.matcher(p).matches())
                && paths.stream().distinct().count() == paths.size();
    }

    /** The paths of a {@code fields} value, in order. */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split(",", -1)) {
            out.add(p.strip());
        }
        return out;
    }

    /** The {@code fields} value of these paths (sorted, so one set has one spelling). */
    public static String join(java.util.Collection<String> paths) {
        return String.join(",", new java.util.TreeSet<>(paths));
    }
}
