package io.awoooi.core.execution;

import io.awoooi.core.action.ProposedAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts the labels back into what the cluster said about a rehydrated action: its adapters answer
 * with the API server's words ({@code pods "checkout-7d9f" is forbidden}), and those must not reach
 * a record, the operation log or a notification, where labels are the only form names take.
 */
final class RealNames {
    private RealNames() {
    }

    /**
     * What the cluster said about a request's action, as it may be written: {@link #masked} and, when
     * the action names labels (Kubernetes names labelled), every other name the incident's vault holds
     * a label for ({@code heldNames}: incident id, text), such as the pod's controller.
     */
    static String shown(String text, io.awoooi.core.approval.ApprovalRequest request, ProposedAction real,
            java.util.function.BiFunction<String, String, String> heldNames) {
        String masked = masked(text, request.action(), real);
        return request.action().needsRehydration() ? heldNames.apply(request.incidentId(), masked) : masked;
    }

    /**
     * {@code text} with each value of {@code real} that stands for a label in {@code labelled}
     * replaced by that label, longer values first (a name containing another is replaced whole).
     */
    static String masked(String text, ProposedAction labelled, ProposedAction real) {
        List<Map.Entry<String, String>> swaps = new ArrayList<>();
        labelled.params().forEach((name, label) -> real.param(name)
                .filter(value -> !value.isEmpty() && !value.equals(label))
                .ifPresent(value -> swaps.add(Map.entry(value, label))));
        swaps.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        String out = text;
        for (Map.Entry<String, String> swap : swaps) {
            out = out.replace(swap.getKey(), swap.getValue());
        }
        return out;
    }

    /**
     * The action with every label replaced by its value for the incident, checked by the catalog again.
     *
     * @throws io.awoooi.core.shield.UnknownLabelException when the vault does not hold a label
     * @throws IllegalArgumentException when a value is refused by the catalog (the reason names the rule)
     */
    static ProposedAction rehydrated(ProposedAction labelled, String incidentId,
            java.util.function.BiFunction<String, String, String> rehydrate) {
        if (!labelled.needsRehydration()) {
            return labelled;
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        labelled.params().forEach((k, v) -> params.put(k, rehydrate.apply(incidentId, v)));
        io.awoooi.core.action.ParseResult parsed = io.awoooi.core.action.ActionCatalog.parse(labelled.type().id(),
                params);
        if (parsed instanceof io.awoooi.core.action.ParseResult.Valid valid) {
            return valid.action();
        }
        throw new IllegalArgumentException(((io.awoooi.core.action.ParseResult.Invalid) parsed).reason());
    }
}
