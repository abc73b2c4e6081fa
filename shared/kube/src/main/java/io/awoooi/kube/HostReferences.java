package io.awoooi.kube;

import io.awoooi.core.topology.ServiceId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the in-cluster DNS names of Services in configuration text (an environment value, a
 * ConfigMap entry), as whole host tokens only, so that a word that merely contains a Service's
 * name is not an edge. The text is read and forgotten: only the Service ids found are returned.
 *
 * <p>A host token is one of:
 * <ul>
 *   <li>the host of a URL: {@code postgres://app@orders-db:5432/orders},
 *       {@code jdbc:postgresql://orders-db.shop.svc.cluster.local:5432/x} (every host of
 *       {@code mongodb://a:27017,b:27017/db});
 *   <li>a {@code host:port} word: {@code orders-db:5432}, {@code redis.cache:6379};
 *   <li>a dotted Service name: {@code orders-db.shop}, {@code orders-db.shop.svc},
 *       {@code orders-db.shop.svc.cluster.local}, a StatefulSet pod's {@code kafka-0.kafka.shop.svc};
 *   <li>a bare name ({@code orders-db}) only when the key it is the value of names an address
 *       ({@link #ADDRESS_KEY}: {@code DATABASE_HOST}, {@code redis.addr}, {@code host=} in a
 *       connection string): {@code DB_NAME=orders} is no edge to a Service {@code orders}.
 * </ul>
 * Words are split at whitespace, commas, semicolons, quotes and brackets; {@code key=value} and
 * {@code key: value} pairs (a properties or YAML line) read the value with the key as its hint (a
 * hint applies to a value that is one word or a comma-separated list, not to a sentence). A path
 * after {@code host:port} is cut off; a word that starts with {@code /} is a path, not a host. A
 * name resolves in the text's own namespace; {@code svc.ns...} in namespace {@code ns}.
 */
final class HostReferences {
    /** Keys (environment variable names, ConfigMap keys, connection-string keys) whose values are addresses. */
    static final Pattern ADDRESS_KEY = Pattern
            .compile("(?i)(host|server|addr|endpoint|url|uri|dsn|broker|upstream|backend)");

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,;\"'`()\\[\\]{}<>|]+");
    private static final Pattern HOST_PORT = Pattern
            .compile("(?i)([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)(:(\\d{1,5}))?");
    private static final Pattern SINGLE_VALUE = Pattern.compile("[^\\s;=]+");
    private static final Pattern KEY_VALUE_LINE = Pattern
            .compile("^\\s*[\"']?([A-Za-z0-9_.-]+)[\"']?\\s*[:=]\\s*(.*)$");
    /** Longer texts are read up to this many characters (a ConfigMap entry may be a large file). */
    static final int MAX_TEXT = 64 * 1024;

    private HostReferences() {
    }

    /** The host tokens (lowercase) in {@code text}, the value of {@code key} (null when it has none). */
    static Set<String> hosts(String key, String text) {
        Set<String> hosts = new LinkedHashSet<>();
        if (text == null || text.isEmpty()) {
            return hosts;
        }
        boolean hinted = key != null && ADDRESS_KEY.matcher(key).find();
        String bounded = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        for (String line : bounded.split("\\R")) {
            words(line, hinted, hosts);
            Matcher pair = KEY_VALUE_LINE.matcher(line);
            if (pair.matches() && !pair.group(2).isBlank()) {
                words(pair.group(2), ADDRESS_KEY.matcher(pair.group(1)).find(), hosts);
            }
        }
        return hosts;
    }

    private static void words(String text, boolean hinted, Set<String> hosts) {
        // a key hints a bare name only when its value is one name (or a comma-separated list of names)
        boolean oneName = hinted && SINGLE_VALUE.matcher(text.strip()).matches();
        for (String word : WORD_SEPARATORS.split(text)) {
            if (!word.isEmpty()) {
                word(word, oneName, hosts, 0);
            }
        }
    }

    private static void word(String word, boolean hinted, Set<String> hosts, int depth) {
        if (depth > 2) {
            return;
        }
        int scheme = word.indexOf("://");
        if (scheme >= 0) {
            String authority = word.substring(scheme + 3);
            int end = firstOf(authority, "/?#");
            authority = end < 0 ? authority : authority.substring(0, end);
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            for (String host : authority.split(",")) {
                Matcher m = HOST_PORT.matcher(host);
                if (m.matches()) {
                    hosts.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
            return;
        }
        int equals = word.indexOf('=');
        if (equals >= 0) {
            word(word.substring(equals + 1), ADDRESS_KEY.matcher(word.substring(0, equals)).find(), hosts, depth + 1);
            return;
        }
        int slash = word.indexOf('/');
        if (slash >= 0) {
            // a path after host[:port] (orders-db:5432/orders); a word starting with one is a path only
            if (slash > 0) {
                word(word.substring(0, slash), hinted, hosts, depth + 1);
            }
            return;
        }
        int at = word.lastIndexOf('@');
        if (at >= 0) {
            word(word.substring(at + 1), hinted, hosts, depth + 1);
            return;
        }
        Matcher m = HOST_PORT.matcher(word);
        if (m.matches()) {
            String host = m.group(1).toLowerCase(Locale.ROOT);
            if (m.group(6) != null || host.indexOf('.') > 0 || hinted) {
                hosts.add(host);
            }
        }
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The Service a host token names, seen from {@code namespace}: {@code svc} there;
     * {@code svc.ns}; {@code svc.ns.svc[.cluster domain]}; {@code pod.svc.ns.svc[...]} (a
     * StatefulSet pod behind a headless Service). Anything else (an external name) is empty.
     */
    static Optional<ServiceId> service(String host, String namespace) {
        List<String> labels = List.of(host.split("\\."));
        if (labels.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return switch (labels.size()) {
            case 1 -> Optional.of(new ServiceId(namespace, labels.get(0)));
            case 2 -> Optional.of(new ServiceId(labels.get(1), labels.get(0)));
            default -> {
                if ("svc".equals(labels.get(2))) {
                    yield Optional.of(new ServiceId(labels.get(1), labels.get(0)));
                }
                if (labels.size() >= 4 && "svc".equals(labels.get(3))) {
                    yield Optional.of(new ServiceId(labels.get(2), labels.get(1)));
                }
                yield Optional.empty();
            }
        };
    }
}
