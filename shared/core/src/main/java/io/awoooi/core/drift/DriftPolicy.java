package io.awoooi.core.drift;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who counts as declarative and who as imperative among field managers, and how often unchanged
 * drift is reminded.
 *
 * @param declarativeManagers managers whose fields are the desired state (an {@code Apply}
 *     operation is declarative whoever the manager is)
 * @param imperativeManagers managers whose changes over a declarative owner are drift
 * @param reminderInterval the same unchanged drift is notified again after this long
 */
public record DriftPolicy(Set<String> declarativeManagers, Set<String> imperativeManagers, Duration reminderInterval) {
    public static final Set<String> DEFAULT_DECLARATIVE = Set.of("kubectl-client-side-apply", "helm",
            "argocd-controller", "argocd-application-controller", "argocd", "kustomize-controller",
            "helm-controller", "flux", "terraform-provider-kubernetes");
    public static final Set<String> DEFAULT_IMPERATIVE = Set.of("kubectl-edit", "kubectl-patch", "kubectl-scale",
            "kubectl-set", "kubectl-label", "kubectl-annotate", "kubectl-replace", "kubectl", "kubectl-create");
    public static final Duration DEFAULT_REMINDER = Duration.ofHours(24);

    public DriftPolicy {
        declarativeManagers = Set.copyOf(declarativeManagers);
        imperativeManagers = Set.copyOf(imperativeManagers);
        Objects.requireNonNull(reminderInterval, "reminderInterval");
        if (reminderInterval.isNegative() || reminderInterval.isZero()) {
            throw new IllegalArgumentException("reminderInterval must be positive");
        }
    }

    public static DriftPolicy defaults() {
        return new DriftPolicy(DEFAULT_DECLARATIVE, DEFAULT_IMPERATIVE, DEFAULT_REMINDER);
    }

    /** The defaults plus the configured GitOps manager names (comma separated, blanks ignored). */
    public static DriftPolicy withGitOpsManagers(String commaSeparated, Duration reminderInterval) {
        Set<String> declarative = new TreeSet<>(DEFAULT_DECLARATIVE);
        if (commaSeparated != null) {
            for (String m : commaSeparated.split(",")) {
                if (!m.isBlank()) {
                    declarative.add(m.strip());
                }
            }
        }
        return new DriftPolicy(declarative, DEFAULT_IMPERATIVE, reminderInterval);
    }

    public boolean declarative(ManagedFieldsEntry e) {
        return "Apply".equals(e.operation()) || declarativeManagers.contains(e.manager())
                || e.manager().toLowerCase(Locale.ROOT).startsWith("argocd")
                || e.manager().toLowerCase(Locale.ROOT).startsWith("flux");
    }

    public boolean imperative(ManagedFieldsEntry e) {
        return !declarative(e) && imperativeManagers.contains(e.manager());
    }
}
