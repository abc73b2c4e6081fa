package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The incident API's documents in words for a terminal: the list, one incident, the demo's story. */
class IncidentViewsTest {

    private static final JsonNode DOC = Json
            .parse("""
                    {"id": "inc_1", "status": "FIRING", "severity": "critical", "createdAt": "2026-11-25T03:00:00Z",
                     "updatedAt": "2026-11-25T03:07:30Z", "age": "12 min",
                     "alerts": [
                       {"alertname": "HighErrorRate", "severity": "warning", "status": "FIRING", "startsAt": "2026-11-25T03:01:00Z",
                        "annotations": {"summary": "order-api on [IP_2] answers 12% with 5xx"}},
                       {"alertname": "PostgresDown", "severity": "critical", "status": "FIRING", "startsAt": "2026-11-25T03:00:00Z",
                        "annotations": {"summary": "PostgreSQL on [IP_1] is down", "runbook_url": "https://runbooks.example/pg"}}],
                     "analysis": {"rootCauses": [{"service": "shop/postgres-db", "kind": "DATABASE"}],
                       "blastRadius": [{"service": "shop/frontend"}, {"service": "shop/ingress"}],
                       "diagnosis": {"kind": "CRASH_LOOP", "inWords": "a crash loop", "summary": "postgres-db-0 crash-loops",
                                     "evidence": ["postgres-db-0: CrashLoopBackOff"]},
                       "proposedAction": {"id": "restart_pod", "inWords": "Restart pod postgres-db-0 in shop", "baseRisk": "LOW",
                                          "source": "deterministic"}},
                     "approval": {"status": "EXECUTED", "risk": "HIGH", "baseRisk": "LOW",
                       "riskStory": "HIGH: restart pod is LOW in the catalog, raised 2 levels because of the 2 facts below",
                       "riskReasons": ["restart_pod: LOW in the catalog, raised to HIGH by the facts below",
                                       "raised: it disrupts a stateful component (a database)",
                                       "raised: dry-run check blast_radius failed: 5 services depend on the target"],
                       "action": {"id": "restart_pod", "inWords": "Restart pod postgres-db-0 in shop"},
                       "required": {"count": 2, "inWords": "2 approvals from admin, devops or sre"},
                       "dryRun": {"checks": [{"name": "blast_radius", "passed": false, "reason": "5 services depend on the target"}]},
                       "notified": ["alice", "bob"],
                       "signatures": [{"approver": "alice", "role": "devops", "decision": "approve", "at": "2026-11-25T03:02:00Z"},
                                      {"approver": "bob", "role": "sre", "decision": "approve", "at": "2026-11-25T03:03:00Z"}],
                       "reason": "deleted pod postgres-db-0"},
                     "execution": {"status": "EXECUTED", "reason": "deleted pod postgres-db-0", "outcome": "EFFECTIVE",
                                   "verifiedAt": "2026-11-25T03:07:30Z"},
                     "timeline": [{"type": "alert_received", "actor": "intake", "at": "2026-11-25T03:00:01Z"}]}""");

    @Test
    void incident_theWholeStoryInLines() {
        String text = String.join("\n", IncidentViews.incident(DOC));
        assertThat(text).startsWith("Incident inc_1: FIRING, critical, created 2026-11-25 03:00 UTC (")
                .contains("  PostgresDown (critical, firing since 2026-11-25 03:00 UTC (")
                .contains("): PostgreSQL on [IP_1] is down\n    runbook: https://runbooks.example/pg")
                .contains(
                        "Diagnosis: a crash loop: postgres-db-0 crash-loops\n  evidence: postgres-db-0: CrashLoopBackOff")
                .contains("Root causes: shop/postgres-db\nBlast radius: shop/frontend, shop/ingress")
                .contains(
                        "Proposed: Restart pod postgres-db-0 in shop (restart_pod, catalog risk LOW, chosen by the rules)")
                .contains("Approval: EXECUTED, risk HIGH (catalog LOW), needs 2 approvals from admin, devops or sre")
                .contains("  dry-run warning: blast_radius: 5 services depend on the target")
                .contains("  asked: alice, bob\n  [x] alice (devops) approved at 2026-11-25 03:02 UTC (")
                .contains(
                        "Execution: EXECUTED: deleted pod postgres-db-0\n  effect: EFFECTIVE (checked 2026-11-25 03:07 UTC")
                .contains("Timeline:\n  2026-11-25 03:00 UTC (");
    }

