package io.awoooi.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.time.Duration;
import java.util.ArrayList;
import io.awoooi.core.incident.view.AnalysisView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link AnalysisStore} port, run against every implementation: the in-memory
 * fake here, the DynamoDB adapter in shared/aws through the core test-jar. Each test uses incidents of
 * its own, so a shared table is fine.
 */
public abstract class AnalysisStoreContract {

    /** A store, possibly shared between tests. */
    protected abstract AnalysisStore store();

    private static String newIncident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** An analysis proposing a pod restart, two root causes with evidence and a blast radius of 3. */
    private static Analysis withAction(String incidentId) {
        return ApprovalFixture.analysis(incidentId, ApprovalFixture.restartPod("postgres-db-0"), 3,
                "order-api fails to reach [IP_1]:5432", List.of(
                        new RootCause(new ServiceId("shop", "postgres-db"), ComponentKind.DATABASE, 1,
                                List.of("pod postgres-db-0 CrashLoopBackOff", "restarts 12")),
                        new RootCause(new ServiceId("shop", "order-api"), ComponentKind.SERVICE, 0,
                                List.of("error rate 42%"))));
    }

    /** An analysis that found nothing to run. */
    private static Analysis withoutAction(String incidentId) {
        return ApprovalFixture.analysis(incidentId, null, 0);
    }

    @Test
    void save_thenLatest_isTheAnalysisAsTheApiShowsIt() {
        // GIVEN an analysis with an action, root causes and a blast radius
        Analysis analysis = withAction(newIncident());

        // WHEN it is saved and read
        store().save(analysis);

        // THEN it reads back as the API shows it, field for field (numbers, lists and nested maps included)
        assertThat(store().latest(analysis.incidentId())).contains(AnalysisDocument.view(analysis));
        assertThat(store().latest(analysis.incidentId()).map(AnalysisView::document))
                .contains(AnalysisDocument.of(analysis));
    }

    @Test
    void save_analysisWithoutAction_hasNoProposedAction() {
        // GIVEN / WHEN an analysis proposing nothing is saved
        Analysis analysis = withoutAction(newIncident());
        store().save(analysis);

        // THEN it reads back without a proposed action
        Map<String, Object> doc = store().latest(analysis.incidentId()).orElseThrow().document();
        assertThat(doc).isEqualTo(AnalysisDocument.of(analysis)).doesNotContainKey("proposedAction");
    }

    @Test
    void save_againForTheSameIncident_replacesTheLatest() {
        // GIVEN an incident analysed once
        String incident = newIncident();
        store().save(withAction(incident));

        // WHEN a later notification's analysis is saved
        Analysis later = withoutAction(incident);
        Analysis laterStill = new Analysis(later.incidentId(), later.notificationKey(), later.findings(),
                "resolved itself", later.hypotheses(), later.narrator(), later.proposedAction(),
                later.proposalSource(), true, later.analyzedAt().plus(Duration.ofMinutes(5)));
        store().save(laterStill);

        // THEN only the latest is there
        assertThat(store().latest(incident)).contains(AnalysisDocument.view(laterStill));
    }

    @Test
    void latest_incidentNeverAnalysed_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().latest(newIncident())).isEmpty();
    }

    @Test
    void latestOf_manyIncidentsSomeAnalysed_answersExactlyThoseByIncidentId() {
        // GIVEN 130 incidents (more than one DynamoDB batch read holds), three of them analysed
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ids.add(newIncident());
        }
        Analysis first = withAction(ids.get(0));
        Analysis middle = withoutAction(ids.get(64));
        Analysis last = withAction(ids.get(129));
        store().save(first);
        store().save(middle);
        store().save(last);

        // WHEN the list reads them all at once, one id twice
        List<String> asked = new ArrayList<>(ids);
        asked.add(ids.get(64));
        Map<String, AnalysisView> docs = store().latestOf(asked);

        // THEN the three analysed ones, each under its id, the others left out
        assertThat(docs).containsOnlyKeys(ids.get(0), ids.get(64), ids.get(129));
        assertThat(docs.get(ids.get(0))).isEqualTo(AnalysisDocument.view(first));
        assertThat(docs.get(ids.get(64))).isEqualTo(AnalysisDocument.view(middle));
        assertThat(docs.get(ids.get(129))).isEqualTo(AnalysisDocument.view(last));
    }

    @Test
    void latestOf_noIds_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().latestOf(List.of())).isEmpty();
    }
}
