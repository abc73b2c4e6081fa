package io.awoooi.core.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment's rollout history from its ReplicaSets ({@code deployment.kubernetes.io/revision}).
 *
 * @param currentRevision the revision of the ReplicaSet whose pod template matches the Deployment's
 * @param currentHash that ReplicaSet's {@code pod-template-hash}
 * @param currentSince when that ReplicaSet was created: when the change rolled out
 * @param previousRevision the highest revision below the current one, if any is kept
 * @param previousHash its {@code pod-template-hash}
 * @param previousReadyReplicas how many of its pods are Ready now (a rollout that stalls keeps the
 *     old pods serving)
 * @param previousServedFor how long the previous revision was the current one (from its creation to
 *     the current one's), when both times are known
 * @param changed what differs from the previous template: {@code image}, {@code env},
 *     {@code resources}, {@code command}, {@code probes}, {@code volumes}, {@code other}
 */
public record RolloutFacts(long currentRevision, String currentHash, Optional<Instant> currentSince,
        Optional<Long> previousRevision, Optional<String> previousHash, int previousReadyReplicas,
        Optional<java.time.Duration> previousServedFor, List<String> changed) {
    public RolloutFacts {
        Objects.requireNonNull(currentHash, "currentHash");
        Objects.requireNonNull(currentSince, "currentSince");
        Objects.requireNonNull(previousRevision, "previousRevision");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(previousServedFor, "previousServedFor");
        changed = List.copyOf(changed);
    }
}
