package io.awoooi.core.analysis;

import static io.awoooi.core.analysis.AnalyzeIncidentTest.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.LabelledDryRunner;
import io.awoooi.core.narrative.DeterministicNarrator;
import io.awoooi.core.narrative.NarrationRequest;
import io.awoooi.core.narrative.Narrator;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.IncidentNames;
import io.awoooi.core.shield.InMemoryVaultStore;
import io.awoooi.core.shield.LabelBook;
import io.awoooi.core.shield.LocalKeyRing;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.Rehydrator;
import io.awoooi.core.shield.Vault;
import io.awoooi.core.topology.CachedTopology;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, "Labelled Kubernetes names": with LabelKubernetesNames=true the alert carries
 * {@code [POD_1]}; the analysis must still find targets, root cause, blast radius and a fix, and no
 * real name may reach the stored analysis, the model's prompt or the dry-run's reasons.
 */
class LabelledNamesAnalysisTest {
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    /** Every real name of the demo topology, and the pod of the alert. */
    private static final List<String> REAL_NAMES = List.of("shop", "ingress", "frontend", "auth-service", "product-api",
            "order-api", "postgres-db", "redis", "kafka", "order-api-7d9f8c6b5-x2kqp");

    private final Vault vault = new Vault(new InMemoryVaultStore(), new LocalKeyRing(), Clock.systemUTC());
    private final List<Analysis> saved = new ArrayList<>();
    private final AnalysisStore store = new AnalysisStore() {
        @Override
        public void save(Analysis analysis) {
            saved.add(analysis);
        }

        @Override
        public Optional<io.awoooi.core.incident.view.AnalysisView> latest(String incidentId) {
            return Optional.of(AnalysisDocument.view(saved.get(saved.size() - 1)));
        }
    };

