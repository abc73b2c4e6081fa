package io.awoooi.kube;

import io.awoooi.core.action.FieldPaths;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.drift.Baseline;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.drift.DriftSource;
import io.awoooi.core.drift.LiveWorkload;
import io.awoooi.core.drift.RestorePlanner;
import io.awoooi.core.drift.WorkloadRef;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.TargetHealth;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code restore_fields} against the cluster (issue #15): the plan ({@link RestorePlanner}) on the
 * workload as it is now and its accepted baseline, the write-back and the effectiveness check. The
 * desired values (env values among them, which may be secrets) are read here, when the dry-run or
 * the action runs, from the workload's last-applied configuration or its baseline; they never
 * leave this class: what it says names fields, never values.
 *
 * <p>The write is one JSON patch of the spec whose first operation sets the resourceVersion the plan was made on:
 * a change in between is refused by the API server (409), never overwritten.
 */
public final class KubernetesRestores {
    private final KubernetesClient client;
    private final DriftSource source;
    private final Function<WorkloadRef, Optional<Baseline>> baselines;
    private final RestorePlanner planner;

    /**
     * @param baselines the accepted baselines (the state table); a restore planned without them would
     *     put a workload back to its last-applied state when people accepted another
     */
    public KubernetesRestores(KubernetesClient client, Function<WorkloadRef, Optional<Baseline>> baselines,
            DriftPolicy policy) {
        this.client = Objects.requireNonNull(client, "client");
        this.source = new KubernetesDriftSource(client, NamespaceSelection.all());
        this.baselines = Objects.requireNonNull(baselines, "baselines");
        this.planner = new RestorePlanner(policy);
    }

    static WorkloadRef ref(ProposedAction action) {
        String kind = switch (action.param("kind").orElse("deployment")) {
            case "statefulset" -> "StatefulSet";
            case "daemonset" -> "DaemonSet";
            default -> "Deployment";
        };
        return new WorkloadRef(kind, action.param("namespace").orElseThrow(), action.param("workload").orElseThrow());
    }

    static Set<String> paths(ProposedAction action) {
        return new LinkedHashSet<>(FieldPaths.split(action.param("fields").orElse("")));
    }

    /** The plan on the workload as it is now; empty when the workload does not exist. */
    Optional<RestorePlanner.Plan> plan(ProposedAction action) {
        WorkloadRef ref = ref(action);
        Optional<LiveWorkload> live = source.workload(ref);
        return live.map(
                l -> planner.plan(l, baselines.apply(ref), paths(action), action.param("resourceVersion").orElse("")));
    }

    /** The dry-run's state line: the workload's identity and resourceVersion (a change since voids the approval). */
    Optional<String> stateLine(ProposedAction action) {
        return source.workload(ref(action)).map(l -> "restore target " + l.ref().key() + " uid=" + l.uid() + " rv="
                + l.resourceVersion());
    }

    /** The dry-run's check that the plan can be carried out: names the fields, never a value. */
    DryRunCheck check(ProposedAction action, String name) {
        Optional<RestorePlanner.Plan> plan;
        try {
            plan = plan(action);
        } catch (DriftSource.DriftSourceException e) {
            return DryRunCheck.fail(name, "cannot read the workload: " + e.getMessage(), false);
        }
        if (plan.isEmpty()) {
            return DryRunCheck.fail(name, ref(action).key() + " not found", false);
        }
        return switch (plan.get()) {
            case RestorePlanner.Plan.Ready r -> DryRunCheck.pass(name, "puts back " + r.fields().size() + " drifted "
                    + (r.fields().size() == 1 ? "field" : "fields") + " to the desired state: "
                    + String.join(", ", r.fields().stream().map(RestorePlanner.FieldValue::path).toList()));
            case RestorePlanner.Plan.Refused r -> DryRunCheck.fail(name, r.reason(), false);
            case RestorePlanner.Plan.AlreadyApplied a -> DryRunCheck.fail(name,
                    "none of these fields drifts any more: nothing to put back", false);
        };
    }

    ActionResult apply(ProposedAction action, String requestId) {
        WorkloadRef ref = ref(action);
        Optional<LiveWorkload> live = source.workload(ref);
        if (live.isEmpty()) {
            return new ActionResult.Refused(404, ref.key() + " not found");
        }
        RestorePlanner.Plan plan = planner.plan(live.get(), baselines.apply(ref), paths(action),
                action.param("resourceVersion").orElse(""));
        return switch (plan) {
            case RestorePlanner.Plan.AlreadyApplied a ->
                new ActionResult.Applied(ref.key() + ": none of the fields drifts"
                        + " any more, nothing written");
            case RestorePlanner.Plan.Refused r -> new ActionResult.Refused(409, r.reason());
            case RestorePlanner.Plan.Ready r -> write(live.get(), r, requestId);
        };
    }

    @SuppressWarnings("unchecked")
    private ActionResult write(LiveWorkload live, RestorePlanner.Plan.Ready plan, String requestId) {
        Map<String, Object> object = RestorePlanner.applyTo(live.object(), plan.fields());
        Map<String, Object> metadata = (Map<String, Object>) live.object().get("metadata");
        Map<String, Object> annotations = metadata != null && metadata.get("annotations") instanceof Map<?, ?> a
                ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
        annotations.put(RESTORED_BY, requestId);
        // one JSON patch, the resourceVersion the plan was made on first (the API server's precondition:
        // a change since is a 409, never overwritten), then the spec with the fields put back
        List<Map<String, Object>> ops = List.of(
                op("replace", "/metadata/resourceVersion", plan.resourceVersion()),
                op("replace", "/spec", object.get("spec")),
                op(metadata != null && metadata.get("annotations") != null ? "replace" : "add", "/metadata/annotations",
                        annotations));
        String patch = client.getKubernetesSerialization().asJson(ops);
        var resource = switch (live.ref().kind()) {
            case "StatefulSet" ->
                client.apps().statefulSets().inNamespace(live.ref().namespace()).withName(live.ref().name());
            case "DaemonSet" ->
                client.apps().daemonSets().inNamespace(live.ref().namespace()).withName(live.ref().name());
            default -> client.apps().deployments().inNamespace(live.ref().namespace()).withName(live.ref().name());
        };
        resource.patch(PatchContext.of(PatchType.JSON), patch);
        return new ActionResult.Applied("put back " + plan.fields().size() + " drifted "
                + (plan.fields().size() == 1 ? "field" : "fields") + " of " + live.ref().key() + ": "
                + String.join(", ", plan.fields().stream().map(RestorePlanner.FieldValue::path).toList()));
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("op", op);
        out.put("path", path);
        out.put("value", value);
        return out;
    }

    /** The object's annotation naming the request that restored it. */
    public static final String RESTORED_BY = "awoooi.io/restored-by";

    /** Whether nothing of it is left to do: none of the fields drifts (after a crash mid-action). */
    boolean alreadyApplied(ProposedAction action) {
        WorkloadRef ref = ref(action);
        Optional<LiveWorkload> live = source.workload(ref);
        return live.isPresent() && planner.effective(live.get(), baselines.apply(ref), paths(action));
    }

    /** The effectiveness check: no drift left on those fields. */
    TargetHealth health(ProposedAction action) {
        WorkloadRef ref = ref(action);
        Optional<LiveWorkload> live;
        try {
            live = source.workload(ref);
        } catch (DriftSource.DriftSourceException e) {
            return new TargetHealth(false, List.of("cannot read " + ref.key() + ": " + e.getMessage()));
        }
        if (live.isEmpty()) {
            return new TargetHealth(false, List.of(ref.key() + " no longer exists"));
        }
        Set<String> paths = paths(action);
        boolean effective = planner.effective(live.get(), baselines.apply(ref), paths);
        return new TargetHealth(effective, List.of(effective
                ? "no drift left on the " + paths.size() + " restored " + (paths.size() == 1 ? "field" : "fields")
                : "still drifting after the restore: some of " + String.join(", ", paths)));
    }

    static boolean isConflict(KubernetesClientException e) {
        return e.getCode() == 409;
    }
}
