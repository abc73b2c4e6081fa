package io.awoooi.kube;

import io.awoooi.core.evidence.ContainerFacts;
import io.awoooi.core.evidence.EventFacts;
import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.Terminated;
import io.awoooi.core.evidence.WorkloadEvidence;
import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.topology.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A topology node's health from its evidence alone (so the core may take this over as a rule):
 * what is wrong <em>now</em> or happened within the recency window is evidence; what a pod that is
 * Ready now went through before the window is history.
 *
 * <p>Unhealthy, with these findings in this order, when:
 * <ul>
 *   <li>available &lt; desired: {@code available 0/1};
 *   <li>for each live pod (not terminating, not finished), by name:
 *     <ul>
 *       <li>not Ready: {@code pod P not ready};
 *       <li>a container waits with a bad reason ({@link #BAD_WAITING_REASONS}): {@code pod P CrashLoopBackOff};
 *       <li>CreateContainerConfigError names a missing object: {@code pod P missing secret/x};
 *       <li>a container was OOMKilled: now, or its last run ended so within the window: {@code pod P OOMKilled};
 *       <li>more restarts than the threshold, unless the pod is Ready and every restarted
 *           container's last run ended before the window (an unknown end counts as recent):
 *           {@code pod P restarts 12};
 *       <li>Pending, not scheduled, with a FailedScheduling event (within the window, or without a
 *           time): {@code pod P unschedulable (Insufficient cpu)};
 *       <li>its node is not Ready: {@code node N not ready (pod P)}.
 *     </ul>
 * </ul>
 * At most {@link KubernetesTopologySource#MAX_EVIDENCE} findings, the last one then saying how many
 * more there were.
 */
final class EvidenceHealth {
    static final Set<String> BAD_WAITING_REASONS = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "CreateContainerError", "InvalidImageName", "RunContainerError");

    private EvidenceHealth() {
    }

    static Health judge(WorkloadEvidence evidence, Map<String, NodeFacts> nodes, Instant now, Duration recency,
            int restartThreshold) {
        Instant since = now.minus(recency);
        List<String> findings = new ArrayList<>();
        evidence.workload().filter(w -> w.available() < w.desired())
                .ifPresent((WorkloadRef w) -> findings.add("available " + w.available() + "/" + w.desired()));
        for (PodFacts pod : evidence.pods()) {
            if (pod.terminating() || pod.finished()) {
                continue; // replaced by the controller: the replica count tells
            }
            String p = "pod " + pod.name();
            if (!pod.ready()) {
                findings.add(p + " not ready");
            }
            Set<String> reasons = new LinkedHashSet<>();
            Set<String> missing = new LinkedHashSet<>();
            boolean oom = false;
            for (ContainerFacts c : pod.containers()) {
                c.waitingReason().filter(BAD_WAITING_REASONS::contains).ifPresent(reasons::add);
                c.missingObject().ifPresent(missing::add);
                oom |= c.terminated().filter(Terminated::oomKilled).isPresent()
                        || c.lastTerminated().filter(t -> t.oomKilled() && t.endedSince(since)).isPresent();
            }
            reasons.forEach(r -> findings.add(p + " " + r));
            missing.forEach(m -> findings.add(p + " missing " + m));
            if (oom) {
                findings.add(p + " OOMKilled");
            }
            if (pod.restarts() > restartThreshold && !(pod.ready() && restartsAreHistory(pod, since))) {
                findings.add(p + " restarts " + pod.restarts());
            }
            if ("Pending".equals(pod.phase()) && pod.node().isEmpty()) {
                failedScheduling(evidence.events(), pod.name(), since)
                        .ifPresent(d -> findings.add(p + " unschedulable" + d));
            }
            pod.node().map(nodes::get).filter(n -> !n.ready())
                    .ifPresent(n -> findings.add("node " + n.name() + " not ready (" + p + ")"));
        }
        if (findings.isEmpty()) {
            return Health.ok();
        }
        int max = KubernetesTopologySource.MAX_EVIDENCE;
        if (findings.size() > max) {
            int more = findings.size() - (max - 1);
            List<String> capped = new ArrayList<>(findings.subList(0, max - 1));
            capped.add("and " + more + " more findings");
            return Health.unhealthy(capped);
        }
        return Health.unhealthy(findings);
    }

    /** Every container that restarted ended its last run before {@code since}, as far as known. */
    private static boolean restartsAreHistory(PodFacts pod, Instant since) {
        for (ContainerFacts c : pod.containers()) {
            if (c.restarts() == 0) {
                continue;
            }
            Optional<Instant> ended = c.lastTerminated().flatMap(Terminated::finishedAt);
            if (ended.isEmpty() || !ended.get().isBefore(since)) {
                return false;
            }
        }
        return true;
    }

    /** " (detail)" of the newest recent FailedScheduling event of the pod, "" without detail; empty without one. */
    private static Optional<String> failedScheduling(List<EventFacts> events, String pod, Instant since) {
        return events.stream()
                .filter(e -> "FailedScheduling".equals(e.reason()) && "Pod".equals(e.objectKind())
                        && pod.equals(e.objectName()))
                .filter(e -> e.lastSeen().isEmpty() || e.seenSince(since))
                .findFirst()
                .map(e -> e.detail().map(d -> " (" + d + ")").orElse(""));
    }
}
