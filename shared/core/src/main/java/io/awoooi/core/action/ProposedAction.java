package io.awoooi.core.action;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * An action of the catalog with its parameters, valid by construction: the constructor applies the
 * catalog's rules, so no instance can hold an unknown parameter, miss a required one or carry a
 * malformed name. Use {@link ActionCatalog#parse} for input that may be wrong.
 *
 * @param params parameter name to value; values may be Privacy Shield labels where the parameter
 *     accepts them ({@link #needsRehydration()})
 */
public record ProposedAction(ActionType type, Map<String, String> params) {
    public ProposedAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(params, "params");
        Optional<String> problem = ActionCatalog.problemWith(type, params);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public RiskLevel baseRisk() {
        return type.baseRisk();
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** Whether any value is a Privacy Shield label the executor must turn back into the name. */
    public boolean needsRehydration() {
        for (var e : params.entrySet()) {
            Optional<Parameter> p = type.parameter(e.getKey());
            if (p.isPresent() && p.get().rule().isAcceptedLabel(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** {@code restart_pod(namespace=shop, pod=order-api-7d9f8c6b5-x2kqp)}, parameters by name. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", type.id() + "(", ")");
        params.forEach((name, value) -> out.add(name + "=" + value));
        return out.toString();
    }
}
