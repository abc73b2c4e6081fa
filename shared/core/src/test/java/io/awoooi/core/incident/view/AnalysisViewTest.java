package io.awoooi.core.incident.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.action.ActionProposal;
import io.awoooi.core.action.ProposalRule;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalysisDocument;
import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.diagnosis.Diagnosis;
import io.awoooi.core.diagnosis.DiagnosisKind;
import io.awoooi.core.topology.ServiceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stored analysis and its typed view are one definition: what {@link AnalysisView#document()}
 * writes (and the DynamoDB store keeps as JSON), {@link AnalysisView#from} reads back to the same
 * view, so a field renamed on one side only fails here.
 */
class AnalysisViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENT = ApprovalFixture.incidentId(7);
    private static final ProposedAction RESTART = ApprovalFixture.rolloutRestart("order-api");

    private static Analysis diagnosed() {
        Analysis plain = ApprovalFixture.analysis(INCIDENT, RESTART, 2);
        Diagnosis d = new Diagnosis(DiagnosisKind.CRASH_LOOP, Optional.of(new ServiceId("shop", "order-api")),
                "order-api crash-loops", List.of("[POD_1]: CrashLoopBackOff"),
                Optional.of(new ActionProposal(RESTART, ProposalRule.ROOT_CAUSE_ROLLOUT_RESTART)), List.of(RESTART),
                false, Optional.of("look at the pool"));
        return new Analysis(plain.incidentId(), plain.notificationKey(), plain.findings(), plain.summary(),
                plain.hypotheses(), plain.narrator(), plain.proposedAction(), "llm", true, plain.analyzedAt(), true,
                Optional.of(d));
    }

    /** The document as the DynamoDB store keeps it: written to JSON and parsed back to plain maps. */
    private static Map<String, Object> stored(Map<String, Object> document) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(document), new TypeReference<Map<String, Object>>() {
        });
    }

    @Test
    void from_storedDocumentOfADiagnosedAnalysis_sameViewAndSameDocument() throws Exception {
        // GIVEN an analysis with every optional part (diagnosis with rule and human step, an action the model chose)
        Analysis analysis = diagnosed();
        AnalysisView view = AnalysisDocument.view(analysis);

        // WHEN its stored document is read back
        AnalysisView read = AnalysisView.from(stored(AnalysisDocument.of(analysis)));

        // THEN it is the same view, and writes the same document
        assertThat(read).isEqualTo(view);
        assertThat(read.document()).isEqualTo(AnalysisDocument.of(analysis));
        assertThat(read.diagnosis().orElseThrow().rule()).contains("ROOT_CAUSE_ROLLOUT_RESTART");
        assertThat(read.proposedAction().orElseThrow().humanRequired()).contains("the model chose this action");
        assertThat(read.proposedAction().orElseThrow().baseRisk()).isEqualTo(RESTART.baseRisk().name());
        assertThat(read.bestRootCause()).contains("shop/order-api");
    }

    @Test
    void from_analysisProposingNothing_noActionNoDiagnosisAndTheSameDocument() throws Exception {
        // GIVEN an analysis without an action or a diagnosis
        Analysis analysis = ApprovalFixture.analysis(INCIDENT, null, 0);

        // WHEN it is read back
        AnalysisView read = AnalysisView.from(stored(AnalysisDocument.of(analysis)));

        // THEN both stay absent, in the view and in the document
        assertThat(read.proposedAction()).isEmpty();
        assertThat(read.diagnosis()).isEmpty();
        assertThat(read.document()).doesNotContainKeys("proposedAction", "diagnosis")
                .isEqualTo(AnalysisDocument.of(analysis));
    }

    @Test
    void from_actionStoredBeforeTheBaseRiskRename_readsItsRiskAsBaseRisk() throws Exception {
        // GIVEN a stored analysis whose proposed action still calls the catalog's risk "risk"
        Map<String, Object> document = stored(AnalysisDocument.of(ApprovalFixture.analysis(INCIDENT, RESTART, 1)));
        @SuppressWarnings("unchecked")
        Map<String, Object> action = new LinkedHashMap<>((Map<String, Object>) document.get("proposedAction"));
        Object baseRisk = action.remove("baseRisk");
        action.put("risk", baseRisk);
        document.put("proposedAction", action);

        // WHEN it is read
        AnalysisView read = AnalysisView.from(document);

        // THEN the API shows it as baseRisk, and no "risk" beside it
        assertThat(read.proposedAction().orElseThrow().baseRisk()).isEqualTo(baseRisk);
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) read.document().get("proposedAction");
        assertThat(shown).containsEntry("baseRisk", baseRisk).doesNotContainKey("risk");
    }

    @Test
    void from_documentWithoutAnalyzedAt_refusedAsNotAnAnalysis() {
        // GIVEN / WHEN / THEN a document that is no analysis is not read as an empty one
        assertThatThrownBy(() -> AnalysisView.from(Map.of("targets", List.of("shop/a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("analyzedAt");
    }

    @Test
    void document_optionalGivenAsAValue_refused() {
        // GIVEN / WHEN / THEN an Optional is written present or absent, never as {"present": true}
        assertThatThrownBy(() -> Documents.object().put("field", (Object) Optional.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
