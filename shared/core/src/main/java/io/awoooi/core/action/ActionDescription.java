package io.awoooi.core.action;

import java.util.List;

/**
 * One action of the catalog as an LLM prompt or an API shows it (a plain record: Jackson writes it
 * as JSON as it is).
 */
public record ActionDescription(String id, RiskLevel baseRisk, String summary, List<ParameterDescription> parameters) {
    public ActionDescription {
        parameters = List.copyOf(parameters);
    }

    /** One parameter: its name, whether it is required, what it names and what a value must be. */
    public record ParameterDescription(String name, boolean required, String meaning, String requirement) {
    }
}
