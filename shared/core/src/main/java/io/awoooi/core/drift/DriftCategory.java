package io.awoooi.core.drift;

/** What kind of field drifted, with the severity a change of it has by default. */
public enum DriftCategory {
    IMAGE(Severity.HIGH),
    REPLICAS(Severity.MEDIUM),
    RESOURCES(Severity.MEDIUM),
    ENV(Severity.MEDIUM),
    COMMAND(Severity.HIGH),
    PROBES(Severity.MEDIUM),
    METADATA(Severity.LOW),
    SECURITY_CONTEXT(Severity.HIGH),
    /** The object has no declarative owner at all: nothing says what it should be. */
    UNMANAGED(Severity.LOW);

    private final Severity severity;

    DriftCategory(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** The wire name, e.g. {@code security_context}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
