package io.awoooi.core.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.action.ActionCatalog;
import io.awoooi.core.action.ParseResult;
import io.awoooi.core.action.ProposedAction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the executions queue carries: an approved request, the exact action, and the state
 * fingerprint the approvers saw (the executor compares it before acting). Parameters may still be
 * Privacy Shield labels: the executor is the only place they become real values.
 */
public record ExecutionOrder(String requestId, String incidentId, String notificationKey, ProposedAction action,
        String actionHash, String stateFingerprint, Instant approvedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExecutionOrder {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(notificationKey, "notificationKey");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actionHash, "actionHash");
        Objects.requireNonNull(stateFingerprint, "stateFingerprint");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }

    public static ExecutionOrder of(ApprovalRequest request, Instant approvedAt) {
        return new ExecutionOrder(request.id(), request.incidentId(), request.notificationKey(), request.action(),
                request.actionHash(), request.dryRun().stateFingerprint(), approvedAt);
    }

    /**
     * The FIFO message group: the resource acted on, so two actions on the same target run one after
     * the other while different targets do not wait for each other.
     */
    public String messageGroup() {
        StringBuilder sb = new StringBuilder(action.param("namespace").orElse("_cluster"));
        for (String name : new String[] {"pod", "workload", "deployment", "pvc", "node"}) {
            action.param(name).ifPresent(v -> sb.append('/').append(v));
        }
        return sb.toString();
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode()
                .put("requestId", requestId).put("incidentId", incidentId).put("notificationKey", notificationKey)
                .put("action", action.type().id()).put("actionHash", actionHash)
                .put("stateFingerprint", stateFingerprint).put("approvedAt", approvedAt.toString());
        ObjectNode params = n.putObject("params");
        action.params().forEach(params::put);
        return n.toString();
    }

    /** @throws IllegalArgumentException when the body is not an order or its action is not in the catalog */
    public static ExecutionOrder fromJson(String body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("execution order is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("execution order is not a JSON object");
        }
        Map<String, String> params = new LinkedHashMap<>();
        n.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        ParseResult parsed = ActionCatalog.parse(n.path("action").asText(null), params);
        if (!(parsed instanceof ParseResult.Valid valid)) {
            throw new IllegalArgumentException("execution order's action is refused by the catalog: "
                    + ((ParseResult.Invalid) parsed).reason());
        }
        try {
            return new ExecutionOrder(req(n, "requestId"), req(n, "incidentId"), req(n, "notificationKey"),
                    valid.action(), req(n, "actionHash"), req(n, "stateFingerprint"),
                    Instant.parse(req(n, "approvedAt")));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("execution order has a malformed approvedAt");
        }
    }

    private static String req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("execution order misses " + field);
        }
        return v.asText();
    }
}
