package io.awoooi.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/** The delayed effectiveness check of one executed request. */
public record VerificationOrder(String requestId, String incidentId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public VerificationOrder {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
    }

    public String toJson() {
        return JSON.createObjectNode().put("type", "verify").put("requestId", requestId)
                .put("incidentId", incidentId).toString();
    }

    /** @throws IllegalArgumentException when the body is not a verification order */
    public static VerificationOrder fromJson(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !"verify".equals(n.path("type").asText()) || !n.path("requestId").isTextual()
                    || !n.path("incidentId").isTextual()) {
                throw new IllegalArgumentException("not a verification order");
            }
            return new VerificationOrder(n.get("requestId").asText(), n.get("incidentId").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("verification order is not JSON");
        }
    }

    /** Whether a queue message body is a verification order (and not an execution order). */
    public static boolean isVerification(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && "verify".equals(n.path("type").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }
}
