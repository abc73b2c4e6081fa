package io.awoooi.core.topology;

import java.util.Optional;

/** The Kubernetes controllers whose pods a rollout restart replaces. */
public enum WorkloadKind {
    DEPLOYMENT("deployment"),
    STATEFULSET("statefulset"),
    DAEMONSET("daemonset");

    private final String id;

    WorkloadKind(String id) {
        this.id = id;
    }

    /** The lowercase name used in action parameters and alert label keys, e.g. {@code statefulset}. */
    public String id() {
        return id;
    }

    public static Optional<WorkloadKind> fromId(String id) {
        for (WorkloadKind k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
