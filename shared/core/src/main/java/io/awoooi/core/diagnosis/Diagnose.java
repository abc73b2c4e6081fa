package io.awoooi.core.diagnosis;

import io.awoooi.core.action.ActionCatalog;
import io.awoooi.core.action.ActionProposal;
import io.awoooi.core.action.DeterministicProposal;
import io.awoooi.core.action.ParseResult;
import io.awoooi.core.action.ProposalRule;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.evidence.ContainerFacts;
import io.awoooi.core.evidence.EventFacts;
import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.RolloutFacts;
import io.awoooi.core.evidence.Terminated;
import io.awoooi.core.evidence.WorkloadEvidence;
import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceGraph;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.WorkloadKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The diagnosis: reads the typed evidence of the incident's root cause ({@link WorkloadEvidence},
 * the nodes under its pods) and decides the class of failure and the one fix it supports. The LLM
 * may explain the result, never widen it: {@link Diagnosis#alternatives()} is all a model may choose.
 *
 * <p>The root cause considered is the best-ranked one whose evidence shows a current failure (a
 * node with typed evidence but nothing failing now, say a database Ready for weeks with an old
 * restart counter, is passed over). Its failure is classified in this order, the first that holds:
 * <ol>
 *   <li><b>Node failure</b>: the failing pods run on a node NotReady or under pressure: cordon it
 *       ({@code cordon_node}); already cordoned: no action, a human drains or repairs it.
 *   <li><b>Unschedulable</b>: failing pods are Pending on no node (FailedScheduling): no action, a
 *       human adds capacity or lowers requests.
 *   <li><b>Volume</b>: mount or attach failures, or a claim Lost/Pending: no action.
 *   <li><b>Bad rollout</b>: a Deployment changed within {@link DiagnosisPolicy#rolloutWindow()},
 *       the failing pods are of the new revision, and the previous revision served (Ready pods now,
 *       or it was current for {@link DiagnosisPolicy#previousServed()}): {@code rollout_undo}. This
 *       covers crash loops, image pull errors and config errors that came with the change.
 *   <li><b>Missing config</b>: CreateContainerConfigError naming a Secret or ConfigMap: no action
 *       (a restart would take down the pods still running).
 *   <li><b>Image pull</b> with no change: no action (registry or credentials).
 *   <li><b>OOM killed</b> (recent OOMKilled/137 terminations or OOMKilling events): repeatedly, with
 *       a memory limit: {@code set_resources} raising it by {@link DiagnosisPolicy#memoryFactor()};
 *       otherwise no action. Never a restart.
 *   <li><b>Crash loop</b> with no recent change: one failing pod among healthy siblings,
 *       {@code restart_pod} (unambiguous); otherwise a rollout restart of the workload with its real
 *       kind ({@code rollout_restart}), or the one pod the alerts name.
 *   <li><b>Probe failure</b> (running, not ready): restart the one failing pod, a human decides.
 *   <li><b>Degraded</b> (fewer available than desired, nothing failing): no action.
 * </ol>
 * A root cause without typed evidence (no cluster facts: a topology from another source) falls back
 * to {@link DeterministicProposal}'s restart rules, never unambiguous. No root cause, but targets
 * found: nothing unhealthy in reach, no action. No target at all: the alerts-only rules of
 * {@link DeterministicProposal}, never unambiguous.
 */
public final class Diagnose {
    private static final Set<String> CRASH_WAITING = Set.of("CrashLoopBackOff", "RunContainerError");
    private static final Set<String> PULL_WAITING = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> CONFIG_WAITING = Set.of("CreateContainerConfigError", "CreateContainerError");
    private static final Set<String> VOLUME_EVENTS = Set.of("FailedMount", "FailedAttachVolume", "FailedMapVolume");

    private final DiagnosisPolicy policy;
    private final DeterministicProposal legacy = new DeterministicProposal();

    public Diagnose() {
        this(DiagnosisPolicy.DEFAULT);
    }

    public Diagnose(DiagnosisPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param findings what the graph says
     * @param graph the graph the findings come from (its nodes carry the evidence)
     * @param nodes the cluster nodes by name
     * @param alertLabels the incident's firing alerts' labels, pseudonymized
     * @param now the analysis time: what is recent is measured from it
     */
    public Diagnosis diagnose(GraphFindings findings, ServiceGraph graph, Map<String, NodeFacts> nodes,
            List<Map<String, String>> alertLabels, Instant now) {
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(alertLabels, "alertLabels");
        Objects.requireNonNull(now, "now");
        for (RootCause cause : findings.rootCauses()) {
            WorkloadEvidence evidence = graph.node(cause.service()).map(ServiceNode::evidence)
                    .orElse(WorkloadEvidence.none());
            if (evidence.isEmpty()) {
                return withoutEvidence(findings, cause, alertLabels);
            }
            Reading reading = new Reading(cause, evidence, nodes, alertLabels, now);
            if (reading.failingNow() || onlyFiringIncidents(cause)) {
                return reading.classify();
            }
        }
        if (!findings.targets().isEmpty()) {
            String names = String.join(", ", findings.targets().stream().map(ServiceId::toString).toList());
            return new Diagnosis(DiagnosisKind.NOTHING_UNHEALTHY, Optional.empty(),
                    names + ": nothing unhealthy now in the cluster within reach of the alerts",
                    List.of("no pod of " + names + " or their dependencies fails now"), Optional.empty(), List.of(),
                    true, Optional.of("check the alert's own source (metrics, probes from outside the cluster)"));
        }
        Optional<ActionProposal> fromAlerts = legacy.propose(findings, alertLabels);
        return new Diagnosis(DiagnosisKind.UNEXPLAINED, Optional.empty(),
                fromAlerts.isPresent() ? "no alert matches the topology; the alerts report a failing pod"
                        : "no alert matches the topology",
                List.of("no target of the alerts is known to the topology"), fromAlerts,
                fromAlerts.map(p -> List.of(p.action())).orElse(List.of()), false,
                fromAlerts.isPresent() ? Optional.empty()
                        : Optional.of("look at the alerting service: AWOOOI cannot see it in the cluster"));
    }

    /** A root cause the topology knows only by evidence strings: the restart rules, a human decides. */
    private Diagnosis withoutEvidence(GraphFindings findings, RootCause cause, List<Map<String, String>> alerts) {
        Optional<ActionProposal> proposal = legacy.propose(findings, alerts);
        String evidence = cause.evidence().isEmpty() ? "unhealthy" : String.join("; ", cause.evidence());
        return new Diagnosis(proposal.isPresent() ? DiagnosisKind.CRASH_LOOP : DiagnosisKind.UNEXPLAINED,
                Optional.of(cause.service()), cause.service() + ": " + evidence, cause.evidence(), proposal,
                proposal.map(p -> List.of(p.action())).orElse(List.of()), false,
                proposal.isPresent() ? Optional.empty() : Optional.of("look at " + cause.service()));
    }

    private static boolean onlyFiringIncidents(RootCause cause) {
        return !cause.evidence().isEmpty()
                && cause.evidence().stream().allMatch(e -> e.toLowerCase(Locale.ROOT).contains("incident"));
    }

    /** One root cause's evidence, read against the policy. */
    private final class Reading {
        final RootCause cause;
        final ServiceId id;
        final WorkloadEvidence ev;
        final Map<String, NodeFacts> nodes;
        final List<Map<String, String>> alerts;
        final Instant now;
        final Instant recentSince;
        final List<PodFacts> active;
        final List<PodFacts> failing;

        Reading(RootCause cause, WorkloadEvidence ev, Map<String, NodeFacts> nodes, List<Map<String, String>> alerts,
                Instant now) {
            this.cause = cause;
            this.id = cause.service();
            this.ev = ev;
            this.nodes = nodes;
            this.alerts = alerts;
            this.now = now;
            this.recentSince = now.minus(policy.recent());
            this.active = ev.pods().stream().filter(p -> !p.terminating() && !p.finished()).toList();
            this.failing = active.stream().filter(this::failing).toList();
        }

        boolean failing(PodFacts pod) {
            if ("Pending".equals(pod.phase()) || !pod.ready()) {
                return true;
            }
            for (ContainerFacts c : pod.containers()) {
                if (c.waitingReason().isPresent() && !"ContainerCreating".equals(c.waitingReason().get())
                        && !"PodInitializing".equals(c.waitingReason().get())) {
                    return true;
                }
                if (recentFailure(c.lastTerminated()) || recentFailure(c.terminated())) {
                    return true;
                }
            }
            return false;
        }

        boolean recentFailure(Optional<Terminated> t) {
            return t.filter(x -> !x.completed() && x.endedSince(recentSince)).isPresent();
        }

        boolean failingNow() {
            if (!failing.isEmpty()) {
                return true;
            }
            boolean short_ = ev.workload().filter(w -> w.available() < w.desired()).isPresent();
            return short_ || recentWarnings().findAny().isPresent()
                    || ev.claims().stream().anyMatch(c -> "Lost".equals(c.phase()) || "Pending".equals(c.phase()));
        }

        java.util.stream.Stream<EventFacts> recentWarnings() {
            return ev.events().stream().filter(e -> "Warning".equals(e.type()) && e.seenSince(recentSince));
        }

        Diagnosis classify() {
            Optional<Diagnosis> d = nodeFailure();
            if (d.isEmpty()) {
                d = unschedulable();
            }
            if (d.isEmpty()) {
                d = volume();
            }
            if (d.isEmpty()) {
                d = badRollout();
            }
            if (d.isEmpty()) {
                d = missingConfig();
            }
            if (d.isEmpty()) {
                d = imagePull();
            }
            if (d.isEmpty()) {
                d = oomKilled();
            }
            if (d.isEmpty()) {
                d = crashLoop();
            }
            if (d.isEmpty()) {
                d = probeFailure();
            }
            return d.orElseGet(this::degradedOrUnexplained);
        }

        // ---- node ----------------------------------------------------------------------------

        Optional<Diagnosis> nodeFailure() {
            Map<String, List<PodFacts>> byImpairedNode = new LinkedHashMap<>();
            List<PodFacts> affected = new ArrayList<>(failing);
            // pods the kubelet evicted for the node's pressure are finished, but they failed for the node's sake
            ev.pods().stream().filter(p -> "Failed".equals(p.phase()) && evictedRecently(p.name()))
                    .forEach(affected::add);
            for (PodFacts pod : affected) {
                Optional<NodeFacts> node = pod.node().map(nodes::get);
                if (node.isPresent() && node.get().impaired()) {
                    byImpairedNode.computeIfAbsent(node.get().name(), n -> new ArrayList<>()).add(pod);
                }
            }
            if (byImpairedNode.isEmpty()) {
                return Optional.empty();
            }
            String nodeName = byImpairedNode.entrySet().stream()
                    .max(Comparator.comparingInt((Map.Entry<String, List<PodFacts>> e) -> e.getValue().size())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
            NodeFacts node = nodes.get(nodeName);
            List<String> facts = new ArrayList<>();
            facts.add("node " + nodeName + " " + nodeState(node));
            byImpairedNode.get(nodeName).forEach(p -> facts.add("pod " + p.name() + " on it is " + podState(p)));
            String summary = id + ": " + byImpairedNode.get(nodeName).size() + " failing pod(s) on node " + nodeName
                    + ", which is " + nodeState(node);
            if (node.unschedulable()) {
                return Optional.of(new Diagnosis(DiagnosisKind.NODE_FAILURE, Optional.of(id), summary + " (cordoned)",
                        facts, Optional.empty(), List.of(), true,
                        Optional.of("node " + nodeName + " is cordoned already: drain it or repair its kubelet so its"
                                + " pods are replaced elsewhere")));
            }
            return Optional.of(fix(DiagnosisKind.NODE_FAILURE, summary, facts,
                    action("cordon_node", Map.of("node", nodeName)), ProposalRule.CORDON_IMPAIRED_NODE, List.of(), true,
                    "cordon node " + nodeName + " and drain it"));
        }

        boolean evictedRecently(String pod) {
            return ev.events().stream().anyMatch(e -> "Evicted".equals(e.reason()) && pod.equals(e.objectName())
                    && e.seenSince(recentSince));
        }

        String nodeState(NodeFacts node) {
            List<String> parts = new ArrayList<>();
            if (!node.ready()) {
                parts.add("NotReady" + node.readySince().map(t -> " for " + ago(t)).orElse(""));
            }
            parts.addAll(new java.util.TreeSet<>(node.pressures()));
            return String.join(", ", parts);
        }

        // ---- scheduling and volumes --------------------------------------------------------------

        Optional<Diagnosis> unschedulable() {
            List<PodFacts> pending = failing.stream()
                    .filter(p -> "Pending".equals(p.phase()) && p.node().isEmpty()).toList();
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            Set<String> why = new LinkedHashSet<>();
            ev.events().stream().filter(e -> "FailedScheduling".equals(e.reason()))
                    .forEach(e -> e.detail().ifPresent(why::add));
            if (why.stream().anyMatch(w -> w.contains("PersistentVolumeClaim"))) {
                // the scheduler waits for storage, not for capacity: the volume rule says what to do
                return volume().or(() -> Optional.of(none(DiagnosisKind.VOLUME_FAILURE,
                        id + ": " + pending.size() + " pod(s) wait for a PersistentVolumeClaim to bind",
                        List.of(pending.size() + " pod(s) Pending: unbound PersistentVolumeClaims"),
                        "check the claim's storage class and provisioner; a restart cannot help")));
            }
            List<String> facts = new ArrayList<>();
            facts.add(pending.size() + " pod(s) Pending, scheduled on no node");
            why.forEach(w -> facts.add("scheduler: " + w));
            String reason = why.isEmpty() ? "no node fits them" : String.join(", ", why);
            return Optional.of(none(DiagnosisKind.UNSCHEDULABLE,
                    id + ": " + pending.size() + " pod(s) cannot be scheduled (" + reason + ")", facts,
                    "add capacity (scale the node group) or lower the pods' requests; a restart cannot help"));
        }

        Optional<Diagnosis> volume() {
            List<EventFacts> events = ev.events().stream()
                    .filter(e -> VOLUME_EVENTS.contains(e.reason()) && e.seenSince(recentSince))
                    .filter(e -> e.detail().filter(d -> d.startsWith("secret ") || d.startsWith("configmap "))
                            .isEmpty())
                    .toList();
            List<String> lost = ev.claims().stream()
                    .filter(c -> "Lost".equals(c.phase()) || "Pending".equals(c.phase()))
                    .map(c -> "claim " + c.name() + " " + c.phase()).toList();
            if (events.isEmpty() && lost.isEmpty()) {
                return Optional.empty();
            }
            List<String> facts = new ArrayList<>(lost);
            for (EventFacts e : events) {
                facts.add(e.reason() + e.detail().map(d -> " (" + d + ")").orElse("") + " on " + e.objectKind()
                        + " " + e.objectName() + times(e));
            }
            boolean multiAttach = events.stream()
                    .anyMatch(e -> e.detail().filter(d -> d.contains("Multi-Attach")).isPresent());
            return Optional.of(none(DiagnosisKind.VOLUME_FAILURE,
                    id + ": a volume cannot " + (events.isEmpty() ? "bind" : "attach or mount")
                            + (multiAttach ? " (still attached to another node)" : ""),
                    facts,
                    multiAttach
                            ? "make sure the old node is really gone, then detach the volume from it (delete its"
                                    + " VolumeAttachment); restarting the pod cannot help"
                            : "check the storage (claim, volume, CSI driver); restarting the pod cannot help"));
        }

        // ---- rollout, config, images --------------------------------------------------------------

        Optional<Diagnosis> badRollout() {
            Optional<RolloutFacts> rollout = ev.rollout();
            Optional<WorkloadRef> workload = ev.workload();
            if (rollout.isEmpty() || workload.isEmpty() || workload.get().kind() != WorkloadKind.DEPLOYMENT
                    || failing.isEmpty()) {
                return Optional.empty();
            }
            RolloutFacts r = rollout.get();
            boolean recentChange = r.currentSince().filter(t -> !t.isBefore(now.minus(policy.rolloutWindow())))
                    .isPresent();
            if (!recentChange || r.previousRevision().isEmpty() || r.changed().isEmpty()) {
                return Optional.empty();
            }
            boolean previousServed = r.previousReadyReplicas() > 0
                    || r.previousServedFor().filter(d -> d.compareTo(policy.previousServed()) >= 0).isPresent();
            List<PodFacts> newFailing = failing.stream()
                    .filter(p -> p.templateHash().filter(r.currentHash()::equals).isPresent()).toList();
            List<PodFacts> oldFailing = failing.stream()
                    .filter(p -> p.templateHash().isPresent() && !p.templateHash().get().equals(r.currentHash()))
                    .toList();
            if (!previousServed || newFailing.isEmpty() || !oldFailing.isEmpty()) {
                return Optional.empty();
            }
            List<String> facts = new ArrayList<>();
            facts.add("revision " + r.currentRevision() + " rolled out " + r.currentSince().map(this::ago).orElse("")
                    + ", changing " + String.join(", ", r.changed()));
            newFailing.stream().limit(3).forEach(p -> facts.add("new pod " + p.name() + " is " + podState(p)));
            facts.add("revision " + r.previousRevision().get() + (r.previousReadyReplicas() > 0
                    ? " still has " + r.previousReadyReplicas() + " Ready pod(s)"
                    : " served " + r.previousServedFor().map(Diagnose::duration).orElse("") + " before it"));
            String summary = id + ": revision " + r.currentRevision() + " (" + String.join(", ", r.changed())
                    + " changed " + r.currentSince().map(this::ago).orElse("recently") + ") fails ("
                    + firstProblem(newFailing.get(0)) + ") where revision " + r.previousRevision().get() + " served";
            ProposedAction undo = action("rollout_undo", Map.of("namespace", id.namespace(), "deployment",
                    workload.get().name()));
            return Optional.of(fix(DiagnosisKind.BAD_ROLLOUT, summary, facts, undo, ProposalRule.UNDO_BAD_ROLLOUT,
                    List.of(), true, "undo the rollout of " + workload.get().name()));
        }

        Optional<Diagnosis> missingConfig() {
            Set<String> missing = new LinkedHashSet<>();
            boolean configError = false;
            for (PodFacts p : failing) {
                for (ContainerFacts c : p.containers()) {
                    if (c.waitingReason().filter(CONFIG_WAITING::contains).isPresent()) {
                        configError = true;
                        c.missingObject().ifPresent(missing::add);
                    }
                }
            }
            ev.events().stream().filter(e -> "FailedMount".equals(e.reason()) && e.seenSince(recentSince))
                    .forEach(e -> e.detail().filter(d -> d.startsWith("secret ") || d.startsWith("configmap "))
                            .ifPresent(d -> missing.add(d.replace(' ', '/'))));
            if (!configError && missing.isEmpty()) {
                return Optional.empty();
            }
            String what = missing.isEmpty() ? "a Secret or ConfigMap" : String.join(", ", missing);
            List<String> facts = new ArrayList<>();
            failing.stream().limit(3).forEach(p -> facts.add("pod " + p.name() + " is " + podState(p)));
            missing.forEach(m -> facts.add(m + " does not exist"));
            long running = active.size() - failing.size();
            return Optional.of(none(DiagnosisKind.MISSING_CONFIG,
                    id + ": " + what + " is missing, so new containers cannot start", facts,
                    "restore " + what + " (from GitOps, a backup or its owner); a restart would take down the "
                            + running + " pod(s) still running"));
        }

        Optional<Diagnosis> imagePull() {
            List<PodFacts> pulling = failing.stream().filter(p -> p.containers().stream()
                    .anyMatch(c -> c.waitingReason().filter(PULL_WAITING::contains).isPresent())).toList();
            if (pulling.isEmpty()) {
                return Optional.empty();
            }
            List<String> facts = pulling.stream().limit(3).map(p -> "pod " + p.name() + " is " + podState(p)).toList();
            return Optional.of(none(DiagnosisKind.IMAGE_PULL, id + ": the image cannot be pulled, and no recent rollout"
                    + " explains it", facts, "check the registry, the image tag and the pull credentials"));
        }

        // ---- memory ---------------------------------------------------------------------------

        Optional<Diagnosis> oomKilled() {
            ContainerFacts worst = null;
            PodFacts worstPod = null;
            for (PodFacts p : active) {
                for (ContainerFacts c : p.containers()) {
                    boolean oom = c.lastTerminated().filter(t -> t.oomKilled() && t.endedSince(recentSince)).isPresent()
                            || c.terminated().filter(t -> t.oomKilled() && t.endedSince(recentSince)).isPresent();
                    if (oom && (worst == null || c.restarts() > worst.restarts())) {
                        worst = c;
                        worstPod = p;
                    }
                }
            }
            int oomEvents = ev.events().stream()
                    .filter(e -> "OOMKilling".equals(e.reason()) && e.seenSince(recentSince))
                    .mapToInt(EventFacts::count).sum();
            if (worst == null && oomEvents == 0) {
                return Optional.empty();
            }
            int kills = Math.max(worst == null ? 0 : Math.max(1, worst.restarts()), oomEvents);
            Optional<String> limit = worst == null ? Optional.empty() : worst.resources().memoryLimit();
            String where = worst == null ? id.toString() : id + " (container " + worst.name() + ")";
            String summary = where + ": OOMKilled " + kills + (kills == 1 ? " time" : " times")
                    + lastEnd(worst) + ", memory limit " + limit.orElse("none");
            List<String> facts = new ArrayList<>();
            facts.add(summary.substring(summary.indexOf(": ") + 2));
            if (worstPod != null) {
                facts.add("pod " + worstPod.name() + " is " + podState(worstPod));
            }
            if (kills < policy.repeatedOomKills()) {
                return Optional.of(none(DiagnosisKind.OOM_KILLED, summary, facts,
                        "killed for memory once: watch its memory; a restart would not change the limit"));
            }
            Optional<WorkloadRef> workload = ev.workload();
            Optional<Long> bytes = limit.flatMap(MemoryQuantity::bytes);
            if (worst == null || workload.isEmpty() || bytes.isEmpty() || bytes.get() <= 0) {
                return Optional.of(none(DiagnosisKind.OOM_KILLED, summary, facts, limit.isEmpty()
                        ? "the container has no memory limit, so the node ran out of memory: set requests and a"
                                + " limit that fit its use, or give the node more memory"
                        : "raise the memory limit of " + where + " or find the leak"));
            }
            long cap = MemoryQuantity.bytes(io.awoooi.core.action.ContainerResource.MEMORY_CAP).orElse(Long.MAX_VALUE);
            if (bytes.get() >= cap) {
                return Optional.of(none(DiagnosisKind.OOM_KILLED, summary, facts, "the memory limit of " + where
                        + " is at the catalog's cap already: find the leak or give it a bigger node"));
            }
            String raised = MemoryQuantity.format(Math.min(cap, (long) Math.ceil(bytes.get() * policy.memoryFactor())));
            ProposedAction raise = action("set_resources", Map.of("namespace", id.namespace(),
                    "workload", workload.get().name(), "kind", workload.get().kind().id(), "container", worst.name(),
                    "resource", "memory", "field", "limit", "value", raised));
            return Optional.of(fix(DiagnosisKind.OOM_KILLED, summary, facts, raise, ProposalRule.RAISE_MEMORY_LIMIT,
                    List.of(), false, "raise the memory limit of " + where + " from " + limit.get() + " to " + raised));
        }

        // ---- crash loops and probes ---------------------------------------------------------------

        Optional<Diagnosis> crashLoop() {
            List<PodFacts> crashing = failing
                    .stream().filter(
                            p -> p.containers().stream()
                                    .anyMatch(c -> c.waitingReason().filter(CRASH_WAITING::contains).isPresent()
                                            || recentFailure(c.lastTerminated()) || recentFailure(c.terminated())))
                    .toList();
            if (crashing.isEmpty()) {
                return Optional.empty();
            }
            List<String> facts = new ArrayList<>();
            crashing.stream().limit(3).forEach(p -> facts.add("pod " + p.name() + " is " + podState(p)));
            ev.rollout().ifPresent(r -> facts.add("no rollout within " + duration(policy.rolloutWindow())
                    + " (revision " + r.currentRevision() + r.currentSince().map(t -> ", " + ago(t)).orElse("") + ")"));
            String summary = id + ": " + crashing.size() + " of " + active.size() + " pod(s) crash-looping ("
                    + firstProblem(crashing.get(0)) + "), with no recent change";
            return Optional.of(restart(DiagnosisKind.CRASH_LOOP, summary, facts, crashing));
        }

        Optional<Diagnosis> probeFailure() {
            List<PodFacts> unready = failing.stream().filter(p -> "Running".equals(p.phase()) && !p.ready()).toList();
            if (unready.isEmpty()) {
                return Optional.empty();
            }
            List<String> facts = new ArrayList<>();
            unready.stream().limit(3).forEach(p -> facts.add("pod " + p.name() + " is running but not ready"
                    + p.readySince().map(t -> " for " + ago(t).replace(" ago", "")).orElse("")));
            ev.events().stream().filter(e -> "Unhealthy".equals(e.reason()) && e.seenSince(recentSince)).limit(2)
                    .forEach(e -> facts.add(e.detail().orElse("probe") + " failing" + times(e)));
            String summary = id + ": " + unready.size() + " pod(s) running but failing their probes";
            Diagnosis d = restart(DiagnosisKind.PROBE_FAILURE, summary, facts, unready);
            return Optional.of(new Diagnosis(d.kind(), d.subject(), d.summary(), d.evidence(), d.proposal(),
                    d.alternatives(), false, d.humanStep()));
        }

        /** Restart the one failing pod, or the workload when several fail. */
        Diagnosis restart(DiagnosisKind kind, String summary, List<String> facts, List<PodFacts> pods) {
            Optional<WorkloadRef> workload = ev.workload();
            List<ProposedAction> alternatives = new ArrayList<>();
            Optional<ProposedAction> workloadRestart = workload.map(w -> action("rollout_restart",
                    Map.of("namespace", id.namespace(), "workload", w.name(), "kind", w.kind().id())));
            Optional<PodFacts> alerted = alertedPod(pods);
            boolean onePod = pods.size() == 1;
            if (onePod || alerted.isPresent()) {
                PodFacts pod = alerted.orElse(pods.get(0));
                ProposedAction restartPod = action("restart_pod",
                        Map.of("namespace", id.namespace(), "pod", pod.name()));
                workloadRestart.ifPresent(alternatives::add);
                boolean siblingsHealthy = onePod && active.size() > 1;
                return fix(kind, summary, facts, restartPod, ProposalRule.RESTART_FAILING_POD, alternatives,
                        siblingsHealthy, "restart pod " + pod.name());
            }
            if (workloadRestart.isEmpty()) {
                return none(kind, summary, facts, "several pods fail and no controller owns them: look at them");
            }
            pods.forEach(
                    p -> alternatives.add(action("restart_pod", Map.of("namespace", id.namespace(), "pod", p.name()))));
            return fix(kind, summary, facts, workloadRestart.get(), ProposalRule.RESTART_FAILING_WORKLOAD, alternatives,
                    false, "restart " + workload.get().kind().id() + " " + workload.get().name());
        }

        /** The one failing pod the alerts name, when they name exactly one. */
        Optional<PodFacts> alertedPod(List<PodFacts> pods) {
            Set<String> named = new LinkedHashSet<>();
            for (Map<String, String> labels : alerts) {
                String pod = labels.get("pod");
                String ns = labels.get("namespace");
                if (pod != null && (ns == null || ns.equals(id.namespace()))) {
                    named.add(pod);
                }
            }
            List<PodFacts> matching = pods.stream().filter(p -> named.contains(p.name())).toList();
            return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
        }

        Diagnosis degradedOrUnexplained() {
            List<String> facts = new ArrayList<>(cause.evidence());
            Optional<WorkloadRef> w = ev.workload().filter(x -> x.available() < x.desired());
            if (w.isPresent() && failing.isEmpty()) {
                return none(DiagnosisKind.DEGRADED, id + ": " + w.get().available() + " of " + w.get().desired()
                        + " replicas available, no pod failing", facts,
                        "look at the controller's events (quota, admission, a stalled rollout)");
            }
            return none(DiagnosisKind.UNEXPLAINED, id + ": unhealthy ("
                    + (facts.isEmpty() ? "no detail" : String.join("; ", facts.subList(0, Math.min(3, facts.size()))))
                    + ")", facts, "look at " + id + ": the evidence fits no rule AWOOOI may act on");
        }

        // ---- building results ---------------------------------------------------------------------

        Diagnosis fix(DiagnosisKind kind, String summary, List<String> facts, ProposedAction action, ProposalRule rule,
                List<ProposedAction> others, boolean unambiguous, String inWords) {
            if (action == null) {
                return none(kind, summary, facts, inWords + " (the catalog has no such action here)");
            }
            List<ProposedAction> alternatives = new ArrayList<>();
            alternatives.add(action);
            others.stream().filter(Objects::nonNull).filter(a -> !a.equals(action)).forEach(alternatives::add);
            return new Diagnosis(kind, Optional.of(id), summary, facts, Optional.of(new ActionProposal(action, rule)),
                    alternatives, unambiguous, Optional.empty());
        }

        Diagnosis none(DiagnosisKind kind, String summary, List<String> facts, String humanStep) {
            return new Diagnosis(kind, Optional.of(id), summary, facts, Optional.empty(), List.of(), true,
                    Optional.of(humanStep));
        }

        String podState(PodFacts p) {
            if ("Pending".equals(p.phase()) && p.node().isEmpty()) {
                return "Pending (not scheduled)";
            }
            String problem = firstProblem(p);
            return problem.isEmpty() ? (p.ready() ? "Ready" : "not ready") : problem;
        }

        String firstProblem(PodFacts p) {
            for (ContainerFacts c : p.containers()) {
                if (c.waitingReason().isPresent() && !"ContainerCreating".equals(c.waitingReason().get())) {
                    String last = c.lastTerminated().map(t -> ", last exit " + t.reason()
                            + (t.exitCode() != 0 ? " (" + t.exitCode() + ")" : "")).orElse("");
                    return c.waitingReason().get() + (c.restarts() > 0 ? " after " + c.restarts() + " restarts" : "")
                            + last;
                }
            }
            for (ContainerFacts c : p.containers()) {
                Optional<Terminated> t = c.lastTerminated().filter(x -> x.endedSince(recentSince) && !x.completed());
                if (t.isPresent()) {
                    return "restarted " + c.restarts() + " times, last exit " + t.get().reason() + " ("
                            + t.get().exitCode() + ") " + t.get().finishedAt().map(this::ago).orElse("");
                }
            }
            if ("Pending".equals(p.phase())) {
                return "Pending";
            }
            return p.ready() ? "" : "not ready";
        }

        String lastEnd(ContainerFacts c) {
            if (c == null) {
                return "";
            }
            return c.lastTerminated().or(c::terminated).flatMap(Terminated::finishedAt).map(t -> ", last " + ago(t))
                    .orElse("");
        }

        String ago(Instant t) {
            return duration(Duration.between(t, now)) + " ago";
        }

        String times(EventFacts e) {
            return e.count() > 1 ? " (" + e.count() + " times)" : "";
        }
    }

    private static ProposedAction action(String id, Map<String, String> params) {
        return ActionCatalog.parse(id, params) instanceof ParseResult.Valid valid ? valid.action() : null;
    }

    /** A duration for people: 45 s, 12 min, 3 h, 5 d. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return (s / 60) + " min";
        }
        if (s < 2 * 86400) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " d";
    }
}
