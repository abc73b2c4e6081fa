package io.awoooi.cluster;

/**
 * A cluster setting is missing or malformed: a deployment error that no retry fixes. The message
 * names the variable (or the secret's field) and never its value, which may be a credential.
 */
public final class ClusterSettingsException extends RuntimeException {
    private final String setting;

    ClusterSettingsException(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
    }

    /** The environment variable at fault, e.g. {@code EKS_CLUSTER_NAME}. */
    public String setting() {
        return setting;
    }
}
