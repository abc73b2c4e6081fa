package io.awoooi.kube;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.failure.TopologyUnavailableException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * The dry-run's {@value KubernetesDryRun#RBAC} check: one (Self)SubjectAccessReview for the verb,
 * resource, subresource, namespace and name the executor's request needs (for a pseudonymized name:
 * for every name; denied for every name fails overridably, the executor asks with the real name).
 * Denied or no answer blocks; an API server that cannot be asked throws
 * {@link TopologyUnavailableException}.
 */
final class AccessCheck {
    private AccessCheck() {
    }

    static DryRunCheck check(KubernetesClient client, Optional<KubernetesDryRun.Executor> executor, Inspection run) {
        ResourceAccess needed = access(run);
        boolean namespaceHidden = run.hidden.contains("namespace");
        boolean nameHidden = run.hidden.contains(targetParameter(run.action));
        boolean widened = namespaceHidden || nameHidden;
        ResourceAccess asked = namespaceHidden ? needed.anyNamespace() : nameHidden ? needed.anyName() : needed;
        AccessReviews.Answer answer;
        try {
            answer = AccessReviews.ask(client, executor, asked);
        } catch (KubernetesClientException e) {
            if (ApiFailures.unreachable(e)) {
                throw new TopologyUnavailableException("cannot ask the API server whether " + asked.describe()
                        + " is allowed" + ApiFailures.httpCode(e), e);
            }
            return DryRunCheck.fail(KubernetesDryRun.RBAC,
                    "could not determine whether " + asked.describe() + " is allowed"
                            + ApiFailures.httpCode(e),
                    false);
        }
        if (answer.allowed() == null) {
            return DryRunCheck.fail(KubernetesDryRun.RBAC, "could not determine whether " + asked.describe()
                    + " is allowed: the access review came back without an answer", false);
        }
        if (answer.allowed()) {
            return DryRunCheck.pass(KubernetesDryRun.RBAC, "allowed: " + asked.describe());
        }
        String why = answer.why();
        if (widened) {
            // Denied for every name says nothing about the one name (RBAC rules can list
            // resourceNames): the executor asks again with the real name.
            return DryRunCheck.fail(KubernetesDryRun.RBAC,
                    "not allowed for every name: " + asked.describe() + why + "; "
                            + run.hiddenReason(),
                    true);
        }
        return DryRunCheck.fail(KubernetesDryRun.RBAC, "denied: " + asked.describe() + why, false);
    }

    /** What the API server authorizes when the executor acts (kubectl's verbs for these actions). */
    static ResourceAccess access(Inspection run) {
        ProposedAction action = run.action;
        String ns = action.param("namespace").orElse(null);
        return switch (action.type()) {
            case RESTART_POD, DELETE_POD -> new ResourceAccess("delete", "", "pods", null, ns, run.param("pod"));
            case ROLLOUT_RESTART, SET_RESOURCES -> new ResourceAccess("patch", "apps", run.kind().id() + "s", null, ns,
                    run.param("workload"));
            // the restore is one JSON patch of the spec, preconditioned on its resourceVersion
            case RESTORE_FIELDS ->
                new ResourceAccess("patch", "apps", run.kind().id() + "s", null, ns, run.param("workload"));
            case ROLLOUT_UNDO -> new ResourceAccess("patch", "apps", "deployments", null, ns, run.param("deployment"));
            case SCALE_DEPLOYMENT ->
                new ResourceAccess("patch", "apps", "deployments", "scale", ns, run.param("deployment"));
            case SCALE_STATEFULSET -> new ResourceAccess("patch", "apps", "statefulsets", "scale", ns,
                    run.param("statefulset"));
            case DELETE_PVC -> new ResourceAccess("delete", "", "persistentvolumeclaims", null, ns, run.param("pvc"));
            // drain_node also evicts (pods/eviction create, in each pod's namespace): the executor's RBAC
            // grants it with the node patch (infra/kubernetes/awoooi-executor-rbac.yaml)
            case CORDON_NODE, UNCORDON_NODE, DRAIN_NODE ->
                new ResourceAccess("patch", "", "nodes", null, null, run.param("node"));
            // DELETE /api/v1/namespaces/shop: the authorizer sees namespace "shop" and name "shop"
            case DELETE_NAMESPACE -> new ResourceAccess("delete", "", "namespaces", null, ns, ns);
        };
    }

    /** The parameter naming the object the action changes. */
    private static String targetParameter(ProposedAction action) {
        return switch (action.type()) {
            case RESTART_POD, DELETE_POD -> "pod";
            case ROLLOUT_RESTART, SET_RESOURCES, RESTORE_FIELDS -> "workload";
            case ROLLOUT_UNDO, SCALE_DEPLOYMENT -> "deployment";
            case SCALE_STATEFULSET -> "statefulset";
            case DELETE_PVC -> "pvc";
            case CORDON_NODE, UNCORDON_NODE, DRAIN_NODE -> "node";
            case DELETE_NAMESPACE -> "namespace";
        };
    }
}
