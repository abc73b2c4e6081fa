package io.awoooi.core.action;

import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.PodName;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.WorkloadKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes one action of the catalog without an LLM, from the graph findings and the incident's
 * (pseudonymized) alert labels: what AWOOOI offers when no LLM is configured or its answer is
 * refused. It only ever proposes a restart ({@code restart_pod} or {@code rollout_restart}); it
 * never deletes, cordons or scales. The rules, in order:
 *
 * <ol>
 *   <li><b>Root cause.</b> When the graph has root causes, only the top-ranked one is considered
 *       (acting on a lesser one while the best stays broken would mislead). It is acted on only if
 *       it is a workload (not {@link ComponentKind#OTHER}) and its evidence shows a failure a
 *       restart can clear ({@link #RESTARTABLE}: crash loop, restarts, OOM kill, failing probes,
 *       not ready) and nothing a restart cannot ({@link #NOT_RESTARTABLE}: image pull errors,
 *       container config errors, pending or unschedulable pods). Then:
 *       <ul>
 *         <li>if the alerts name exactly one pod of that workload (same namespace, owner by pod
 *             name), {@code restart_pod} of that pod ({@link ProposalRule#ROOT_CAUSE_POD_RESTART});
 *         <li>otherwise {@code rollout_restart} of the workload in its namespace
 *             ({@link ProposalRule#ROOT_CAUSE_ROLLOUT_RESTART}). Its kind comes from the alerts
 *             ({@code statefulset}/{@code deployment}/{@code daemonset} labels naming it, or the
 *             shape of its pods' names), else from its evidence (a mention of StatefulSet,
 *             DaemonSet or Deployment), else from its component kind: databases, caches and
 *             queues are usually StatefulSets, other services Deployments. A wrong guess fails
 *             the dry-run before anyone is asked to approve.
 *       </ul>
 *       An unhealthy target with nothing unhealthy below it is a root cause itself (at depth 0),
 *       so "the target itself is unhealthy" is this rule too. Root causes present but not
 *       actionable: no proposal.
 *   <li><b>Alerts only.</b> When the graph has no root cause (targets not resolved, for example
 *       because Kubernetes names are labelled, or no topology), firing alerts that report a crash
 *       loop or an unready pod ({@code alertname} containing {@code CrashLoop} or {@code OOMKill},
 *       or {@code KubePodNotReady}) with {@code namespace} and {@code pod} labels decide: one such
 *       pod, {@code restart_pod} of it ({@link ProposalRule#ALERTED_POD_RESTART}); several pods
 *       whose names all show the same Deployment or StatefulSet, {@code rollout_restart} of it
 *       ({@link ProposalRule#ALERTED_WORKLOAD_RESTART}). Label values such as {@code [POD_1]}
 *       are used as they are (the executor rehydrates them).
 *   <li>Anything else: no proposal.
 * </ol>
 * Every proposal goes through {@link ActionCatalog#parse}; a name the catalog refuses means no
 * proposal.
 */
public final class DeterministicProposal {
    /** Evidence fragments (lowercase) of failures a restart can clear. */
    public static final List<String> RESTARTABLE = List.of(
            "crashloop", "restart", "oomkill", "not ready", "notready", "unready", "readiness", "liveness");
    /** Evidence fragments (lowercase) of failures a restart cannot clear; they veto a restart. */
    public static final List<String> NOT_RESTARTABLE = List.of(
            "imagepull", "errimage", "invalidimagename", "createcontainerconfigerror", "createcontainererror",
            "unschedulable", "pending", "insufficient");

    /**
     * @param findings what the graph says (use {@link GraphFindings#none()} without a topology)
     * @param alertLabels the labels of the incident's firing alerts, pseudonymized ({@code alertname}
     *     is one of them)
     */
    public Optional<ActionProposal> propose(GraphFindings findings, List<Map<String, String>> alertLabels) {
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(alertLabels, "alertLabels");
        Optional<RootCause> best = findings.bestRootCause();
        return best.isPresent() ? fromRootCause(best.get(), alertLabels) : fromAlerts(alertLabels);
    }

    private Optional<ActionProposal> fromRootCause(RootCause cause, List<Map<String, String>> alerts) {
        if (cause.kind() == ComponentKind.OTHER || !restartCanClear(cause.evidence())) {
            return Optional.empty();
        }
        String namespace = cause.service().namespace();
        String name = cause.service().name();
        Set<String> pods = new LinkedHashSet<>();
        for (Map<String, String> labels : alerts) {
            String pod = value(labels, "pod");
            if (pod != null && inNamespace(labels, namespace) && !pod.equals(name)
                    && new PodName(pod).ownerCandidates().contains(name)) {
                pods.add(pod);
            }
        }
        if (pods.size() == 1) {
            Optional<ActionProposal> restartPod = proposal(ActionType.RESTART_POD,
                    Map.of("namespace", namespace, "pod", pods.iterator().next()), ProposalRule.ROOT_CAUSE_POD_RESTART);
            if (restartPod.isPresent()) {
                return restartPod;
            }
        }
        WorkloadKind kind = workloadKind(cause, alerts);
        return proposal(ActionType.ROLLOUT_RESTART, Map.of("namespace", namespace, "workload", name, "kind", kind.id()),
                ProposalRule.ROOT_CAUSE_ROLLOUT_RESTART);
    }

    private Optional<ActionProposal> fromAlerts(List<Map<String, String>> alerts) {
        Set<List<String>> pods = new LinkedHashSet<>(); // [namespace, pod]
        for (Map<String, String> labels : alerts) {
            String namespace = value(labels, "namespace");
            String pod = value(labels, "pod");
            if (reportsFailingPod(value(labels, "alertname")) && namespace != null && pod != null) {
                pods.add(List.of(namespace, pod));
            }
        }
        if (pods.size() == 1) {
            List<String> only = pods.iterator().next();
            return proposal(ActionType.RESTART_POD, Map.of("namespace", only.get(0), "pod", only.get(1)),
                    ProposalRule.ALERTED_POD_RESTART);
        }
        Set<List<String>> owners = new LinkedHashSet<>(); // [namespace, workload, kind]
        for (List<String> pod : pods) {
            Optional<PodName.Owner> owner = new PodName(pod.get(1)).owner();
            if (owner.isEmpty()) {
                return Optional.empty();
            }
            owners.add(List.of(pod.get(0), owner.get().name(), owner.get().kind().id()));
        }
        if (owners.size() != 1) {
            return Optional.empty();
        }
        List<String> owner = owners.iterator().next();
        return proposal(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", owner.get(0), "workload", owner.get(1), "kind", owner.get(2)),
                ProposalRule.ALERTED_WORKLOAD_RESTART);
    }

    /** Restartable evidence and no veto. */
    static boolean restartCanClear(List<String> evidence) {
        boolean restartable = false;
        for (String fact : evidence) {
            String lower = fact.toLowerCase(Locale.ROOT);
            if (NOT_RESTARTABLE.stream().anyMatch(lower::contains)) {
                return false;
            }
            restartable |= RESTARTABLE.stream().anyMatch(lower::contains);
        }
        return restartable;
    }

    private static boolean reportsFailingPod(String alertname) {
        if (alertname == null) {
            return false;
        }
        String lower = alertname.toLowerCase(Locale.ROOT);
        return lower.contains("crashloop") || lower.contains("oomkill") || lower.equals("kubepodnotready");
    }

    private static WorkloadKind workloadKind(RootCause cause, List<Map<String, String>> alerts) {
        String name = cause.service().name();
        for (Map<String, String> labels : alerts) {
            if (!inNamespace(labels, cause.service().namespace())) {
                continue;
            }
            for (WorkloadKind kind : WorkloadKind.values()) {
                if (name.equals(value(labels, kind.id()))) {
                    return kind;
                }
            }
            String pod = value(labels, "pod");
            if (pod != null) {
                Optional<WorkloadKind> byPodName = new PodName(pod).kindIfOwnedBy(name);
                if (byPodName.isPresent()) {
                    return byPodName.get();
                }
            }
        }
        for (String fact : cause.evidence()) {
            String lower = fact.toLowerCase(Locale.ROOT);
            for (WorkloadKind kind : List.of(WorkloadKind.STATEFULSET, WorkloadKind.DAEMONSET,
                    WorkloadKind.DEPLOYMENT)) {
                if (lower.contains(kind.id())) {
                    return kind;
                }
            }
        }
        return switch (cause.kind()) {
            case DATABASE, CACHE, QUEUE -> WorkloadKind.STATEFULSET;
            case SERVICE, OTHER -> WorkloadKind.DEPLOYMENT;
        };
    }

    private static Optional<ActionProposal> proposal(ActionType type, Map<String, String> params, ProposalRule rule) {
        return ActionCatalog.parse(type.id(), params) instanceof ParseResult.Valid valid
                ? Optional.of(new ActionProposal(valid.action(), rule))
                : Optional.empty();
    }

    private static boolean inNamespace(Map<String, String> labels, String namespace) {
        String ns = value(labels, "namespace");
        return ns == null || ns.equals(namespace);
    }

    private static String value(Map<String, String> labels, String key) {
        String v = labels.get(key);
        return v == null || v.isBlank() ? null : v;
    }
}
