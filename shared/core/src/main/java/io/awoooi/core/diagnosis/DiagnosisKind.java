package io.awoooi.core.diagnosis;

/** The classes of failure the diagnosis tells apart; each decides its own kind of fix (or none). */
public enum DiagnosisKind {
    /** The newest revision of a Deployment fails where the previous one served: undo the rollout. */
    BAD_ROLLOUT("a bad rollout"),
    /** A container is killed for memory again and again: raise its limit (within a bound), never restart. */
    OOM_KILLED("killed for memory"),
    /** The failing pods run on a node that is NotReady or under pressure: cordon it. */
    NODE_FAILURE("a failing node"),
    /** Pods stay Pending: the scheduler finds no node for them. A human adds capacity. */
    UNSCHEDULABLE("pods that cannot be scheduled"),
    /** A volume cannot attach or mount (or its claim is lost). A human fixes the storage. */
    VOLUME_FAILURE("a volume that cannot attach or mount"),
    /** A Secret or ConfigMap the pods need does not exist. A human restores it. */
    MISSING_CONFIG("a missing Secret or ConfigMap"),
    /** The image cannot be pulled and nothing changed: registry or credentials. */
    IMAGE_PULL("an image that cannot be pulled"),
    /** Containers crash again and again with no recent change and no memory kill: restart. */
    CRASH_LOOP("a crash loop"),
    /** Pods run but fail their readiness or liveness probes. */
    PROBE_FAILURE("failing probes"),
    /** Fewer replicas available than desired, with no failing pod to explain it. */
    DEGRADED("fewer replicas than desired"),
    /** Unhealthy, but the evidence fits none of the classes above. */
    UNEXPLAINED("an unexplained failure"),
    /** Nothing unhealthy within reach of the alerts. */
    NOTHING_UNHEALTHY("nothing unhealthy in reach");

    private final String words;

    DiagnosisKind(String words) {
        this.words = words;
    }

    /** The class in plain words ("a bad rollout"). */
    public String words() {
        return words;
    }
}