    /** What the redaction makes of the order-api alert with Kubernetes names labelled (sealed in the vault). */
    private IncidentEvent labelledEvent() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("alertname", "HighErrorRate");
        raw.put("namespace", "shop");
        raw.put("service", "order-api");
        raw.put("pod", "order-api-7d9f8c6b5-x2kqp");
        Pseudonymizer shield = new Pseudonymizer(new PiiScanner(), true);
        LabelBook book = vault.open("inc_1");
        shield.learnNames(raw, book);
        Map<String, String> labels = shield.redactLabels(raw, book);
        Map<String, String> annotations = shield.redactLabels(
                Map.of("description", "order-api in shop: connection refused"), book);
        vault.seal(book);
        RedactedAlert alert = new RedactedAlert("fp1", NOW, AlertStatus.FIRING, Optional.empty(), labels, annotations,
                "");
        return new IncidentEvent("inc_1", "nk", "gkh", AlertStatus.FIRING, NOW, Map.of(), Map.of(), Map.of(),
                List.of(alert));
    }

    private AnalyzeIncident analysis(Narrator narrator) {
        return new AnalyzeIncident(new CachedTopology(AnalyzeIncidentTest::demo, Clock.systemUTC()), narrator, store,
                Clock.systemUTC(), 3).withNames(IncidentNames.inVault(vault));
    }

    private String real(String text) {
        return new Rehydrator(vault).rehydrate("inc_1", text);
    }

    private ServiceId real(ServiceId id) {
        return new ServiceId(real(id.namespace()), real(id.name()));
    }

    @Test
    void analyze_labelledAlert_targetsRootCauseBlastRadiusAndFixAsWithRealNames() {
        // GIVEN the alert as the redaction labelled it: no real Kubernetes name in it
        IncidentEvent event = labelledEvent();
        assertThat(event.alerts().get(0).labels()).containsEntry("namespace", "[NAMESPACE_1]")
                .containsEntry("service", "[SERVICE_1]").containsEntry("pod", "[POD_1]");

        // WHEN analysed
        Analysis a = analysis(new DeterministicNarrator()).analyze(event);

        // THEN the same findings as in the plain mode, under labels the vault reveals
        assertThat(a.findings().targets()).singleElement().satisfies(t -> {
            assertThat(t).isEqualTo(new ServiceId("[NAMESPACE_1]", "[SERVICE_1]"));
            assertThat(real(t)).isEqualTo(shop("order-api"));
        });
        assertThat(a.findings().rootCauses()).extracting(RootCause::service).extracting(this::real)
                .containsExactly(shop("postgres-db"));
        assertThat(a.findings().blastRadius()).extracting(Impact::service).extracting(this::real)
                .contains(shop("frontend"), shop("ingress"));
        // AND a fix on the database, its names labels that the executor rehydrates
        ProposedAction proposed = a.proposedAction().orElseThrow();
        assertThat(proposed.type()).isIn(ActionType.ROLLOUT_RESTART, ActionType.RESTART_POD);
        assertThat(proposed.needsRehydration()).isTrue();
        assertThat(real(proposed.param("namespace").orElseThrow())).isEqualTo("shop");
        assertThat(proposed.params().values()).allSatisfy(v -> assertThat(REAL_NAMES).doesNotContain(v));
        // AND nothing stored names a real object
        String stored = store.latest("inc_1").orElseThrow().document().toString();
        assertThat(REAL_NAMES).allSatisfy(name -> assertThat(stored).doesNotContain(name));
    }

    @Test
    void analyze_labelledAlert_theModelSeesLabelsOnlyAndItsLabelledChoiceIsReadBack() {
        // GIVEN a model that restarts the database it saw as a label
        List<NarrationRequest> seen = new ArrayList<>();
        IncidentEvent event = labelledEvent();
        Analysis first = analysis(new DeterministicNarrator()).analyze(event);
        ProposedAction labelled = first.diagnosis().orElseThrow().alternatives().stream()
                .filter(x -> x.type() == ActionType.ROLLOUT_RESTART).findFirst().orElseThrow();

        // WHEN analysed with that model
        Analysis a = analysis(AnalyzeIncidentTest.obedientModel("rollout_restart", labelled.params(), seen))
                .analyze(event);

        // THEN its prompt held no real name, and its choice is the proposal (labels, read back in memory)
        NarrationRequest prompt = seen.get(0);
        String everything = prompt.incidentText() + String.join("\n", prompt.graphFacts());
        assertThat(REAL_NAMES).allSatisfy(name -> assertThat(everything).doesNotContain(name));
        assertThat(prompt.graphFacts())
                .anySatisfy(f -> assertThat(f).contains(labelled.param("workload").orElseThrow()));
        assertThat(a.proposalSource()).isEqualTo("llm");
        assertThat(a.proposedAction()).contains(labelled);
    }

    @Test
    void analyze_labelledAlert_aModelNamingARealHealthyServiceIsRefused() {
        // GIVEN a model that names the healthy frontend by its real name (text in the alert could carry it)
        List<NarrationRequest> seen = new ArrayList<>();
        Analysis a = analysis(AnalyzeIncidentTest.obedientModel("rollout_restart",
                Map.of("namespace", "shop", "workload", "frontend", "kind", "deployment"), seen))
                .analyze(labelledEvent());
        // THEN refused: the diagnosis's fix stands
        assertThat(a.proposalSource()).isEqualTo("deterministic");
        assertThat(real(a.proposedAction().orElseThrow().param("workload").orElse(
                a.proposedAction().orElseThrow().param("pod").orElse("")))).startsWith("postgres-db");
    }

    @Test
    void labelledDryRun_asksTheClusterAboutRealNames_reportsLabels() {
        // GIVEN an analysis's labelled proposal, and a cluster that answers in real names
        Analysis a = analysis(new DeterministicNarrator()).analyze(labelledEvent());
        ProposedAction labelled = a.proposedAction().orElseThrow();
        List<ProposedAction> asked = new ArrayList<>();
        CachedTopology topology = new CachedTopology(AnalyzeIncidentTest::demo, Clock.systemUTC());
        IncidentNames names = IncidentNames.inVault(vault);
        LabelledDryRunner dryRun = new LabelledDryRunner(action -> {
            asked.add(action);
            return new DryRunReport(
                    List.of(DryRunCheck.pass("exists", "statefulset shop/postgres-db exists, 1/1 ready"),
                            DryRunCheck.fail("pdb", "pdb shop/postgres-db-budget allows 0 disruptions", true)),
                    "state-1");
        }, names, names.open("inc_1", KnownNames.of(topology.view())));

        // WHEN dry-run
        DryRunReport report = dryRun.dryRun(labelled);

        // THEN the cluster was asked about the real objects; the reasons carry labels; the fingerprint is kept
        assertThat(asked).singleElement().satisfies(x -> {
            assertThat(x.param("namespace")).contains("shop");
            assertThat(x.needsRehydration()).isFalse();
        });
        assertThat(report.stateFingerprint()).isEqualTo("state-1");
        String reasons = report.checks().toString();
        assertThat(REAL_NAMES).allSatisfy(name -> assertThat(reasons).doesNotContain(name));
        assertThat(real(reasons)).contains("statefulset shop/postgres-db exists", "pdb shop/postgres-db-budget");
    }
}
