package io.awoooi.core.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * Every action AWOOOI can ever propose or execute: the catalog is closed, and anything not here
 * (an LLM's invention, a typo) is refused by {@link ActionCatalog#parse}. Each action has a wire
 * id, a base risk (before trust lowers what it needs, see the risk matrix) and its parameters.
 *
 * <p>An action joins the catalog only with a dry-run, a state fingerprint for the TOCTOU check and
 * an effectiveness check (ADR 0008): whoever signs it knows what it will touch, that nothing moved
 * since, and whether it helped.
 */
public enum ActionType {
    RESTART_POD("restart_pod", RiskLevel.LOW,
            "Delete one pod so its controller replaces it with a fresh one.",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the pod's namespace"),
                    Parameter.required("pod", ParameterRule.POD, "the pod to restart"))),
    ROLLOUT_RESTART("rollout_restart", RiskLevel.MEDIUM,
            "Replace all pods of a workload one by one, like kubectl rollout restart.",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the workload's namespace"),
                    Parameter.required("workload", ParameterRule.WORKLOAD, "the workload's name"),
                    Parameter.optional("kind", ParameterRule.WORKLOAD_KIND,
                            "the workload's kind; deployment when left out"))),
    ROLLOUT_UNDO("rollout_undo", RiskLevel.MEDIUM,
            "Roll a Deployment back to an earlier revision, like kubectl rollout undo: its pod template becomes"
                    + " that revision's again (the previous revision unless toRevision names one), and its pods are"
                    + " replaced one by one.",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the Deployment's namespace"),
                    Parameter.required("deployment", ParameterRule.WORKLOAD, "the Deployment's name"),
                    Parameter.optional("toRevision", ParameterRule.REVISION,
                            "the revision to go back to; the previous revision when left out"))),
    SCALE_DEPLOYMENT("scale_deployment", RiskLevel.MEDIUM,
            "Set the number of replicas of a Deployment.",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the Deployment's namespace"),
                    Parameter.required("deployment", ParameterRule.WORKLOAD, "the Deployment's name"),
                    Parameter.required("replicas", ParameterRule.REPLICAS, "the new number of replicas"))),
    SCALE_STATEFULSET("scale_statefulset", RiskLevel.MEDIUM,
            "Set the number of replicas of a StatefulSet (its claims stay; refused when its claim retention policy"
                    + " deletes the claims of the replicas scaled away).",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the StatefulSet's namespace"),
                    Parameter.required("statefulset", ParameterRule.WORKLOAD, "the StatefulSet's name"),
                    Parameter.required("replicas", ParameterRule.REPLICAS, "the new number of replicas"))),
    SET_RESOURCES("set_resources", RiskLevel.MEDIUM,
            "Raise one container's memory or cpu limit or request in a workload's pod template (its pods are"
                    + " replaced one by one): only a value that is set now, to more than it and at most "
                    + ResourceChange.MAX_FACTOR + "x it, never above " + ContainerResource.MEMORY_CAP + " memory or "
                    + ContainerResource.CPU_CAP + " cpu, and a limit never below its request.",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the workload's namespace"),
                    Parameter.required("workload", ParameterRule.WORKLOAD, "the workload's name"),
                    Parameter.required("container", ParameterRule.CONTAINER,
                            "the container, by its name in the pod template"),
                    Parameter.required("resource", ParameterRule.RESOURCE, "the resource to raise"),
                    Parameter.required("value", ParameterRule.QUANTITY, "the new limit or request"),
                    Parameter.optional("kind", ParameterRule.WORKLOAD_KIND,
                            "the workload's kind; deployment when left out"),
                    Parameter.optional("field", ParameterRule.RESOURCE_FIELD,
                            "the value to raise; limit when left out"))),
    RESTORE_FIELDS("restore_fields", RiskLevel.MEDIUM,
            "Put a workload's drifted fields back to their desired state (the baseline people accepted, else the"
                    + " last-applied configuration), read when the action runs: only image, replicas, resources and"
                    + " env vars, only the fields named, and only while the workload is at the resourceVersion the"
                    + " drift report saw (its pods are replaced one by one).",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the workload's namespace"),
                    Parameter.required("workload", ParameterRule.WORKLOAD, "the workload's name"),
                    Parameter.required("kind", ParameterRule.WORKLOAD_KIND, "the workload's kind"),
                    Parameter.required("fields", ParameterRule.FIELD_PATHS, "the drifted fields to put back"),
                    Parameter.required("resourceVersion", ParameterRule.RESOURCE_VERSION,
                            "the workload's resourceVersion in the drift report"))),
    DELETE_PVC("delete_pvc", RiskLevel.HIGH,
            "Delete a PersistentVolumeClaim (its data may be lost with it, unless snapshotClass names a"
                    + " VolumeSnapshotClass: a VolumeSnapshot of the claim is taken first, and the risk is MEDIUM).",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the claim's namespace"),
                    Parameter.required("pvc", ParameterRule.PVC, "the claim's name"),
                    Parameter.optional("snapshotClass", ParameterRule.PVC,
                            "the VolumeSnapshotClass of the claim's CSI driver; no snapshot when left out"))),
    DELETE_POD("delete_pod", RiskLevel.HIGH,
            "Delete one pod that no controller owns, for good: nothing recreates it (a bare pod; never a static"
                    + " pod, never in a kube-* namespace). uid names the very pod: another pod of that name is left"
                    + " alone.",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the pod's namespace"),
                    Parameter.required("pod", ParameterRule.POD, "the pod to delete"),
                    Parameter.required("uid", ParameterRule.UID,
                            "the pod's metadata.uid as it was seen, without its dashes"))),
    CORDON_NODE("cordon_node", RiskLevel.HIGH,
            "Mark a node unschedulable: running pods stay, no new pod lands there.",
            List.of(Parameter.required("node", ParameterRule.NODE, "the node's name"))),
    DRAIN_NODE("drain_node", RiskLevel.HIGH,
            "Cordon a node, then evict its pods through the Eviction API, so every PodDisruptionBudget is honoured"
                    + " (DaemonSet pods stay; a node with a pod no controller owns is refused): the node is left empty,"
                    + " to be removed from its node group.",
            List.of(Parameter.required("node", ParameterRule.NODE, "the node's name"))),
    UNCORDON_NODE("uncordon_node", RiskLevel.MEDIUM,
            "Mark a node schedulable again.",
            List.of(Parameter.required("node", ParameterRule.NODE, "the node's name"))),
    DELETE_NAMESPACE("delete_namespace", RiskLevel.CRITICAL,
            "Delete a namespace and everything in it.",
            List.of(Parameter.required("namespace", ParameterRule.NAMESPACE, "the namespace to delete")));

    private final String id;
    private final RiskLevel baseRisk;
    private final String summary;
    private final List<Parameter> parameters;

    ActionType(String id, RiskLevel baseRisk, String summary, List<Parameter> parameters) {
        this.id = id;
        this.baseRisk = baseRisk;
        this.summary = summary;
        this.parameters = parameters;
    }

    /** The wire id, e.g. {@code restart_pod} (also the JSON form). */
    @JsonValue
    public String id() {
        return id;
    }

    public RiskLevel baseRisk() {
        return baseRisk;
    }

    /** What the action does, in one sentence. */
    public String summary() {
        return summary;
    }

    /** Its parameters, required ones first as declared. */
    public List<Parameter> parameters() {
        return parameters;
    }

    public Optional<Parameter> parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Optional<ActionType> fromId(String id) {
        for (ActionType t : values()) {
            if (t.id.equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** For JSON: the action with this wire id; an unknown id is an error, never a default. */
    @JsonCreator
    static ActionType ofId(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("not an action of the catalog"));
    }
}