    @Test
    void list_threeLinesPerIncidentAndTheNextPage() {
        JsonNode page = Json
                .parse("""
                        {"incidents": [{"id": "inc_1", "status": "FIRING", "severity": "critical", "age": "12 min",
                          "updatedAt": "2026-11-25T03:07:30Z", "alerts": [{"alertname": "PostgresDown"}, {"alertname": "HighErrorRate"}],
                          "diagnosis": {"kind": "CRASH_LOOP", "inWords": "a crash loop"}, "rootCause": "shop/postgres-db",
                          "proposedAction": {"id": "restart_pod", "inWords": "Restart pod postgres-db-0 in shop", "baseRisk": "LOW"},
                          "approval": {"status": "APPROVED", "risk": "HIGH", "baseRisk": "LOW"},
                          "execution": {"status": "EXECUTED", "outcome": "EFFECTIVE"}},
                         {"id": "inc_2", "status": "RESOLVED", "age": "2 days", "updatedAt": "x", "alerts": []}],
                         "nextToken": "abc"}""");
        assertThat(IncidentViews.list(page)).containsExactly(
                "inc_1  FIRING  critical  12 min old  PostgresDown, HighErrorRate",
                "    a crash loop at shop/postgres-db -> Restart pod postgres-db-0 in shop",
                "    approval APPROVED, risk HIGH (catalog LOW) · execution EXECUTED, EFFECTIVE · updated "
                        + IncidentViews.at("2026-11-25T03:07:30Z"),
                "inc_2  RESOLVED  no severity  2 days old  ",
                "    not analysed yet",
                "    updated x",
                "more: --next abc");
        assertThat(IncidentViews.list(Json.parse("{\"incidents\": []}"))).containsExactly("no incidents");
    }

    @Test
    void story_alertCauseActionPeopleOutcomeAndWhyVoided() {
        JsonNode voided = Json
                .parse("""
                        {"id": "inc_2", "approval": {"status": "VOIDED", "signatures": [{"approver": "alice"}, {"approver": "bob"}],
                          "reason": "the cluster changed"},
                         "execution": {"status": "VOIDED",
                           "reason": "the cluster changed since the approval (the dry-run's state fingerprint differs)"}}""");
        assertThat(IncidentViews.story(DOC, voided)).containsExactly(
                "The story:",
                "  The alert:        PostgreSQL on [IP_1] is down (critical, 2 alert(s) in the incident)",
                "  What is wrong:    a crash loop: postgres-db-0 crash-loops",
                "  Root cause:       shop/postgres-db",
                "  Blast radius:     shop/frontend, shop/ingress",
                "  The action:       Restart pod postgres-db-0 in shop, risk HIGH (catalog LOW)",
                "                    HIGH: restart pod is LOW in the catalog, raised 2 levels because of the 2 facts below",
                "                    - it disrupts a stateful component (a database)",
                "                    - dry-run check blast_radius failed: 5 services depend on the target",
                "  Who was asked:    alice, bob (2 approvals from admin, devops or sre)",
                "  Who signed:       alice (devops) approved at " + IncidentViews.at("2026-11-25T03:02:00Z")
                        + ", bob (sre)"
                        + " approved at " + IncidentViews.at("2026-11-25T03:03:00Z"),
                "  What ran:         EXECUTED: deleted pod postgres-db-0",
                "  Did it help:      EFFECTIVE (the target is healthy again)",
                "  The second alert: inc_2 VOIDED after alice and bob approved",
                "  Why VOIDED:       the cluster changed since the approval (the dry-run's state fingerprint differs) (the demo"
                        + " scaled the StatefulSet between the signatures: nothing was done)");
    }
}
