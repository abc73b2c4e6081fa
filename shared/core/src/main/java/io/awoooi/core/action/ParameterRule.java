package io.awoooi.core.action;

import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.Label;
import io.awoooi.core.topology.WorkloadKind;
import java.util.Optional;
import java.util.Set;

/**
 * What a parameter value must look like. Kubernetes names follow the API server's own rules, so a
 * value that passes here is one the cluster would accept as a name.
 *
 * <p>Where the Privacy Shield labels Kubernetes names ({@code [NAMESPACE_1]}, {@code [POD_2]}), a
 * whole label of a Kubernetes name ({@link PiiType#KUBERNETES_NAMES}: one value has one label per
 * incident, so a Deployment and its Service of the same name share one, whatever its prefix) is
 * accepted in its place; the executor
 * turns it back into the value (and validates that) right before acting. A label of any other kind
 * ({@code [EMAIL_1]}, {@code [SECRET_1]}) is refused: no personal value or secret can become an
 * argument of a cluster call.
 */
public enum ParameterRule {
    /** A namespace: DNS-1123 label. */
    NAMESPACE("a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit,"
            + " at most 63 characters) or a [NAMESPACE_n] label", PiiType.KUBERNETES_NAMES),
    /** A pod: DNS-1123 subdomain. */
    POD("a DNS-1123 subdomain (dot-separated lowercase names of letters, digits and '-', at most 253 characters)"
            + " or a [POD_n] label", PiiType.KUBERNETES_NAMES),
    /** A Deployment, StatefulSet or DaemonSet: DNS-1123 subdomain. */
    WORKLOAD("a DNS-1123 subdomain (dot-separated lowercase names of letters, digits and '-', at most 253"
            + " characters) or a [DEPLOYMENT_n], [WORKLOAD_n] or [SERVICE_n] label", PiiType.KUBERNETES_NAMES),
    /** A PersistentVolumeClaim: DNS-1123 subdomain. */
    PVC("a DNS-1123 subdomain (dot-separated lowercase names of letters, digits and '-', at most 253 characters)"
            + " or a [PVC_n] label", PiiType.KUBERNETES_NAMES),
    /** A node: DNS-1123 subdomain. */
    NODE("a DNS-1123 subdomain (dot-separated lowercase names of letters, digits and '-', at most 253 characters)"
            + " or a [NODE_n] label", PiiType.KUBERNETES_NAMES),
    /** A replica count for a scale: a whole number from 0 to 100, written without sign or leading zeros. */
    REPLICAS("a whole number from 0 to 100", Set.of()),
    /** The kind of workload a rollout restart or a resources change applies to. */
    WORKLOAD_KIND("one of deployment, statefulset, daemonset", Set.of()),
    /**
     * A container of a pod template: DNS-1123 label, as the API server requires of container names.
     * The Privacy Shield labels no container names, so no label is accepted in its place.
     */
    CONTAINER("a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit,"
            + " at most 63 characters)", Set.of()),
    /** A container resource set_resources may raise ({@link ContainerResource}). */
    RESOURCE("one of memory, cpu", Set.of()),
    /** Which value of a container resource ({@link ResourceField}). */
    RESOURCE_FIELD("one of limit, request", Set.of()),
    /**
     * A positive Kubernetes quantity ({@link Quantity}): the bounds against the current value are
     * the dry-run's ({@link ResourceChange}), which knows it.
     */
    QUANTITY("a positive Kubernetes quantity of at most " + Quantity.MAX_LENGTH + " characters: a number (1, 0.5,"
            + " 1e9) with an optional suffix Ki, Mi, Gi, Ti (powers of 1024) or m, k, M, G, T (powers of 1000),"
            + " e.g. 768Mi, 1Gi or 500m", Set.of()),
    /** A Deployment revision as kubectl rollout history lists it: a whole number from 1, no sign or leading zeros. */
    REVISION("a whole number from 1 (a Deployment revision as kubectl rollout history lists it)", Set.of()),
    /** A pod's metadata.uid without its dashes ({@link PodUid}): 32 lowercase hexadecimal digits. */
    UID("a Kubernetes uid without its dashes: 32 lowercase hexadecimal digits", Set.of()),
    /**
     * The fields a {@code restore_fields} rollback writes back (issue #15): comma-separated drift
     * paths of the bounded set only ({@link FieldPaths}). Names of containers and env vars, never values.
     */
    FIELD_PATHS("comma-separated paths, at most " + FieldPaths.MAX_PATHS + ", each spec.replicas or"
            + " spec.template.spec.containers[<container>].image|resources|env[<NAME>] (or initContainers)", Set.of()),
    /** The resourceVersion a drift report saw: 1 to 64 letters or digits (opaque to us). */
    RESOURCE_VERSION("a Kubernetes resourceVersion: 1 to 64 letters or digits", Set.of());

    private final String requirement;
    private final Set<PiiType> labelTypes;

    ParameterRule(String requirement, Set<PiiType> labelTypes) {
        this.requirement = requirement;
        this.labelTypes = labelTypes;
    }

    /** What a value must be, in words (for prompts and error reasons; names no value). */
    public String requirement() {
        return requirement;
    }

    /** The Privacy Shield label kinds accepted in place of a value; empty when none are. */
    public Set<PiiType> labelTypes() {
        return labelTypes;
    }

    /** Whether the value is acceptable (a plain value that follows the rule, or an accepted label). */
    public boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        if (isAcceptedLabel(value)) {
            return true;
        }
        return switch (this) {
            case NAMESPACE -> KubernetesNames.isLabel(value);
            case POD, WORKLOAD, PVC, NODE -> KubernetesNames.isSubdomain(value);
            case REPLICAS -> isReplicaCount(value);
            case WORKLOAD_KIND -> WorkloadKind.fromId(value).isPresent();
            case CONTAINER -> KubernetesNames.isLabel(value);
            case RESOURCE -> ContainerResource.fromId(value).isPresent();
            case RESOURCE_FIELD -> ResourceField.fromId(value).isPresent();
            case QUANTITY -> Quantity.isPositive(value);
            case REVISION -> isRevision(value);
            case UID -> isUid(value);
            case FIELD_PATHS -> FieldPaths.accepts(value);
            case RESOURCE_VERSION -> value.matches("[A-Za-z0-9]{1,64}");
        };
    }

    /** Whether the value is a whole label of a kind this rule accepts (the executor must rehydrate it). */
    public boolean isAcceptedLabel(String value) {
        if (labelTypes.isEmpty() || value == null) {
            return false;
        }
        Optional<Label> label = Label.parse(value);
        return label.isPresent() && labelTypes.contains(label.get().type());
    }

    /** 1 to 18 digits, no leading zero: fits the API server's int64 revision annotation. */
    private static boolean isRevision(String value) {
        if (value.isEmpty() || value.length() > 18 || value.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUid(String value) {
        if (value.length() != 32) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isReplicaCount(String value) {
        if (value.isEmpty() || value.length() > 3 || (value.length() > 1 && value.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(value) <= 100;
    }
}
