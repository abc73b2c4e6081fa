package io.awoooi.core.evidence;

import java.util.Objects;
import java.util.Optional;

/**
 * One container of a pod as its status and spec say.
 *
 * @param init an init container
 * @param restarts {@code restartCount}
 * @param ready the container's {@code ready}
 * @param waitingReason {@code state.waiting.reason}: CrashLoopBackOff, ImagePullBackOff, ErrImagePull,
 *     CreateContainerConfigError, ContainerCreating, ...
 * @param missingObject for CreateContainerConfigError: the Secret or ConfigMap the kubelet could not
 *     find, as {@code secret/NAME} or {@code configmap/NAME} (parsed from the waiting message by the
 *     adapter; the message itself is not kept)
 * @param terminated {@code state.terminated}, when the container is terminated now
 * @param lastTerminated {@code lastState.terminated}: how the previous run ended
 * @param resources the container's requests and limits from the pod spec
 */
public record ContainerFacts(String name, boolean init, int restarts, boolean ready, Optional<String> waitingReason,
        Optional<String> missingObject, Optional<Terminated> terminated, Optional<Terminated> lastTerminated,
        Resources resources) {
    public ContainerFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(waitingReason, "waitingReason");
        Objects.requireNonNull(missingObject, "missingObject");
        Objects.requireNonNull(terminated, "terminated");
        Objects.requireNonNull(lastTerminated, "lastTerminated");
        Objects.requireNonNull(resources, "resources");
    }

    public boolean waiting(String reason) {
        return waitingReason.filter(reason::equals).isPresent();
    }
}
