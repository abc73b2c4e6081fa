package io.awoooi.core.shield;

/** A label that the incident's vault does not hold: never passed through as text. */
public class UnknownLabelException extends RuntimeException {
    public UnknownLabelException(String incidentId, String label) {
        super("incident " + incidentId + " has no vault entry for " + label, null, false, false);
    }
}
