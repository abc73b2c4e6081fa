package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of {@code ./awoooi demo}: the whole loop, end to end, on the local stack. Each issue
 * that extends the loop appends its steps to {@link #steps()}.
 */
final class TracerBullet {

  static final String INCIDENT_ID = "incidentId";

  private TracerBullet() {}

  static List<DemoStep> steps() {
    return List.of(
        new DemoStep("trigger_alert", TracerBullet::triggerAlert),
        new DemoStep("incident_recorded", TracerBullet::incidentRecorded));
  }

  /** POST the bundled webhook with the intake token: 202 and an incident id. */
  static void triggerAlert(DemoContext context) throws Exception {
    JsonNode body = DemoContext.expect(
        context.post("/v1/alerts", context.stack().intakeToken(), DemoContext.webhook()), 202);
    String id = body.path("incidentId").asText("");
    if (id.isBlank()) {
      throw new DemoStep.StepFailed("HTTP 202 without an incidentId");
    }
    context.remember(INCIDENT_ID, id);
  }

  /** GET the incident with the operator token: FIRING, with both alerts of the webhook. */
  static void incidentRecorded(DemoContext context) throws Exception {
    String id = context.fact(INCIDENT_ID, "trigger_alert");
    JsonNode incident = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()), 200);
    if (!"FIRING".equals(incident.path("status").asText())) {
      throw new DemoStep.StepFailed("status is '" + incident.path("status").asText() + "', expected FIRING");
    }
    List<String> expected = List.of("PostgresDown", "HighErrorRate");
    List<String> names = new ArrayList<>();
    incident.path("alerts").forEach(a -> names.add(a.path("alertname").asText()));
    if (!names.containsAll(expected) || names.size() != expected.size()) {
      throw new DemoStep.StepFailed("alerts are " + names + ", expected " + expected);
    }
  }
}
