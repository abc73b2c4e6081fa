package io.awoooi.local;

import io.awoooi.testing.HostileWebhooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./awoooi stress leaks}: the demo's whole loop ({@link TracerBullet}: alert, Privacy Shield,
 * analysis, approval, two signatures, execution, verification, audit trail, the TOCTOU scenario) on
 * the stress stack, plus innocent notifications of planted values taken through the pipeline; then
 * the leak scan of everything ({@link StressStack#scanEverything}) for the demo webhook's values, every
 * value the vault sealed (but Kubernetes object names, which the cluster's own data shows), and the
 * planted values.
 */
final class StressLeaks {

    /** Vault labels of object names: the topology shows these names from the cluster itself. */
    private static final Set<String> CLUSTER_NAME_LABELS = Set.of("POD", "NAMESPACE", "SERVICE", "DEPLOYMENT", "NODE");

    private final StressStack s;
    private final PrintStream out;
    private final StressReport report = new StressReport("leaks");

    StressLeaks(StressStack stack, PrintStream out) {
        this.s = stack;
        this.out = out;
    }

    StressReport run() {
        long started = System.nanoTime();
        out.println("leaks: the demo's whole loop on the stress stack");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .runSteps(new DemoContext(s.stack()), TracerBullet.steps());
        String checklist = printed.toString(StandardCharsets.UTF_8);
        out.print(checklist);
        report.figure("demo steps", code == 0 ? "all passed" : "FAILED");
        report.check(code == 0, "the demo's loop failed on the stress stack (its checklist is printed above)");

        HostileWebhooks innocent = HostileWebhooks.uniqueGroups(0x1EA5L, "leaks");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HostileWebhooks.Body body = innocent.innocent(i);
            s.leaks().plant(body.planted());
            StressStack.Answer answer = s.postAsAlertmanager(body.bytes(), Duration.ofMinutes(2),
                    new java.util.TreeMap<>());
            if (answer.status() == 202) {
                ids.add(answer.json().path("incidentId").asText());
            } else {
                report.violation("an innocent notification answered " + answer.status());
            }
        }
        s.awaitQuiet(Duration.ofMinutes(5), line -> out.println("leaks: " + line));
        long analysed = ids.stream().filter(id -> s.incident(id).map(i -> i.has("analysis")).orElse(false)).count();
        report.figure("innocent notifications analysed", analysed + " / 10");
        report.check(analysed == 10, (10 - analysed) + " innocent notifications not analysed");

        Set<String> sealed = new TreeSet<>(TracerBullet.DEMO_PII);
        try (VaultReader vault = new VaultReader(s.stack())) {
            for (String incident : vaultIncidents()) {
                for (Map.Entry<String, String> e : vault.values(incident).entrySet()) {
                    String type = e.getKey().replaceAll("^\\[|_\\d+\\]$", "");
                    if (!CLUSTER_NAME_LABELS.contains(type)) {
                        sealed.add(e.getValue());
                    }
                }
            }
        }
        s.leaks().plantExact(sealed);
        report.figure("values looked for as they are (the demo's and the vault's)", sealed.size());
        LeakScan leaks = s.scanEverything(40);
        leaks.print("leaks: leak scan", out);
        report.figure("values looked for", leaks.plantedCount());
        report.figure("leaks", leaks.leaks());
        report.figure("leaks by source", leaks.leaksBySource());
        if (leaks.leaks() > 0) {
            leaks.examples().forEach(e -> report.violation("leak: " + e));
        }
        report.figure("took", StressStack.seconds(started));
        return report;
    }

    private List<String> vaultIncidents() {
        Set<String> incidents = new TreeSet<>();
        s.rows("VaultTable").forEach(row -> incidents.add(row.get("PK").s().substring("INCIDENT#".length())));
        return List.copyOf(incidents);
    }
}
