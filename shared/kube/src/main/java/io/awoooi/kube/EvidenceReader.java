package io.awoooi.kube;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.ContainerFacts;
import io.awoooi.core.evidence.EventFacts;
import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.Resources;
import io.awoooi.core.evidence.Terminated;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fabric8 objects into the core's evidence records ({@code io.awoooi.core.evidence}): pods
 * and their containers, claims and nodes. Only names, reasons, counts, quantities and times are
 * kept; a waiting message is reduced to the object it names ({@link #missingObject}), label values
 * other than the template hash, annotations and environment values are never read here.
 */
final class EvidenceReader {
    /** The label of a Deployment's pods naming their ReplicaSet's template. */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";
    /** The label of a StatefulSet's or DaemonSet's pods naming their ControllerRevision. */
    static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";

    /** The node conditions that count as a pressure when True. */
    static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure");

    private static final String NAME = "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)";
    private static final Pattern NOT_FOUND = Pattern.compile("(?i)\\b(secret|configmap)s? \"" + NAME + "\" not found");
    private static final Pattern MISSING_KEY = Pattern.compile(
            "couldn't find key \\S+ in (Secret|ConfigMap) [a-z0-9][-a-z0-9]{0,62}/" + NAME);

    private EvidenceReader() {
    }

    /** A pod as facts: placement, phase, readiness and its times, template hash, claims and containers. */
    static PodFacts pod(Pod pod) {
        var meta = pod.getMetadata();
        var status = pod.getStatus();
        PodSpec spec = pod.getSpec();
        Optional<PodCondition> ready = status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
        Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
        Optional<String> hash = Optional.ofNullable(labels.get(POD_TEMPLATE_HASH))
                .or(() -> Optional.ofNullable(labels.get(CONTROLLER_REVISION_HASH)));
        return new PodFacts(meta.getName(),
                Optional.ofNullable(spec == null ? null : spec.getNodeName()).filter(n -> !n.isBlank()),
                status == null ? null : status.getPhase(),
                ready.map(c -> "True".equals(c.getStatus())).orElse(false),
                ready.flatMap(c -> Times.parse(c.getLastTransitionTime())),
                Times.parse(meta.getCreationTimestamp()),
                hash,
                meta.getDeletionTimestamp() != null,
                containers(pod),
                claims(pod));
    }

    /**
     * The pod's containers, init containers first, in spec order: each with its status (restarts,
     * readiness, states) when the kubelet reported one, and its requests and limits from the spec.
     */
    static List<ContainerFacts> containers(Pod pod) {
        PodSpec spec = pod.getSpec();
        var status = pod.getStatus();
        List<ContainerFacts> facts = new ArrayList<>();
        if (spec == null) {
            return facts;
        }
        addContainers(facts, spec.getInitContainers(), status == null ? null : status.getInitContainerStatuses(), true);
        addContainers(facts, spec.getContainers(), status == null ? null : status.getContainerStatuses(), false);
        return facts;
    }

    private static void addContainers(List<ContainerFacts> facts, List<Container> containers,
            List<ContainerStatus> statuses,
            boolean init) {
        if (containers == null) {
            return;
        }
        for (Container container : containers) {
            ContainerStatus status = statuses == null ? null : statuses.stream()
                    .filter(s -> container.getName() != null && container.getName().equals(s.getName())).findFirst()
                    .orElse(null);
            facts.add(container(container, status, init));
        }
    }

    static ContainerFacts container(Container container, ContainerStatus status, boolean init) {
        ContainerState state = status == null ? null : status.getState();
        ContainerState last = status == null ? null : status.getLastState();
        Optional<String> waitingReason = Optional.ofNullable(state == null || state.getWaiting() == null ? null
                : state.getWaiting().getReason()).filter(r -> !r.isBlank());
        Optional<String> missing = waitingReason.filter("CreateContainerConfigError"::equals)
                .flatMap(r -> missingObject(state.getWaiting().getMessage()));
        return new ContainerFacts(container.getName(), init,
                status == null || status.getRestartCount() == null ? 0 : status.getRestartCount(),
                status != null && Boolean.TRUE.equals(status.getReady()),
                waitingReason, missing,
                terminated(state == null ? null : state.getTerminated()),
                terminated(last == null ? null : last.getTerminated()),
                resources(container.getResources()));
    }

    /**
     * The Secret or ConfigMap a kubelet message says is missing: {@code secret "x" not found} and
     * {@code couldn't find key K in Secret ns/x} give {@code secret/x}, the same for ConfigMaps
     * {@code configmap/x}; empty for any other message. Only the object's name is taken.
     */
    static Optional<String> missingObject(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher notFound = NOT_FOUND.matcher(message);
        if (notFound.find()) {
            return Optional.of(notFound.group(1).toLowerCase(java.util.Locale.ROOT) + "/" + notFound.group(2));
        }
        Matcher key = MISSING_KEY.matcher(message);
        if (key.find()) {
            return Optional.of(key.group(1).toLowerCase(java.util.Locale.ROOT) + "/" + key.group(2));
        }
        return Optional.empty();
    }

    static Optional<Terminated> terminated(ContainerStateTerminated terminated) {
        if (terminated == null) {
            return Optional.empty();
        }
        return Optional.of(new Terminated(terminated.getReason(),
                terminated.getExitCode() == null ? 0 : terminated.getExitCode(),
                Times.parse(terminated.getFinishedAt())));
    }

    static Resources resources(ResourceRequirements requirements) {
        if (requirements == null) {
            return Resources.none();
        }
        return new Resources(quantity(requirements.getRequests(), "cpu"), quantity(requirements.getLimits(), "cpu"),
                quantity(requirements.getRequests(), "memory"), quantity(requirements.getLimits(), "memory"));
    }

    private static Optional<String> quantity(Map<String, Quantity> quantities, String resource) {
        Quantity q = quantities == null ? null : quantities.get(resource);
        return q == null ? Optional.empty() : Optional.ofNullable(q.toString()).filter(s -> !s.isBlank());
    }

    /**
     * The PersistentVolumeClaims a pod mounts: {@code volumes[].persistentVolumeClaim.claimName},
     * and the claim of a generic ephemeral volume ({@code <pod>-<volume>}); sorted, without repeats.
     */
    static List<String> claims(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec == null || spec.getVolumes() == null) {
            return List.of();
        }
        Set<String> claims = new TreeSet<>();
        for (Volume volume : spec.getVolumes()) {
            if (volume.getPersistentVolumeClaim() != null && volume.getPersistentVolumeClaim().getClaimName() != null) {
                claims.add(volume.getPersistentVolumeClaim().getClaimName());
            } else if (volume.getEphemeral() != null && volume.getName() != null) {
                claims.add(pod.getMetadata().getName() + "-" + volume.getName());
            }
        }
        return List.copyOf(claims);
    }

    /**
     * A claim as facts. {@code claim} is null when it is not in the cluster: its phase is then
     * {@code Missing} when the claims were read, {@code Unknown} when they could not be.
     */
    static ClaimFacts claim(String name, PersistentVolumeClaim claim, boolean claimsRead) {
        if (claim == null) {
            return new ClaimFacts(name, claimsRead ? "Missing" : null, Optional.empty(), Optional.empty());
        }
        var status = claim.getStatus();
        Quantity capacity = status == null || status.getCapacity() == null ? null : status.getCapacity().get("storage");
        return new ClaimFacts(name, status == null ? null : status.getPhase(),
                Optional.ofNullable(capacity).map(Quantity::toString),
                Optional.ofNullable(claim.getSpec() == null ? null : claim.getSpec().getStorageClassName()));
    }

    /** A node as facts: Ready (Unknown is not ready), the pressures that are True, cordoned, its events. */
    static NodeFacts node(Node node, List<EventFacts> events) {
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of()
                : node.getStatus().getConditions();
        Optional<NodeCondition> ready = conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
        Set<String> pressures = new LinkedHashSet<>();
        for (NodeCondition condition : conditions) {
            if (PRESSURES.contains(condition.getType()) && "True".equals(condition.getStatus())) {
                pressures.add(condition.getType());
            }
        }
        return new NodeFacts(node.getMetadata().getName(),
                ready.map(c -> "True".equals(c.getStatus())).orElse(false),
                ready.flatMap(c -> Times.parse(c.getLastTransitionTime())),
                pressures,
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()),
                events);
    }
}
