package io.awoooi.core.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes event (v1 or events.k8s.io) about a workload, its pods, its claims or a node.
 *
 * @param reason FailedScheduling, FailedMount, FailedAttachVolume, BackOff, Unhealthy, OOMKilling,
 *     NodeNotReady, Evicted, ...
 * @param type Normal or Warning
 * @param objectKind the involved object's kind (Pod, Deployment, PersistentVolumeClaim, Node)
 * @param objectName the involved object's name
 * @param count how often it happened (1 when not reported)
 * @param lastSeen the last time it happened
 * @param detail a short structured reading of the message ("Insufficient cpu", "Multi-Attach",
 *     "secret orders-db-creds"); never the message itself
 */
public record EventFacts(String reason, String type, String objectKind, String objectName, int count,
        Optional<Instant> lastSeen, Optional<String> detail) {
    public EventFacts {
        Objects.requireNonNull(reason, "reason");
        type = type == null ? "Normal" : type;
        Objects.requireNonNull(objectKind, "objectKind");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(detail, "detail");
    }

    /** Seen at or after {@code since} (false when the time is unknown). */
    public boolean seenSince(Instant since) {
        return lastSeen.map(t -> !t.isBefore(since)).orElse(false);
    }
}
