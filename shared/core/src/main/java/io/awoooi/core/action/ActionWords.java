package io.awoooi.core.action;

/**
 * An action of the catalog in words, for people: {@code Restart pod postgres-db-0 in shop},
 * {@code Undo the rollout of deployment api in shop}, {@code Raise the memory limit of container
 * postgres of deployment db to 768Mi}, {@code Cordon node node-b}. The values are the action's own
 * parameters (names or Privacy Shield labels), nothing else.
 */
public final class ActionWords {
    private ActionWords() {
    }

    /** The whole sentence, starting with a capital letter, without a full stop. */
    public static String sentence(ProposedAction a) {
        String ns = a.param("namespace").orElse("?");
        String kind = a.param("kind").orElse("deployment");
        return switch (a.type()) {
            case RESTART_POD -> "Restart pod " + p(a, "pod") + " in " + ns;
            case ROLLOUT_RESTART -> "Restart every pod of " + kind + " " + p(a, "workload") + " in " + ns
                    + ", one by one";
            case ROLLOUT_UNDO -> "Undo the rollout of deployment " + p(a, "deployment") + " in " + ns
                    + a.param("toRevision").map(r -> " (back to revision " + r + ")").orElse("");
            case SCALE_DEPLOYMENT -> "Scale deployment " + p(a, "deployment") + " in " + ns + " to "
                    + p(a, "replicas") + ("1".equals(p(a, "replicas")) ? " replica" : " replicas");
            case SCALE_STATEFULSET -> "Scale statefulset " + p(a, "statefulset") + " in " + ns + " to "
                    + p(a, "replicas") + ("1".equals(p(a, "replicas")) ? " replica" : " replicas")
                    + " (its claims stay)";
            case SET_RESOURCES -> "Raise the " + p(a, "resource") + " " + a.param("field").orElse("limit")
                    + " of container " + p(a, "container") + " of " + kind + " " + p(a, "workload") + " to "
                    + p(a, "value");
            case RESTORE_FIELDS -> "Put back " + restored(a) + " of " + kind + " " + p(a, "workload") + " in " + ns
                    + " to the desired state (resourceVersion " + p(a, "resourceVersion") + ")";
            case DELETE_PVC -> "Delete volume claim " + p(a, "pvc") + " in " + ns + a.param("snapshotClass")
                    .map(c -> " after a VolumeSnapshot of it (class " + c + ")").orElse(" (its data may be lost)");
            case DELETE_POD -> "Delete pod " + p(a, "pod") + " in " + ns + " for good (no controller recreates it)";
            case CORDON_NODE -> "Cordon node " + p(a, "node");
            case DRAIN_NODE -> "Drain node " + p(a, "node") + " (cordon it, then evict its pods within their budgets)";
            case UNCORDON_NODE -> "Uncordon node " + p(a, "node");
            case DELETE_NAMESPACE -> "Delete namespace " + ns + " and everything in it";
        };
    }

    /**
     * The short form for a subject line: lower case first, without the namespace and the remarks
     * ({@code restart pod postgres-db-0}, {@code undo the rollout of deployment api}).
     */
    public static String brief(ProposedAction a) {
        String text = switch (a.type()) {
            case RESTART_POD -> "restart pod " + p(a, "pod");
            case ROLLOUT_RESTART -> "restart " + a.param("kind").orElse("deployment") + " " + p(a, "workload");
            case ROLLOUT_UNDO -> "undo the rollout of deployment " + p(a, "deployment");
            case SCALE_DEPLOYMENT -> "scale deployment " + p(a, "deployment") + " to " + p(a, "replicas");
            case SCALE_STATEFULSET -> "scale statefulset " + p(a, "statefulset") + " to " + p(a, "replicas");
            case SET_RESOURCES -> "raise the " + p(a, "resource") + " " + a.param("field").orElse("limit") + " of "
                    + p(a, "container") + " to " + p(a, "value");
            case RESTORE_FIELDS -> "put back the drifted fields of " + kind(a) + " " + p(a, "workload");
            case DELETE_PVC -> "delete volume claim " + p(a, "pvc");
            case DELETE_POD -> "delete pod " + p(a, "pod");
            case CORDON_NODE -> "cordon node " + p(a, "node");
            case DRAIN_NODE -> "drain node " + p(a, "node");
            case UNCORDON_NODE -> "uncordon node " + p(a, "node");
            case DELETE_NAMESPACE -> "delete namespace " + a.param("namespace").orElse("?");
        };
        return text;
    }

    /** The action id as words: {@code restart_pod} -> {@code restart pod}. */
    public static String typeWords(ActionType type) {
        return type.id().replace('_', ' ');
    }

    private static String kind(ProposedAction a) {
        return a.param("kind").orElse("deployment");
    }

    /** {@code image of container app, replicas and env var DB_PASSWORD of container app}: names, never values. */
    static String restored(ProposedAction a) {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String path : FieldPaths.split(p(a, "fields"))) {
            if (path.equals("spec.replicas")) {
                words.add("replicas");
                continue;
            }
            int open = path.indexOf('[');
            int close = path.indexOf(']');
            String container = open < 0 || close < open ? "?" : path.substring(open + 1, close);
            String rest = close < 0 ? path : path.substring(close + 2);
            words.add(rest.startsWith("env[") ? "env var " + rest.substring(4, rest.length() - 1) + " of container "
                    + container : rest + " of container " + container);
        }
        return words.isEmpty() ? "no field" : words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    private static String p(ProposedAction a, String name) {
        return a.param(name).orElse("?");
    }
}
