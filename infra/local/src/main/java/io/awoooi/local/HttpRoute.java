package io.awoooi.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One route of the HTTP API: {@code METHOD /path} to a function. The path may hold {@code {name}}
 * segments (one segment each) and end with a greedy {@code {name+}} (one or more segments);
 * the method may be ANY. {@code $default} catches what no other route does.
 */
record HttpRoute(String method, String path, String functionId) {

    static final String ANY = "ANY";
    static final String DEFAULT = "$default";

    HttpRoute {
        method = method.toUpperCase(Locale.ROOT);
        if (!path.equals(DEFAULT)) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("route path must start with /: " + path);
            }
            List<String> segments = segments(path);
            for (int i = 0; i < segments.size(); i++) {
                String s = segments.get(i);
                if (s.endsWith("+}") && i != segments.size() - 1) {
                    throw new IllegalArgumentException("a greedy path variable must be last: " + path);
                }
            }
        }
    }

    /** The routes of the functions' HttpApi events; one without Path and Method is $default. */
    static List<HttpRoute> of(List<FunctionSpec> functions) {
        List<HttpRoute> routes = new ArrayList<>();
        for (FunctionSpec f : functions) {
            for (FunctionSpec.EventSpec e : f.eventsOfType("HttpApi")) {
                Object path = e.properties().get("Path");
                Object method = e.properties().get("Method");
                if (path == null && method == null) {
                    routes.add(new HttpRoute(ANY, DEFAULT, f.logicalId()));
                } else if (path == null) {
                    throw new IllegalArgumentException(
                            f.logicalId() + " event " + e.name() + ": a Method without a Path");
                } else {
                    routes.add(new HttpRoute(method == null ? ANY : String.valueOf(method), String.valueOf(path),
                            f.logicalId()));
                }
            }
        }
        return routes;
    }

    /** {@code POST /v1/alerts}, or {@code $default}. */
    String routeKey() {
        return path.equals(DEFAULT) ? DEFAULT : method + " " + path;
    }

    /** The path parameters when {@code rawPath} (as sent, percent-encoded) fits this route's path. */
    Optional<Map<String, String>> match(String rawPath) {
        if (path.equals(DEFAULT)) {
            return Optional.of(Map.of());
        }
        List<String> pattern = segments(path);
        List<String> actual = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (isGreedy(p)) {
                if (i >= actual.size()) {
                    return Optional.empty();
                }
                List<String> rest = actual.subList(i, actual.size());
                if (rest.stream().allMatch(String::isEmpty)) {
                    return Optional.empty();
                }
                parameters.put(p.substring(1, p.length() - 2), decode(String.join("/", rest)));
                return Optional.of(parameters);
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            String a = actual.get(i);
            if (isVariable(p)) {
                if (a.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(p.substring(1, p.length() - 1), decode(a));
            } else if (!p.equals(decode(a))) {
                return Optional.empty();
            }
        }
        return actual.size() == pattern.size() ? Optional.of(parameters) : Optional.empty();
    }

    /** Per segment 0 literal, 1 variable, 2 greedy; $default ranks after everything. */
    List<Integer> rank() {
        List<Integer> rank = new ArrayList<>();
        if (path.equals(DEFAULT)) {
            rank.add(3);
            return rank;
        }
        for (String s : segments(path)) {
            rank.add(isGreedy(s) ? 2 : isVariable(s) ? 1 : 0);
        }
        return rank;
    }

    private static boolean isGreedy(String segment) {
        return segment.startsWith("{") && segment.endsWith("+}");
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The segments after the leading slash; "/" has one empty segment, "/a/" has "a" and "". */
    static List<String> segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return List.of(p.split("/", -1));
    }

    static String decode(String segment) {
        // a path keeps '+' as it is (URLDecoder would make it a space)
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
