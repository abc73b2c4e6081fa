package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.testing.HostileWebhooks;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code ./awoooi stress fuzz}: hostile webhook bodies ({@link HostileWebhooks}, fixed seed), with
 * innocent notifications among them, posted to {@code POST /v1/alerts} of a stack of the run's own.
 * The properties, each a violation when broken:
 * <ol>
 *   <li>intake never answers 5xx (nor fails to answer) for any body: a hostile one gets 202 or a 4xx
 *       (400, 413, 415, 422), an innocent one 202;
 *   <li>no write before a refusal, two ways: (a) the state table holds exactly what the 202s account
 *       for (every incident and notification row belongs to an accepted incident; one notification row
 *       and one raw-alerts message per accepted notification), and (b) with the pipeline idle, the
 *       refused bodies are sent again: the same 4xx each, and not one row or message more;
 *   <li>every 202 ends analysed or in a visible failed state (the incident's {@code failure}), or its
 *       message dead-lettered; the innocent ones all analysed;
 *   <li>the leak scan finds none of the planted values anywhere outside the vault.
 * </ol>
 */
final class StressFuzz {

    /** What to send. */
    record Settings(int count, int innocent, long seed, int replay, int senders, Duration settleMax) {
        Settings {
            if (count < 0 || count > 100_000 || innocent < 0 || innocent > 10_000 || replay < 0 || senders < 1
                    || senders > 16) {
                throw new IllegalArgumentException(
                        "fuzz: --count 0..100000, --innocent 0..10000, --replay >= 0, 1..16 senders");
            }
        }

        static Settings defaults(int count) {
            return new Settings(count, Math.max(20, count / 50), 0x5EED_F022L, Math.min(count, 2_000), 4,
                    Duration.ofSeconds(Math.min(3_600, 300 + count / 4)));
        }
    }

    /** What became of one body. */
    record Sent(HostileWebhooks.Body body, int status, String incidentId) {
    }

    private final StressStack s;
    private final Settings settings;
    private final PrintStream out;
    private final StressReport report = new StressReport("fuzz");

    StressFuzz(StressStack stack, Settings settings, PrintStream out) {
        this.s = stack;
        this.settings = settings;
        this.out = out;
    }

    StressReport run() {
        long started = System.nanoTime();
        HostileWebhooks generator = HostileWebhooks.uniqueGroups(settings.seed(), "fuzz");
        report.figure("seed", "0x" + Long.toHexString(settings.seed()));
        report.figure("hostile bodies", settings.count());
        report.figure("innocent notifications", settings.innocent());
        out.printf("fuzz: %d hostile bodies and %d innocent notifications (seed 0x%s), %d senders%n", settings.count(),
                settings.innocent(), Long.toHexString(settings.seed()), settings.senders());

        // ------------------------------------------------------------ sending
        List<Sent> sent = send(generator);
        Map<Integer, Integer> statuses = new TreeMap<>();
        sent.forEach(x -> statuses.merge(x.status(), 1, Integer::sum));
        List<Sent> hostile = sent.stream().filter(x -> x.body().shape() != HostileWebhooks.Shape.INNOCENT).toList();
        List<Sent> innocent = sent.stream().filter(x -> x.body().shape() == HostileWebhooks.Shape.INNOCENT).toList();
        List<Sent> refused = hostile.stream().filter(x -> isRefusal(x.status())).toList();
        List<Sent> accepted = sent.stream().filter(x -> x.status() == 202).toList();
        long fiveHundreds = sent.stream().filter(x -> x.status() >= 500 || x.status() < 0).count();
        Map<String, Integer> byShape = new TreeMap<>();
        hostile.stream().filter(x -> x.status() == 202)
                .forEach(x -> byShape.merge(x.body().shape().name(), 1, Integer::sum));
        report.figure("answers (status: count)", statuses);
        report.figure("hostile accepted (202) by shape", byShape);
        report.figure("hostile refused (4xx)", refused.size());
        report.figure("5xx or no answer", fiveHundreds);
        report.figure("sending took", StressStack.seconds(started));
        for (Sent x : sent) {
            boolean innocentOne = x.body().shape() == HostileWebhooks.Shape.INNOCENT;
            if (x.status() >= 500 || x.status() < 0) {
                report.violation(
                        x.body().describe(settings.seed()) + " answered " + (x.status() < 0 ? "nothing" : x.status()));
            } else if (innocentOne ? x.status() != 202 : x.status() != 202 && !isRefusal(x.status())) {
                report.violation(x.body().describe(settings.seed()) + " answered " + x.status()
                        + (innocentOne ? ", expected 202" : ", expected 202 or 400/413/415/422"));
            }
        }

        // ------------------------------------------------------------ the pipeline works through them
        long settling = System.nanoTime();
        boolean quiet = s.awaitQuiet(settings.settleMax(), line -> out.println("fuzz: " + line));
        report.figure("pipeline settled", quiet ? "yes, " + StressStack.seconds(settling) + " after the sending"
                : "NO, still busy after " + settings.settleMax().toSeconds() + " s");
        report.check(quiet, "the pipeline did not settle within " + settings.settleMax().toSeconds() + " s");

        // ------------------------------------------------------------ no write before a refusal: (a) accounting
        account(accepted);

        // ------------------------------------------------------------ (b) the refused bodies again, pipeline idle
        replay(refused);

        // ------------------------------------------------------------ every 202 ends somewhere visible
        verdicts(accepted, innocent);

        // ------------------------------------------------------------ the leak scan
        LeakScan leaks = s.scanEverything(20);
        leaks.print("fuzz: leak scan", out);
        report.figure("planted values looked for", leaks.plantedCount());
        report.figure("leaks", leaks.leaks());
        report.figure("leaks by source", leaks.leaksBySource());
        if (leaks.leaks() > 0) {
            leaks.examples().forEach(e -> report.violation("leak: " + e));
        }
        report.figure("model calls", s.model().calls());
        report.figure("took", StressStack.seconds(started));
        return report;
    }

    static boolean isRefusal(int status) {
        return status == 400 || status == 413 || status == 415 || status == 422;
    }

    /** Sends every body (hostile ones, innocent ones spread among them) with a few senders at once. */
    private List<Sent> send(HostileWebhooks generator) {
        int total = settings.count() + settings.innocent();
        int every = settings.innocent() == 0 ? Integer.MAX_VALUE : Math.max(1, total / settings.innocent());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger innocentNext = new AtomicInteger();
        AtomicInteger hostileNext = new AtomicInteger();
        List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        String token = s.stack().intakeToken();
        ExecutorService senders = Executors.newFixedThreadPool(settings.senders(), Threads.daemon("fuzz-sender"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < settings.senders(); k++) {
                running.add(senders.submit(() -> {
                    while (true) {
                        int n = next.getAndIncrement();
                        if (n >= total) {
                            return;
                        }
                        HostileWebhooks.Body body;
                        synchronized (next) { // keep each kind's index in sending order
                            boolean innocentTurn = (n % every == every - 1 && innocentNext.get() < settings.innocent())
                                    || hostileNext.get() >= settings.count();
                            body = innocentTurn ? generator.innocent(innocentNext.getAndIncrement())
                                    : generator.hostile(hostileNext.getAndIncrement());
                        }
                        s.leaks().plant(body.planted());
                        StressStack.Answer answer = s.post("/v1/alerts", token, body.bytes());
                        String id = null;
                        if (answer.status() == 202) {
                            try {
                                id = answer.json().path("incidentId").asText(null);
                            } catch (IllegalArgumentException e) {
                                id = null;
                            }
                            if (id == null) {
                                report.violation(body.describe(settings.seed()) + ": 202 without an incidentId");
                            }
                        }
                        sent.add(new Sent(body, answer.status(), id));
                        if (sent.size() % 1_000 == 0) {
                            out.printf("fuzz: %d of %d sent%n", sent.size(), total);
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the fuzz senders failed: " + e, e);
        } finally {
            senders.shutdownNow();
        }
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }

    /**
     * Every incident and notification row belongs to an incident a 202 named; one notification row per
     * accepted notification (a duplicate one adds none), one raw-alerts message per notification row.
     */
    private void account(List<Sent> accepted) {
        Set<String> acceptedIds = new HashSet<>();
        accepted.forEach(x -> acceptedIds.add(x.incidentId()));
        long duplicates = s.logLines("IntakeFunction", "duplicate=true").size();
        int incidents = 0;
        int notifications = 0;
        int orphans = 0;
        for (Map<String, AttributeValue> row : s.rows("StateTable")) {
            String pk = row.get("PK").s();
            String sk = row.get("SK").s();
            if (sk.equals("INCIDENT")) {
                incidents++;
                String id = pk.substring("INCIDENT#".length());
                if (!acceptedIds.contains(id)) {
                    orphans++;
                    report.violation("an incident row no 202 accounts for (" + id + "): a write before a refusal");
                }
            } else if (sk.equals("NOTIFICATION")) {
                notifications++;
                AttributeValue incident = row.get("incidentId");
                if (incident == null || !acceptedIds.contains(incident.s())) {
                    orphans++;
                    report.violation("a notification row no 202 accounts for: a write before a refusal");
                }
            }
        }
        long expectedNotifications = accepted.size() - duplicates;
        report.figure("state table: incident rows / accepted incidents", incidents + " / " + acceptedIds.size());
        report.figure("state table: notification rows / accepted notifications (202s less duplicates)",
                notifications + " / " + expectedNotifications);
        report.figure("raw-alerts messages (distinct deduplication ids) / SendMessage calls", s.rawAlertsSent() + " / "
                + s.rawAlertsSends());
        report.figure("rows no 202 accounts for", orphans);
        report.check(incidents == acceptedIds.size(), incidents + " incident rows for " + acceptedIds.size()
                + " incidents the 202s named");
        report.check(notifications == expectedNotifications, notifications + " notification rows for "
                + expectedNotifications + " accepted notifications");
        report.check(s.rawAlertsSent() == notifications, s.rawAlertsSent() + " raw-alerts messages for " + notifications
                + " notification rows");
    }

    /** With the pipeline idle: each refused body again, the same 4xx, and no row or message more. */
    private void replay(List<Sent> refused) {
        if (refused.isEmpty() || settings.replay() == 0) {
            report.figure("refused bodies replayed with the pipeline idle", 0);
            return;
        }
        int n = Math.min(settings.replay(), refused.size());
        double step = (double) refused.size() / n;
        long rowsBefore = s.rowsOutsideTheVault() + s.rowCount("VaultTable");
        long rawBefore = s.rawAlertsSends();
        long sentBefore = s.messagesSent();
        Map<String, Integer> depthsBefore = depths();
        String token = s.stack().intakeToken();
        int changed = 0;
        for (int i = 0; i < n; i++) {
            Sent x = refused.get((int) (i * step));
            StressStack.Answer again = s.post("/v1/alerts", token, x.body().bytes());
            if (again.status() != x.status()) {
                changed++;
                report.violation(
                        x.body().describe(settings.seed()) + " answered " + x.status() + ", then " + again.status());
            }
        }
        StressStack.sleep(Duration.ofSeconds(2)); // anything queued would be on its way now
        s.awaitQuiet(Duration.ofSeconds(60), line -> out.println("fuzz: " + line));
        long rowsAfter = s.rowsOutsideTheVault() + s.rowCount("VaultTable");
        Map<String, Integer> depthsAfter = depths();
        report.figure("refused bodies replayed with the pipeline idle", n);
        report.figure("replay: rows (all tables) before / after", rowsBefore + " / " + rowsAfter);
        report.figure("replay: raw-alerts SendMessage calls before / after", rawBefore + " / " + s.rawAlertsSends());
        report.figure("replay: answers that changed", changed);
        long writes = (rowsAfter - rowsBefore) + (s.rawAlertsSends() - rawBefore) + (s.messagesSent() - sentBefore);
        report.figure("writes before refusal", writes);
        report.check(rowsAfter == rowsBefore,
                (rowsAfter - rowsBefore) + " rows written while refused bodies were sent again");
        report.check(s.rawAlertsSends() == rawBefore && s.messagesSent() == sentBefore,
                "messages sent while refused bodies were sent again");
        report.check(depthsAfter.equals(depthsBefore), "queue depths changed while refused bodies were sent again: "
                + depthsBefore + " -> " + depthsAfter);
    }

    private Map<String, Integer> depths() {
        Map<String, Integer> d = new LinkedHashMap<>();
        for (String q : s.stack().resources().queueUrls().keySet()) {
            d.put(q, s.depth(q));
        }
        return d;
    }

    /** Each accepted incident: analysed, failed visibly, or dead-lettered; never nothing. */
    private void verdicts(List<Sent> accepted, List<Sent> innocent) {
        Map<String, List<Message>> dead = s.deadLettered();
        Map<String, String> deadIncidents = new ConcurrentHashMap<>();
        dead.forEach((queue, messages) -> messages.forEach(m -> StressStack.incidentIdOf(m)
                .ifPresent(id -> deadIncidents.put(id, queue))));
        Map<String, Integer> dlqDepths = new LinkedHashMap<>();
        dead.forEach((q, m) -> dlqDepths.put(q, m.size()));
        Set<String> ids = new java.util.LinkedHashSet<>();
        accepted.forEach(x -> ids.add(x.incidentId()));
        Set<String> innocentIds = new HashSet<>();
        innocent.forEach(x -> {
            if (x.incidentId() != null) {
                innocentIds.add(x.incidentId());
            }
        });
        Map<String, Integer> outcome = new ConcurrentHashMap<>();
        AtomicInteger innocentAnalysed = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(2, Threads.daemon("fuzz-reader"));
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(readers.submit(() -> {
                    JsonNode incident = s.incident(id).orElse(null);
                    String verdict;
                    if (incident == null) {
                        verdict = "unreadable";
                    } else if (incident.has("analysis")) {
                        verdict = incident.has("failure") ? "analysed (and a later message failed)" : "analysed";
                    } else if (incident.has("failure")) {
                        verdict = "failed, visible on the incident";
                    } else if (deadIncidents.containsKey(id)) {
                        verdict = "dead-lettered";
                    } else {
                        verdict = "unfinished";
                    }
                    outcome.merge(verdict, 1, Integer::sum);
                    if (verdict.equals("unfinished") || verdict.equals("unreadable")) {
                        report.violation("incident " + id + " accepted (202) but " + verdict
                                + ": neither analysed nor failed visibly"
                                + " nor dead-lettered");
                    }
                    if (innocentIds.contains(id)) {
                        if (verdict.equals("analysed")) {
                            innocentAnalysed.incrementAndGet();
                        } else {
                            report.violation("innocent incident " + id + " is " + verdict + ", expected analysed");
                        }
                    }
                }));
            }
            for (Future<?> f : reads) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading the incidents failed: " + e, e);
        } finally {
            readers.shutdownNow();
        }
        report.figure("accepted incidents", ids.size());
        report.figure("accepted incidents by outcome", new TreeMap<>(outcome));
        report.figure("dead-letter queues", dlqDepths);
        report.figure("innocent analysed", innocentAnalysed.get() + " / " + innocent.size());
        report.check(innocentIds.size() == innocent.size(), (innocent.size() - innocentIds.size())
                + " innocent notifications got no incident id");
    }
}
