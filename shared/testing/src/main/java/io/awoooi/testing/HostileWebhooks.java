package io.awoooi.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed-seed generator of hostile Alertmanager webhook bodies, and of innocent ones to send
 * alongside: the property test of the intake limits ({@code HostileWebhookPropertyTest} in
 * shared/core) and the stress harness ({@code ./awoooi stress fuzz}, infra/local) draw from the same
 * bodies.
 *
 * <p>Hostile bodies: any JSON, deeply nested at times; webhooks with broken bytes (truncated, brackets
 * inserted, invalid UTF-8); JSON-ish text; and webhook-shaped bodies with hostile content: wrong types,
 * numbers of 1,200 digits and {@code 1e999999}, strings of up to 200,000 characters, C0 controls and
 * NUL raw and escaped, lone surrogates, non-characters, supplementary characters, CR/LF, shell
 * metacharacters, keys around the 1,024-character limit, duplicate keys, unknown fields, 1,001
 * alerts, fingerprints that are no identifier. Every generated string starts with {@link #MARK},
 * which no error detail may ever repeat.
 *
 * <p>Planted values ({@link PlantedValues}): webhook-shaped bodies carry personal data and secrets in
 * label values, annotation text, label keys, URLs, the receiver and the groupKey, always at a token
 * boundary (a space, {@code =}, {@code :} or the string's edge) next to the hostile text, and each
 * body lists the values it carries ({@link Body#planted()}), so a leak scan knows what to look for.
 *
 * <p>Body {@code i} depends only on the seed and {@code i}: a failure names both and is reproduced
 * with {@code new HostileWebhooks(seed).hostile(i)}.
 */
public final class HostileWebhooks {

    /** At the start of every generated string. */
    public static final String MARK = "PIIMARK";
    private static final String SHELL = "$(rm -rf /)`id`;|&><'\"\\*?~!#{}[]";
    private static final String T_OK = "2026-11-25T03:00:00Z";

    /** What a body is. */
    public enum Shape {
        /** Any JSON value, deeply nested at times. */
        ANY_JSON,
        /** A webhook with broken bytes: cut, brackets inserted, control or invalid UTF-8 bytes. */
        BROKEN,
        /** A webhook with its quotes replaced or removed. */
        JSON_ISH,
        /** A webhook-shaped body with hostile content (mostly well formed). */
        WEBHOOK,
        /** A valid notification: the demo's two alerts on shop/postgres-db and order-api. */
        INNOCENT
    }

    /**
     * One generated body.
     *
     * @param planted the planted values that occur in {@code bytes} as sent (a value a mutation cut
     *                apart is not listed)
     */
    public record Body(int index, Shape shape, byte[] bytes, List<String> planted) {
        public Body {
            planted = List.copyOf(planted);
        }

        /** The body as text (invalid UTF-8 replaced). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** What a failure message may say about it (never its content). */
        public String describe(long seed) {
            return shape + " body " + index + " of seed " + seed + " (" + bytes.length + " bytes)";
        }
    }

    private final long seed;
    private final String run;

    /**
     * @param run when not null, every webhook-shaped body is an alert group of its own
     *            ({@code run-i} in its groupKey), so each accepted body opens an incident of its own;
     *            null: groupKeys are drawn from 50, so bodies also update each other's incidents
     */
    private HostileWebhooks(long seed, String run) {
        this.seed = seed;
        this.run = run;
    }

    /** Bodies whose groupKeys repeat (50 groups): accepted ones update each other's incidents. */
    public static HostileWebhooks sharedGroups(long seed) {
        return new HostileWebhooks(seed, null);
    }

    /** Bodies each of an alert group of its own, named after {@code run} and the index. */
    public static HostileWebhooks uniqueGroups(long seed, String run) {
        if (run == null || !run.matches("[A-Za-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("run must be 1-40 letters, digits or dashes");
        }
        return new HostileWebhooks(seed, run);
    }

    public long seed() {
        return seed;
    }

    /** Hostile body {@code i}: four in ten break the structure, six are webhook-shaped. */
    public Body hostile(int i) {
        Gen g = new Gen(new Random(mix(seed, i)), i);
        int kind = i % 10;
        g.wild = kind < 4 || i % 3 == 0;
        Shape shape;
        String text;
        switch (kind) {
            case 0, 1 -> {
                shape = Shape.ANY_JSON;
                text = g.value(0, 1 + g.r.nextInt(40));
            }
            case 2 -> {
                shape = Shape.BROKEN;
                text = g.mutate(g.webhook());
            }
            case 3 -> {
                shape = Shape.JSON_ISH;
                text = g.webhook().replace("\"", g.r.nextBoolean() ? "'" : "");
            }
            default -> {
                shape = Shape.WEBHOOK;
                text = g.webhook();
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (kind == 2 && bytes.length > 0 && g.r.nextInt(3) == 0) {
            bytes[g.r.nextInt(bytes.length)] = (byte) (0x80 + g.r.nextInt(0x80)); // invalid UTF-8 at times
        }
        return new Body(i, shape, bytes, g.present(bytes));
    }

    /**
     * Innocent body {@code i}: a valid notification of two firing alerts (PostgresDown on
     * shop/postgres-db, HighErrorRate on order-api, as the demo's), an alert group of its own, with
     * planted addresses, emails, a JWT, an AWS key and a password in its labels and annotations.
     */
    public Body innocent(int i) {
        Gen g = new Gen(new Random(mix(~seed, i)), i);
        String group = (run == null ? "innocent" : run) + "-i" + i;
        String ip1 = g.plant(PlantedValues.Kind.IP);
        String ip2 = g.plant(PlantedValues.Kind.IP);
        String email1 = g.plant(PlantedValues.Kind.EMAIL);
        String email2 = g.plant(PlantedValues.Kind.EMAIL);
        String jwt = g.plant(PlantedValues.Kind.JWT);
        String awsKey = g.plant(PlantedValues.Kind.AWS_KEY);
        String password = g.plant(PlantedValues.Kind.SECRET);
        long base = g.r.nextLong() & 0x7fff_ffff_ffff_fffeL;
        String text = """
                {"receiver":"awoooi","status":"firing","version":"4","truncatedAlerts":0,
                 "groupKey":"{}/{severity=~\\"critical|warning\\"}:{namespace=\\"shop\\",stress=\\"%1$s\\"}",
                 "groupLabels":{"namespace":"shop","stress":"%1$s"},"commonLabels":{"namespace":"shop"},"commonAnnotations":{},
                 "externalURL":"http://alertmanager.monitoring.svc:9093",
                 "alerts":[
                  {"status":"firing","fingerprint":"%2$016x",
                   "labels":{"alertname":"PostgresDown","severity":"critical","namespace":"shop","service":"postgres-db",
                             "pod":"postgres-db-0","instance":"%3$s:9187","job":"postgres-exporter","db_password":"%9$s"},
                   "annotations":{"summary":"PostgreSQL on %3$s is down",
                                  "description":"pg_up == 0 for 2 minutes; last connection by %5$s was refused (session %7$s)"},
                   "startsAt":"2026-11-25T08:41:10.123Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus.monitoring.svc:9090/graph?g0.expr=pg_up+%%3D%%3D+0"},
                  {"status":"firing","fingerprint":"%2$016x1",
                   "labels":{"alertname":"HighErrorRate","severity":"warning","namespace":"shop","service":"order-api",
                             "pod":"order-api-7d9f8c6b5-x2kqp","instance":"%4$s:8080","job":"order-api"},
                   "annotations":{"summary":"order-api on %4$s answers 12%% of requests with 5xx",
                                  "description":"errors mention connection refused to %3$s:5432; owner %6$s; key %8$s"},
                   "startsAt":"2026-11-25T08:42:40.512Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus.monitoring.svc:9090/graph?g0.expr=errors"}
                 ]}"""
                .formatted(group, base, ip1, ip2, email1, email2, jwt, awsKey, password);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Body(i, Shape.INNOCENT, bytes, g.present(bytes));
    }

    private static long mix(long seed, int i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The state of generating one body. */
    private final class Gen {
        final Random r;
        final int index;
        final List<String> planted = new ArrayList<>();
        /** Whether this body breaks structure often (wild) or only now and then. */
        boolean wild;

        Gen(Random r, int index) {
            this.r = r;
            this.index = index;
        }

        String plant(PlantedValues.Kind kind) {
            String value = PlantedValues.of(kind, r);
            planted.add(value);
            return value;
        }

        String plantAny() {
            String value = PlantedValues.any(r);
            planted.add(value);
            return value;
        }

        /** The planted values the final bytes still hold. */
        List<String> present(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return planted.stream().filter(text::contains).distinct().toList();
        }

        /** One in n, in a wild body; one in n * 20 otherwise. */
        boolean breaks(int n) {
            return r.nextInt(wild ? n : n * 20) == 0;
        }

        String webhook() {
            StringBuilder sb = new StringBuilder("{");
            field(sb, "version", breaks(20) ? value(0, 2) : json("4"));
            field(sb, "groupKey", breaks(10) ? value(0, 2) : json(groupKey()));
            field(sb, "truncatedAlerts", breaks(8) ? number() : "0");
            field(sb, "status", json(breaks(15) ? hostile() : r.nextBoolean() ? "firing" : "resolved"));
            field(sb, "receiver", json(switch (r.nextInt(4)) {
                case 0 -> hostile();
                case 1 -> "awoooi " + plantAny();
                default -> "awoooi";
            }));
            field(sb, "groupLabels", labels());
            field(sb, "commonLabels", labels());
            field(sb, "commonAnnotations", labels());
            field(sb, "externalURL", json(switch (r.nextInt(4)) {
                case 0 -> hostile();
                case 1 -> "http://" + plant(PlantedValues.Kind.IP) + ":9093";
                default -> "http://alertmanager:9093";
            }));
            if (r.nextInt(4) == 0) {
                field(sb, breaks(4) ? hostile() : mild(), value(0, 1 + r.nextInt(6))); // an unknown field
            }
            int alerts = r.nextInt(30) == 0 ? 1001 : breaks(12) ? 0 : 1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 5);
            sb.append("\"alerts\":[");
            for (int a = 0; a < alerts; a++) {
                sb.append(a == 0 ? "" : ",").append(alerts > 100 ? minimalAlert(a) : alert());
            }
            return sb.append("]}").toString();
        }

        String groupKey() {
            String own = run == null ? "{}:{g=\"" + r.nextInt(50) + "\"}" : "{}:{fuzz=\"" + run + "-" + index + "\"}";
            return switch (r.nextInt(8)) {
                case 0 -> own + " " + hostile();
                case 1 -> own + " owner=" + plantAny();
                default -> own;
            };
        }

        String alert() {
            if (breaks(40)) {
                return value(0, 3);
            }
            StringBuilder sb = new StringBuilder("{");
            field(sb, "status", json(breaks(20) ? hostile() : r.nextBoolean() ? "firing" : "resolved"));
            field(sb, "labels", breaks(30) ? "{}" : labels());
            field(sb, "annotations", labels());
            field(sb, "startsAt", breaks(15) ? value(0, 1) : json(time()));
            field(sb, "endsAt", breaks(15) ? value(0, 1) : json(r.nextBoolean() ? "0001-01-01T00:00:00Z" : time()));
            field(sb, "generatorURL", json(switch (r.nextInt(5)) {
                case 0 -> hostile();
                case 1 -> "http://prometheus:9090/graph?g0.expr=up&user=" + plant(PlantedValues.Kind.EMAIL);
                case 2 -> "http://scraper:" + plant(PlantedValues.Kind.SECRET) + "@prometheus:9090/graph";
                default -> "http://prometheus:9090/graph";
            }));
            field(sb, "fingerprint", switch (r.nextInt(6)) {
                case 0 -> json(breaks(1) ? hostile() : "");
                case 1 -> json("f".repeat(1 + r.nextInt(breaks(2) ? 3000 : 70)));
                case 2, 3 -> json(String.format("%016x", r.nextLong()));
                default -> json("");
            });
            sb.setLength(sb.length() - 1);
            return sb.append('}').toString();
        }

        String minimalAlert(int i) {
            return "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"i\":\"" + i + "\"},\"startsAt\":\"" + T_OK
                    + "\"}";
        }

        String labels() {
            if (breaks(25)) {
                return value(0, 2);
            }
            StringBuilder sb = new StringBuilder("{");
            int n = r.nextInt(r.nextInt(10) == 0 ? 40 : 6);
            if (r.nextBoolean() || !breaks(2)) {
                sb.append("\"alertname\":").append(json(r.nextInt(4) == 0 ? hostile() : "A" + r.nextInt(5)))
                        .append(',');
            }
            for (int i = 0; i < n; i++) {
                String key = (r.nextInt(3) == 0 ? (breaks(2) ? hostile() : mild()) : "k") + i;
                if (breaks(30)) {
                    key = "k".repeat(900 + r.nextInt(300)) + i; // around the key limit
                }
                sb.append(json(key)).append(':').append(breaks(25) ? value(0, 2) : json(text())).append(',');
            }
            switch (r.nextInt(6)) { // planted: a value, a key, a password under its key
                case 0 -> sb.append("\"instance\":").append(json(plant(PlantedValues.Kind.IP) + ":9100")).append(',');
                case 1 -> sb.append(json(plantAny())).append(':').append(json("v" + r.nextInt(9))).append(',');
                case 2 -> sb.append(json(r.nextBoolean() ? "password" : "db_password")).append(':')
                        .append(json(plant(PlantedValues.Kind.SECRET))).append(',');
                default -> {
                    // nothing planted here
                }
            }
            if (sb.length() > 1) {
                sb.setLength(sb.length() - 1);
            }
            return sb.append('}').toString();
        }

        /** A label or annotation value: hostile, and at times a planted value beside it. */
        String text() {
            return switch (r.nextInt(5)) {
                case 0 -> plantAny() + " " + hostile();
                case 1 -> hostile() + " " + plantAny() + (r.nextBoolean() ? "" : " " + hostile());
                case 2 -> "login by " + plant(PlantedValues.Kind.EMAIL) + " from " + plant(PlantedValues.Kind.IP)
                        + " with password=" + plant(PlantedValues.Kind.SECRET) + "\r\n" + hostile();
                default -> hostile();
            };
        }

        void field(StringBuilder sb, String name, String value) {
            if (breaks(40)) {
                return; // left out
            }
            sb.append(json(name)).append(':').append(value).append(',');
            if (breaks(200)) {
                sb.append(json(name)).append(':').append(value).append(','); // the same key twice
            }
        }

        String time() {
            return switch (breaks(1) ? r.nextInt(8) : 2 + r.nextInt(6)) {
                case 0 -> hostile();
                case 1 -> "+10000-01-01T00:00:00Z";
                case 2 -> "2026-11-25T03:00:00." + "9".repeat(1 + r.nextInt(9)) + "+01:00";
                default -> "2026-11-2" + r.nextInt(10) + "T0" + r.nextInt(10) + ":00:00Z";
            };
        }

        /** Text with whatever can hurt: controls, non-characters, lone surrogates, shell, long runs, the mark. */
        String hostile() {
            StringBuilder sb = new StringBuilder(MARK);
            int parts = 1 + r.nextInt(6);
            for (int p = 0; p < parts; p++) {
                switch (r.nextInt(10)) {
                    case 0 -> sb.append((char) r.nextInt(0x20));
                    case 1 -> sb.append(r.nextBoolean() ? '\uFFFF' : '\uFFFE').append('\uFDD0');
                    case 2 -> sb.append((char) (0xD800 + r.nextInt(0x800))); // a lone surrogate, high or low
                    case 3 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000)); // any supplementary, incl. non-characters
                    case 4 -> sb.append("\r\n\t");
                    case 5 -> sb.append(SHELL);
                    case 6 -> sb.append((char) r.nextInt(0x10000));
                    case 7 -> sb.append("é☃\u202E\u0085\u007F");
                    case 8 -> sb.append(String.valueOf((char) ('a' + r.nextInt(26)))
                            .repeat(r.nextInt(3000) == 0 ? 200_000
                                    : r.nextInt(50) == 0 ? r.nextInt(9000) : r.nextInt(50)));
                    default -> sb.append("\\u0000 \\uD800 plain");
                }
            }
            return sb.toString();
        }

        /** Text for a label name: hostile, but nothing a JSON key cannot hold (no lone surrogate). */
        String mild() {
            StringBuilder sb = new StringBuilder(MARK);
            switch (r.nextInt(5)) {
                case 0 -> sb.append((char) r.nextInt(0x20));
                case 1 -> sb.append('\uFFFF').append('\uFDEF');
                case 2 -> sb.appendCodePoint(0x1FFFE + 0x10000 * r.nextInt(16));
                case 3 -> sb.append(SHELL);
                default -> sb.append("\r\n\t é");
            }
            return sb.toString();
        }

        /** A random JSON value; at random a number far too long or nesting far too deep. */
        String value(int depth, int maxDepth) {
            int pick = depth >= maxDepth ? r.nextInt(4) : r.nextInt(6);
            return switch (pick) {
                case 0 -> json(hostile());
                case 1 -> number();
                case 2 -> r.nextBoolean() ? "true" : "null";
                case 3 -> "false";
                case 4 -> {
                    StringBuilder sb = new StringBuilder("[");
                    int n = r.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        sb.append(i == 0 ? "" : ",").append(value(depth + 1, maxDepth));
                    }
                    yield sb.append(']').toString();
                }
                default -> {
                    StringBuilder sb = new StringBuilder("{");
                    int n = r.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        sb.append(i == 0 ? "" : ",").append(json(r.nextBoolean() ? "k" + i : hostile())).append(':')
                                .append(value(depth + 1, maxDepth));
                    }
                    yield sb.append('}').toString();
                }
            };
        }

        String number() {
            return switch (r.nextInt(6)) {
                case 0 -> "1".repeat(1 + r.nextInt(1200));
                case 1 -> "-" + r.nextInt();
                case 2 -> "1e" + r.nextInt(999_999);
                case 3 -> "0." + "5".repeat(r.nextInt(100));
                case 4 -> Long.toString(r.nextLong());
                default -> Integer.toString(r.nextInt(100));
            };
        }

        String mutate(String text) {
            if (text.isEmpty()) {
                return text;
            }
            StringBuilder sb = new StringBuilder(text);
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(4)) {
                    case 0 -> sb.setLength(at);
                    case 1 -> sb.insert(at, "[[[{\"");
                    case 2 -> sb.setCharAt(at, (char) r.nextInt(0x80));
                    default -> sb.insert(at, (char) r.nextInt(0x20));
                }
            }
            return sb.toString();
        }

        /**
         * A JSON string literal. Control characters and, at random, surrogates and non-characters are
         * written as JSON escapes; otherwise they go in raw (a raw control character is invalid JSON, a
         * raw lone surrogate becomes '?' in UTF-8).
         */
        String json(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || Character.isSurrogate(c) || c >= 0xFFFE) {
                    boolean raw = c < 0x20 ? wild && (c * 7 + i) % 41 == 0 : wild && (c + i) % 3 == 0;
                    if (raw) {
                        sb.append(c);
                    } else {
                        sb.append("\\u").append(Integer.toHexString(0x10000 | c), 1, 5);
                    }
                } else {
                    sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
    }
}
