package io.awoooi.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.audit.InMemoryOperationLog;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.narrative.DeterministicNarrator;
import io.awoooi.core.narrative.LanguageModelNarrator;
import io.awoooi.core.narrative.NarratorException;
import io.awoooi.core.narrative.Prompt;
import io.awoooi.core.narrative.PromptGuard;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.Pseudonymizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class DriftNarrationTest {
    private static final String SECRET = "hunter2-Zq9vX";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);

    private final InMemoryOperationLog operations = new InMemoryOperationLog();
    private final List<AiTrace> traces = Collections.synchronizedList(new ArrayList<>());
    private final DriftRedaction redaction = new DriftRedaction(new Pseudonymizer(new PiiScanner(), false));

    /** A model whose answers the test scripts per call (1-based); null means: unavailable. */
    static final class ScriptedModel extends LanguageModelNarrator {
        final List<Prompt> prompts = Collections.synchronizedList(new ArrayList<>());
        private final IntFunction<String> script;
        private int calls;

        ScriptedModel(IntFunction<String> script) {
            super(PromptGuard.NONE);
            this.script = script;
        }

        @Override
        protected synchronized String complete(Prompt prompt) {
            prompts.add(prompt);
            String answer = script.apply(++calls);
            if (answer == null) {
                throw new NarratorException(NarratorException.Kind.UNAVAILABLE, "connection refused",
                        new java.net.ConnectException("refused"));
            }
            return answer;
        }

        @Override
        public String name() {
            return "ollama";
        }

        @Override
        public String model() {
            return "ollama:llama3.1";
        }
    }

    private static DriftReport report() {
        var live = Workloads.deployment("checkout", "10.20.30.40:5000/shop/checkout:1.5-hotfix", 5,
                new LinkedHashMap<>(Map.of("MODE", "live", "DB_PASSWORD", SECRET)));
        Workloads.annotations(live).put(LiveWorkload.LAST_APPLIED, Workloads.json(
                Workloads.deployment("checkout", "10.20.30.40:5000/shop/checkout:1.4", 3, Map.of("MODE", "live"))));
        var drift = new DriftDetector(DriftPolicy.defaults())
                .detect(Workloads.live("checkout", live, false, List.of()), Optional.empty()).drift();
        return new DriftReport("drf_202612070400_abc", CLOCK.instant(), List.of("shop"), Map.of(), List.of(drift), 4,
                List.of(), List.of("x"));
    }

    private DriftNarration narration(io.awoooi.core.narrative.Narrator model, AiTraceSink sink) {
        return new DriftNarration(model, sink, operations, redaction, Duration.ofSeconds(30), CLOCK);
    }

    @Test
    void modelAnswersValidJson_summaryFromModel_traceAcceptedAndOperationRow() {
        // GIVEN a model that answers a valid narrative
        var model = new ScriptedModel(n -> "{\"summary\":\"checkout runs a hotfix image with more replicas than"
                + " declared.\",\"hypotheses\":[],\"recommended_action\":null,\"confidence\":0.7}");
        // WHEN the report is narrated
        DriftNarrative n = narration(model, traces::add).narrate(report());
        // THEN the model's summary, one line per item, an accepted trace and one operation row
        assertThat(n.summary()).startsWith("checkout runs a hotfix image");
        assertThat(n.fallback()).isFalse();
        assertThat(n.items()).hasSize(3);
        assertThat(traces).singleElement().satisfies(t -> {
            assertThat(t.agent()).isEqualTo("drift_narrator");
            assertThat(t.model()).isEqualTo("ollama:llama3.1");
            assertThat(t.incidentId()).isEqualTo("drf_202612070400_abc");
            assertThat(t.accepted()).isTrue();
            assertThat(t.prompt().length()).isLessThanOrEqualTo(8000);
            assertThat(t.responseHead()).startsWith("{\"summary\"");
        });
        Operation op = operations.trail("drf_202612070400_abc").getFirst();
        assertThat(op.type()).isEqualTo("notification_formatted");
        assertThat(op.actor()).isEqualTo("drift_narrator");
        assertThat(op.tags()).containsExactly("drift", "llm_summary");
        assertThat(op.parentOpId()).isEmpty();
        assertThat(op.input()).containsEntry("report_id", "drf_202612070400_abc").containsEntry("namespace", "shop")
                .containsEntry("items_scanned", "4").containsKey("counts");
        assertThat(op.input().get("counts")).contains("\"high\":1").contains("\"items\":3");
        assertThat(op.output()).containsEntry("items_count", "3").containsEntry("narrative", n.summary());
        assertThat(n.opId()).isEqualTo(op.opId());
    }

    @Test
    void envSecretAndRegistryIp_neverInPromptLinesOrOperationRow() {
        // GIVEN a drifted env var holding a secret and an image from a registry by IP
        var model = new ScriptedModel(n -> "{\"summary\":\"ok\",\"confidence\":0.5}");
        // WHEN narrated
        DriftNarrative n = narration(model, traces::add).narrate(report());
        // THEN the secret is nowhere, the IP is a label
        String everywhere = String.join("\n", model.prompts.stream().map(Prompt::text).toList()) + n.items()
                + operations.trail(n.reportId()) + traces;
        assertThat(everywhere).doesNotContain(SECRET).doesNotContain("10.20.30.40");
        assertThat(n.items()).anySatisfy(l -> assertThat(l.text())
                .isEqualTo("Deployment/shop/checkout: container app env DB_PASSWORD added (value not shown) [MEDIUM]"));
        assertThat(n.items()).anySatisfy(l -> assertThat(l.text())
                .contains("[IP_1]:5000/shop/checkout:1.4 -> [IP_1]:5000/shop/checkout:1.5-hotfix"));
    }

    @Test
    void modelAnswersGarbage_deterministicSummary_traceNotAccepted_rowStillWritten() {
        // GIVEN a model answering prose
        var model = new ScriptedModel(n -> "Sure! Here is what I think about your cluster...");
        // WHEN narrated
        DriftNarrative n = narration(model, traces::add).narrate(report());
        // THEN the deterministic summary, the trace says so, the row is written
        assertThat(n.fallback()).isTrue();
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(n.summary()).isEqualTo(DriftNarration.deterministicSummary(report(), redaction.words(report())));
        assertThat(n.summary()).startsWith("3 drifted fields in 1 of 4 workloads (1 high, 2 medium)");
        assertThat(traces).singleElement().satisfies(t -> {
            assertThat(t.accepted()).isFalse();
            assertThat(t.responseHead()).startsWith("Sure!");
        });
        assertThat(operations.trail(n.reportId())).singleElement()
                .satisfies(o -> assertThat(o.output()).containsEntry("narrative", n.summary()));
    }

    @Test
    void modelDown_retriedOnceThenFallback_twoTracesNotAccepted() {
        // GIVEN a model that cannot be reached
        var model = new ScriptedModel(n -> null);
        // WHEN narrated
        DriftNarrative n = narration(model, traces::add).narrate(report());
        // THEN two attempts traced, not accepted, and the fallback narrates
        assertThat(traces).hasSize(2).allSatisfy(t -> assertThat(t.accepted()).isFalse());
        assertThat(n.fallback()).isTrue();
    }

    @Test
    void auditStoresFail_narrationStillReturned() {
        // GIVEN an operation log and a trace sink that both fail
        operations.failNextCalls.set(10);
        var model = new ScriptedModel(n -> "{\"summary\":\"fine\",\"confidence\":0.5}");
        AiTraceSink failing = t -> {
            throw new IllegalStateException("table unavailable");
        };
        // WHEN narrated
        DriftNarrative n = narration(model, failing).narrate(report());
        // THEN the narrative is there, without an op id
        assertThat(n.summary()).isEqualTo("fine");
        assertThat(n.opId()).isEmpty();
    }

    @Test
    void alertChainUnderReportId_parentOpIdIsItsLastOperation() {
        // GIVEN an operation already logged under the report id
        operations.append(new Operation("op_alert", "drf_202612070400_abc", "alert_received", "intake", Map.of(),
                Map.of(), 1, Optional.empty(), CLOCK.instant()));
        // WHEN narrated deterministically (no model configured)
        DriftNarrative n = narration(new DeterministicNarrator(), traces::add).narrate(report());
        // THEN the row's parent is that operation, and the deterministic narrator is no fallback
        assertThat(n.fallback()).isFalse();
        assertThat(operations.trail(n.reportId())).filteredOn(o -> o.type().equals("notification_formatted"))
                .singleElement().satisfies(o -> assertThat(o.parentOpId()).contains("op_alert"));
    }

    @Test
    void kubernetesNamesLabelled_workloadAndNamespaceNeverInLinesOrPrompt() {
        // GIVEN the Privacy Shield labels Kubernetes names (ADR 0014)
        var labelled = new DriftRedaction(new Pseudonymizer(new PiiScanner(), true));
        var model = new ScriptedModel(n -> "{\"summary\":\"ok\",\"confidence\":0.5}");
        // WHEN narrated
        DriftNarrative n = new DriftNarration(model, traces::add, operations, labelled, Duration.ofSeconds(30), CLOCK)
                .narrate(report());
        // THEN the lines and the prompt carry labels, not the names
        assertThat(n.items()).allSatisfy(l -> assertThat(l.text()).doesNotContain("checkout").doesNotContain("shop/")
                .startsWith("Deployment/[NAMESPACE_1]/[DEPLOYMENT_1]: "));
        assertThat(model.prompts.getFirst().text()).doesNotContain("/shop/checkout");
        // AND a name inside a longer word (the image shop/checkout:...) is a label too
        assertThat(n.items().toString()).doesNotContain("checkout");
        assertThat(model.prompts.getFirst().text()).doesNotContain("checkout");
    }

    @Test
    void reportReader_reportNarrativeAndAuditRows_withoutRawValues() {
        // GIVEN a stored report narrated by a model
        var store = new InMemoryDrift();
        DriftReport r = report();
        store.save(r);
        var model = new ScriptedModel(n -> "{\"summary\":\"checkout drifted\",\"confidence\":0.5}");
        narration(model, traces::add).narrate(r);
        var reader = new DriftReportReader(store, operations,
                id -> traces.stream().filter(t -> t.incidentId().equals(id)).toList(),
                redaction);
        // WHEN read as the latest and by id
        var view = reader.latest().orElseThrow();
        // THEN the report in words, the narrative, the operation row and the AI trace; no secret, no IP
        assertThat(reader.find(r.id())).contains(view);
        assertThat(reader.find("drf_000000000000_0000000000")).isEmpty();
        assertThat(view).containsEntry("id", r.id()).containsEntry("itemsScanned", 4);
        assertThat(view.get("narrative")).asString().contains("checkout drifted");
        @SuppressWarnings("unchecked")
        var audit = (Map<String, List<Map<String, Object>>>) view.get("audit");
        assertThat(audit.get("operations")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("operation_type", "notification_formatted")
                        .containsEntry("actor", "drift_narrator")
                        .containsEntry("tags", List.of("drift", "llm_summary")));
        assertThat(audit.get("aiTraces")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("agent", "drift_narrator").containsEntry("accepted", true));
        assertThat(view.toString()).doesNotContain(SECRET).doesNotContain("10.20.30.40");
    }
}
