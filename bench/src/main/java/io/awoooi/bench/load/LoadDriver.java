package io.awoooi.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A load driver for a running local stack ({@code ./awoooi up}, or {@code ./awoooi stress load},
 * which starts one): sends {@code --rate} Alertmanager notifications a second for {@code --seconds}
 * to {@code POST /v1/alerts}, each of its own alert group (so each opens an incident), then follows
 * every accepted incident on the incident API ({@code GET /v1/incidents/{id}}, operator token)
 * until it has an approval request, or an analysis without one, and reports the latency from the
 * POST to that moment (p50, p99, max), how many were accepted but never got that far, and the 5xx.
 *
 * <p>The notification is the demo's: PostgreSQL down on {@code shop/postgres-db} and its symptom on
 * order-api, which the demo cluster makes actionable (restart of {@code postgres-db-0}, HIGH: an
 * approval request for two signers). The latency is taken from the incident's timeline (the
 * {@code at} of {@code approval_requested}, else of {@code analyzed}), stamped on the same machine,
 * so how often the driver polls changes nothing in the figures. It polls only after the sending, a
 * sample of the open incidents every few seconds and all of them once most of a sample is done, two
 * requests at a time: every read costs the stack's CPU.
 *
 * <p>Bounded: at most {@value #MAX_ALERTS} notifications, {@value #MAX_RATE}/s, {@value #MAX_SECONDS} s
 * of sending, {@code --max-in-flight} requests open at once (a send due while that many are open is
 * skipped and counted), a drain deadline after the sending; and it only talks to 127.0.0.1.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.awoooi.bench.load.LoadDriver --url http://127.0.0.1:8000 \
 *     --intake-token T --operator-token T [--rate 200] [--seconds 60] [--max-in-flight 512] [--drain-seconds 300]
 * </pre>
 * The URL and tokens may come from AWOOOI_URL, AWOOOI_INTAKE_TOKEN and AWOOOI_OPERATOR_TOKEN instead.
 */
public final class LoadDriver {
    static final int MAX_RATE = 1_000;
    static final int MAX_SECONDS = 600;
    static final int MAX_ALERTS = 100_000;
    /** An analysed incident without an approval request is re-read after this long before it counts as analysed only. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** Incidents read at once while draining. */
    static final int POLLERS = 2;
    /** Open incidents read per look while draining. */
    static final int SAMPLE = 20;
    /** Between two looks. */
    static final Duration PAUSE = Duration.ofSeconds(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the driver is told. */
    record Settings(URI url, String intakeToken, String operatorToken, int rate, int seconds, int maxInFlight,
            int drainSeconds) {

        static Settings parse(String[] args, Map<String, String> env) {
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option VALUE, got '" + args[i] + "'");
                }
                options.put(args[i].substring(2), args[++i]);
            }
            String url = options.getOrDefault("url", env.get("AWOOOI_URL"));
            String intake = options.getOrDefault("intake-token", env.get("AWOOOI_INTAKE_TOKEN"));
            String operator = options.getOrDefault("operator-token", env.get("AWOOOI_OPERATOR_TOKEN"));
            if (url == null || intake == null || operator == null) {
                throw new IllegalArgumentException("the API URL and both tokens are needed (--url, --intake-token, "
                        + "--operator-token or AWOOOI_URL, AWOOOI_INTAKE_TOKEN, AWOOOI_OPERATOR_TOKEN: the 'awoooi ready' line of ./awoooi up)");
            }
            int rate = number(options, "rate", 200, 1, MAX_RATE);
            int seconds = number(options, "seconds", 60, 1, MAX_SECONDS);
            if ((long) rate * seconds > MAX_ALERTS) {
                throw new IllegalArgumentException("--rate x --seconds is at most " + MAX_ALERTS + " notifications");
            }
            Settings settings = new Settings(loopbackOnly(url), intake, operator, rate, seconds,
                    number(options, "max-in-flight", 512, 1, 4_096),
                    number(options, "drain-seconds", Math.max(120, 5 * seconds), 1, 3_600));
            options.keySet()
                    .removeAll(List.of("url", "intake-token", "operator-token", "rate", "seconds", "max-in-flight",
                            "drain-seconds"));
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + options.keySet());
            }
            return settings;
        }

        int total() {
            return rate * seconds;
        }

        private static int number(Map<String, String> options, String name, int fallback, int min, int max) {
            String value = options.get(name);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.trim());
                if (n < min || n > max) {
                    throw new IllegalArgumentException(
                            "--" + name + " must be within " + min + ".." + max + ", not " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " is not a whole number: " + value);
            }
        }

        /** http://127.0.0.1:PORT only: the driver never loads anything but this machine's loopback. */
        static URI loopbackOnly(String url) {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost()) || uri.getPort() < 1) {
                throw new IllegalArgumentException("the load driver only targets http://127.0.0.1:PORT, not " + url);
            }
            return uri;
        }
    }

    /** One accepted notification and what became of its incident. */
    static final class Tracked {
        final String incidentId;
        final Instant sentAt;
        volatile Instant analysedAt;
        volatile Instant approvalAt;
        volatile long analysedSeenNanos;
        volatile boolean done;

        Tracked(String incidentId, Instant sentAt) {
            this.incidentId = incidentId;
            this.sentAt = sentAt;
        }

        /** POST to approval request, else to analysis; null while neither. */
        Duration latency() {
            Instant end = approvalAt != null ? approvalAt : analysedAt;
            return end == null ? null : Duration.between(sentAt, end);
        }
    }

    /** The figures of a run. */
    record Report(Settings settings, int sent, int skipped, Map<Integer, Integer> statuses, Map<String, Integer> errors,
            List<Duration> intakeLatencies, int accepted, int approvals, int analysedOnly, int lost,
            List<Duration> latencies, Duration sendingTook, Duration drainingTook, boolean drainDeadlineHit,
            double analysedPerSecond) {

        int fiveHundreds() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "load: %d notifications/s for %d s to %s (max %d in flight)%n", settings.rate(),
                    settings.seconds(), settings.url(), settings.maxInFlight());
            out.printf(Locale.ROOT, "load: sent %d in %.1f s, skipped %d (max in flight reached)%n", sent,
                    sendingTook.toMillis() / 1000.0, skipped);
            out.printf(Locale.ROOT, "load: responses %s, connection errors %s%n", statuses, errors);
            out.printf(Locale.ROOT, "load: POST /v1/alerts latency %s%n", stats(intakeLatencies));
            out.printf(Locale.ROOT, "load: accepted %d, approval requested %d, analysed without approval %d, "
                    + "lost (accepted, not analysed within %d s after sending) %d%n", accepted, approvals, analysedOnly,
                    settings.drainSeconds(), lost);
            out.printf(Locale.ROOT, "load: POST to approval request (or analysis) %s%n", stats(latencies));
            out.printf(Locale.ROOT, "load: analysed %.1f incidents/s (from the first POST to the last analysis)%n",
                    analysedPerSecond);
            out.printf(Locale.ROOT, "load: 5xx %d; drained in %.1f s%s%n", fiveHundreds(),
                    drainingTook.toMillis() / 1000.0,
                    drainDeadlineHit ? " (deadline reached)" : "");
        }

        static String stats(List<Duration> values) {
            if (values.isEmpty()) {
                return "n=0";
            }
            List<Duration> sorted = values.stream().sorted().toList();
            return String.format(Locale.ROOT, "n=%d p50=%s p99=%s max=%s", sorted.size(), ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 99)), ms(sorted.get(sorted.size() - 1)));
        }

        private static String ms(Duration d) {
            return d.toMillis() + " ms";
        }
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static Duration percentile(List<Duration> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private final Settings settings;
    private final PrintStream out;
    private final HttpClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    LoadDriver(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.exit(2);
            return;
        }
        Report report = new LoadDriver(settings, System.out).run();
        report.print(System.out);
        System.exit(0);
    }

    Report run() {
        // ---------------------------------------------------------------- sending, open loop
        int total = settings.total();
        Semaphore inFlight = new Semaphore(settings.maxInFlight());
        AtomicInteger skipped = new AtomicInteger();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> errors = new TreeMap<>();
        List<Duration> intakeLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Tracked> accepted = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        out.printf(Locale.ROOT, "load: sending %d notifications (%d/s for %d s), run %s%n", total, settings.rate(),
                settings.seconds(), run);
        long start = System.nanoTime();
        int sent = 0;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * (1e9 / settings.rate()));
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                skipped.incrementAndGet();
                continue;
            }
            int n = i;
            Instant sentAt = Instant.now();
            long sentNanos = System.nanoTime();
            sent++;
            pending.add(http.sendAsync(post(n), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                inFlight.release();
                synchronized (statuses) {
                    if (failure != null) {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException
                                && failure.getCause() != null
                                        ? failure.getCause() : failure;
                        errors.merge(
                                cause instanceof HttpTimeoutException ? "client timeout"
                                        : cause.getClass().getSimpleName(),
                                1, Integer::sum);
                        return null;
                    }
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                }
                intakeLatencies.add(Duration.ofNanos(System.nanoTime() - sentNanos));
                if (response.statusCode() == 202) {
                    String id = incidentId(response.body());
                    if (id != null) {
                        accepted.put(n, new Tracked(id, sentAt));
                    }
                }
                return null;
            }));
            if (i % settings.rate() == settings.rate() - 1) {
                out.printf(Locale.ROOT, "load: %d s: sent %d, skipped %d, in flight %d%n", (i + 1) / settings.rate(),
                        sent,
                        skipped.get(), settings.maxInFlight() - inFlight.availablePermits());
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join(); // each ends by its 60 s request timeout
        Duration sendingTook = Duration.ofNanos(System.nanoTime() - start);
        out.printf(Locale.ROOT, "load: all answered after %.1f s: %s; following %d incidents (at most %d s)%n",
                sendingTook.toMillis() / 1000.0, statuses, accepted.size(), settings.drainSeconds());

        // ---------------------------------------------------------------- draining
        List<Tracked> incidents = new TreeMap<>(accepted).values().stream().toList(); // in sending order
        long drainStart = System.nanoTime();
        long deadline = drainStart + TimeUnit.SECONDS.toNanos(settings.drainSeconds());
        long nextProgress = drainStart + TimeUnit.SECONDS.toNanos(10);
        boolean deadlineHit = false;
        java.util.Random random = new java.util.Random(run.hashCode());
        ExecutorService pollers = Executors.newFixedThreadPool(POLLERS);
        try {
            while (incidents.stream().anyMatch(t -> !t.done)) {
                if (System.nanoTime() > deadline) {
                    deadlineHit = true;
                    read(pollers, open(incidents)); // one last look at every one still open
                    break;
                }
                // a sample of the open incidents (the pipeline does not keep the sending order); all of
                // them only once the sample says that most are done: reads cost the stack's CPU
                List<Tracked> open = new ArrayList<>(open(incidents));
                java.util.Collections.shuffle(open, random);
                List<Tracked> sample = open.subList(0, Math.min(SAMPLE, open.size()));
                read(pollers, sample);
                if (sample.stream().filter(t -> t.done).count() * 2 >= sample.size()) {
                    read(pollers, open(incidents));
                }
                if (System.nanoTime() > nextProgress) {
                    nextProgress += TimeUnit.SECONDS.toNanos(10);
                    out.printf(Locale.ROOT, "load: +%d s: %d of %d incidents seen analysed%n",
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - drainStart),
                            incidents.stream().filter(t -> t.done).count(), incidents.size());
                }
                LockSupport.parkNanos(PAUSE.toNanos());
            }
        } finally {
            pollers.shutdownNow();
        }
        Duration drainingTook = Duration.ofNanos(System.nanoTime() - drainStart);

        int approvals = 0;
        int analysedOnly = 0;
        List<Duration> latencies = new ArrayList<>();
        for (Tracked t : incidents) {
            if (t.approvalAt != null) {
                approvals++;
            } else if (t.analysedAt != null) {
                analysedOnly++;
            }
            if (t.latency() != null) {
                latencies.add(t.latency());
            }
        }
        Instant first = incidents.stream().map(t -> t.sentAt).min(Instant::compareTo).orElse(null);
        Instant last = incidents.stream().map(t -> t.approvalAt != null ? t.approvalAt : t.analysedAt)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        double perSecond = first == null || last == null || !last.isAfter(first) ? 0
                : (approvals + analysedOnly) / (Duration.between(first, last).toMillis() / 1000.0);
        return new Report(settings, sent, skipped.get(), statuses, errors, List.copyOf(intakeLatencies),
                incidents.size(),
                approvals, analysedOnly, incidents.size() - approvals - analysedOnly, latencies, sendingTook,
                drainingTook,
                deadlineHit, perSecond);
    }

    private static List<Tracked> open(List<Tracked> incidents) {
        return incidents.stream().filter(t -> !t.done).toList();
    }

    /** Reads the incidents, {@value #POLLERS} at a time. */
    private void read(ExecutorService pollers, List<Tracked> incidents) {
        List<CompletableFuture<Void>> reads = incidents.stream()
                .map(t -> CompletableFuture.runAsync(() -> look(t), pollers)).toList();
        reads.forEach(CompletableFuture::join);
    }

    /** Reads one incident; marks it done on an approval request, or an analysis that stayed without one. */
    private void look(Tracked t) {
        JsonNode incident;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(settings.url().resolve("/v1/incidents/"
                    + t.incidentId)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + settings.operatorToken())
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return; // read again in the next pass
            }
            incident = JSON.readTree(response.body());
        } catch (IOException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (JsonNode op : incident.path("timeline")) {
            String type = op.path("type").asText();
            if (type.equals("analyzed") && t.analysedAt == null) {
                t.analysedAt = Instant.parse(op.path("at").asText());
            } else if (type.equals("approval_requested") && t.approvalAt == null) {
                t.approvalAt = Instant.parse(op.path("at").asText());
            }
        }
        if (t.approvalAt == null && incident.has("approval")) {
            t.approvalAt = Instant.now(); // a request without its timeline entry yet: the first sight of it
        }
        if (t.approvalAt != null) {
            t.done = true;
        } else if (t.analysedAt != null) {
            long now = System.nanoTime();
            if (t.analysedSeenNanos == 0) {
                t.analysedSeenNanos = now;
            } else if (now - t.analysedSeenNanos >= SETTLE.toNanos()) {
                t.done = true; // analysed, and no approval request followed: none will
            }
        }
    }

    private HttpRequest post(int n) {
        return HttpRequest.newBuilder(settings.url().resolve("/v1/alerts")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + settings.intakeToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(webhook(run, n))).build();
    }

    private static String incidentId(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String id = node.path("incidentId").asText("");
            return id.isEmpty() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The demo's notification (PostgresDown on shop/postgres-db, HighErrorRate on order-api, with
     * an address, an email and a token for the Privacy Shield) as alert group {@code n} of run
     * {@code run}: its own group key and fingerprints, so each one opens an incident.
     */
    static String webhook(String run, int n) {
        String group = run + "-" + n;
        long base = ((long) run.hashCode() << 32) ^ ((long) n << 1);
        return """
                {"receiver":"awoooi","status":"firing","version":"4","truncatedAlerts":0,
                 "groupKey":"{}/{severity=~\\"critical|warning\\"}:{namespace=\\"shop\\",load=\\"%1$s\\"}",
                 "groupLabels":{"namespace":"shop","load":"%1$s"},"commonLabels":{"namespace":"shop"},"commonAnnotations":{},
                 "externalURL":"http://alertmanager.monitoring.svc:9093",
                 "alerts":[
                  {"status":"firing","fingerprint":"%2$016x",
                   "labels":{"alertname":"PostgresDown","severity":"critical","namespace":"shop","service":"postgres-db",
                             "pod":"postgres-db-0","instance":"10.42.3.17:9187","job":"postgres-exporter"},
                   "annotations":{"summary":"PostgreSQL on 10.42.3.17 is down",
                                  "description":"pg_up == 0 for 2 minutes; last connection by svc-orders@shop.example.com was refused"},
                   "startsAt":"2024-05-14T08:41:10.123Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus.monitoring.svc:9090/graph?g0.expr=pg_up+%%3D%%3D+0"},
                  {"status":"firing","fingerprint":"%3$016x",
                   "labels":{"alertname":"HighErrorRate","severity":"warning","namespace":"shop","service":"order-api",
                             "pod":"order-api-7d9f8c6b5-x2kqp","instance":"10.42.1.23:8080","job":"order-api"},
                   "annotations":{"summary":"order-api on 10.42.1.23 answers 12%% of requests with 5xx",
                                  "description":"errors mention connection refused to 10.42.3.17:5432; owner team-orders@shop.example.com"},
                   "startsAt":"2024-05-14T08:42:40.512Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus.monitoring.svc:9090/graph?g0.expr=errors"}
                 ]}"""
                .formatted(group, base, base | 1);
    }
}
