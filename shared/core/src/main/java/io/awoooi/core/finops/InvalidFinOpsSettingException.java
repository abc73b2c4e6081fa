package io.awoooi.core.finops;

/**
 * A FinOps setting (an environment variable or a field of the pricing table) that can never work:
 * the scan refuses to start and says which setting and why, rather than inventing a figure later.
 */
public final class InvalidFinOpsSettingException extends IllegalArgumentException {
    private final String setting;

    public InvalidFinOpsSettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    /** The setting at fault, e.g. {@code FINOPS_PRICING.instanceTypes.m5.large.hourly}. */
    public String setting() {
        return setting;
    }
}
