package io.awoooi.drift;

import io.awoooi.ai.Narrators;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.core.drift.DriftNarration;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.drift.DriftRedaction;
import io.awoooi.core.drift.DriftScan;
import io.awoooi.core.drift.NotifyDrift;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.kube.KubernetesDriftSource;
import io.awoooi.kube.NamespaceSelection;
import io.awoooi.wiring.ApprovalAssembly;
import io.awoooi.wiring.ApprovalParts;
import io.awoooi.wiring.Environment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds the drift scan from the template's environment: STATE_TABLE (reports, baselines,
 * notification claims, the operation log and the AI traces), the cluster from CLUSTER_AUTH
 * (shared/cluster; read-only), DRIFT_NAMESPACES (comma separated; empty: all but kube-*),
 * DRIFT_GITOPS_MANAGERS (field managers that count as declarative besides the defaults),
 * DRIFT_REMINDER_HOURS (unchanged drift is notified again after this long), LABEL_KUBERNETES_NAMES,
 * the narrator's AWOOOI_LLM settings (shared/ai Narrators) and the desk's (approvers, channels;
 * the link key and PUBLIC_BASE_URL: it issues the Accept and Rollback links). A malformed setting fails the cold start, naming it.
 */
@ApplicationScoped
public class DriftWiring {

    /** What the scan looks at and how often unchanged drift is told again. */
    @ConfigMapping(prefix = "drift")
    public interface DriftSettings {
        Optional<String> namespaces();

        @WithName("gitops.managers")
        Optional<String> gitOpsManagers();

        /** A string, so that a malformed value gets our message (naming the variable), not Config's. */
        @WithName("reminder.hours")
        @WithDefault("24")
        String reminderHours();
    }

    @Produces
    @Singleton
    DriftPolicy policy(DriftSettings settings) {
        long hours;
        try {
            hours = Long.parseLong(settings.reminderHours().strip());
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (hours < 1 || hours > 24 * 90) {
            throw new IllegalArgumentException("DRIFT_REMINDER_HOURS must be a whole number of hours from 1 to 2160");
        }
        return DriftPolicy.withGitOpsManagers(settings.gitOpsManagers().orElse(""), Duration.ofHours(hours));
    }

    @Produces
    @Singleton
    DriftRedaction redaction(Pseudonymizer pseudonymizer) {
        return new DriftRedaction(pseudonymizer);
    }

    @Produces
    @Singleton
    NotifyDrift notifyDrift(KubernetesClient kubernetes, DriftPolicy policy, DriftRedaction redaction,
            DriftSettings settings, DynamoDbDriftStore store, LeakGuard guard, DynamoDbAiTraceSink traces,
            DynamoDbOperationLog operations, ApprovalAssembly approvals, SqsExecutionQueue executions) {
        List<String> selected = settings.namespaces().stream().flatMap(n -> Arrays.stream(n.split(",")))
                .map(String::strip).filter(n -> !n.isEmpty()).toList();
        var source = new KubernetesDriftSource(kubernetes,
                selected.isEmpty() ? NamespaceSelection.all() : NamespaceSelection.of(selected));
        var lookup = Environment.lookup();
        var model = Narrators.model(lookup, (reportId, prompt) -> guard.check("llm-prompt", reportId, prompt));
        var narration = new DriftNarration(model, traces, operations, redaction, Narrators.timeout(lookup),
                Clock.systemUTC());
        // the message carries each operator's signed Accept and Rollback links (ADR 0023):
        // this function issues links, valid for the reminder interval (a reminder brings fresh ones)
        return new NotifyDrift(new DriftScan(source, store, store, policy, Clock.systemUTC()), narration,
                approvals.parts(ApprovalParts.Links.ISSUE).desks(executions), policy.reminderInterval());
    }
}
