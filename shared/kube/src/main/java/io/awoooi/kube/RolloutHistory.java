package io.awoooi.kube;

import io.awoooi.core.evidence.RolloutFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Deployment's rollout history from its ReplicaSets: which revision serves now, which one served
 * before, for how long, and what changed between their pod templates. Values (images, environment,
 * commands) are compared, never kept: the result names the kinds of change only.
 */
final class RolloutHistory {
    static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

    /** The kinds of change, in the order they are reported. */
    static final List<String> CHANGES = List.of("image", "env", "resources", "command", "probes", "volumes", "other");

    private RolloutHistory() {
    }

    /**
     * The ReplicaSets of the Deployment among {@code replicaSets} (any namespace): those whose
     * controller owner reference is the Deployment's uid; a ReplicaSet without any owner reference
     * (orphaned, or a store that keeps no uids) counts when it is in the Deployment's namespace and
     * its template labels match the Deployment's selector.
     */
    static List<ReplicaSet> owned(Deployment deployment, List<ReplicaSet> replicaSets) {
        ObjectMeta meta = deployment.getMetadata();
        String uid = meta.getUid();
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : replicaSets) {
            ObjectMeta rsMeta = rs.getMetadata();
            if (!Objects.equals(meta.getNamespace(), rsMeta.getNamespace())) {
                continue;
            }
            List<OwnerReference> owners = rsMeta.getOwnerReferences() == null ? List.of() : rsMeta.getOwnerReferences();
            if (!owners.isEmpty()) {
                if (uid != null
                        && owners.stream().anyMatch(o -> uid.equals(o.getUid()) && "Deployment".equals(o.getKind()))) {
                    owned.add(rs);
                }
            } else if (deployment.getSpec() != null && rs.getSpec() != null && rs.getSpec().getTemplate() != null
                    && Selectors.matches(deployment.getSpec().getSelector(),
                            labels(rs.getSpec().getTemplate().getMetadata()))) {
                owned.add(rs);
            }
        }
        return owned;
    }

    /**
     * The rollout facts of a Deployment from its ReplicaSets: the current one is the highest
     * revision ({@value #REVISION_ANNOTATION}), the previous one the next lower. Empty when no
     * ReplicaSet carries a revision.
     */
    static Optional<RolloutFacts> of(List<ReplicaSet> owned) {
        Map<Long, ReplicaSet> byRevision = new HashMap<>();
        for (ReplicaSet rs : owned) {
            revision(rs).ifPresent(r -> byRevision.merge(r, rs, (a, b) -> newer(a, b)));
        }
        List<Long> revisions = byRevision.keySet().stream().sorted(Comparator.reverseOrder()).toList();
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        ReplicaSet current = byRevision.get(revisions.get(0));
        Optional<Instant> currentSince = Times.parse(current.getMetadata().getCreationTimestamp());
        if (revisions.size() == 1) {
            return Optional.of(new RolloutFacts(revisions.get(0), hash(current), currentSince, Optional.empty(),
                    Optional.empty(), 0, Optional.empty(), List.of()));
        }
        ReplicaSet previous = byRevision.get(revisions.get(1));
        Optional<Instant> previousSince = Times.parse(previous.getMetadata().getCreationTimestamp());
        Optional<Duration> servedFor = currentSince.flatMap(c -> previousSince.map(p -> Duration.between(p, c)))
                .filter(d -> !d.isNegative());
        int previousReady = previous.getStatus() == null || previous.getStatus().getReadyReplicas() == null ? 0
                : previous.getStatus().getReadyReplicas();
        return Optional
                .of(new RolloutFacts(revisions.get(0), hash(current), currentSince, Optional.of(revisions.get(1)),
                        Optional.of(hash(previous)), previousReady, servedFor,
                        changes(template(previous), template(current))));
    }

    private static ReplicaSet newer(ReplicaSet a, ReplicaSet b) {
        Instant ta = Times.parse(a.getMetadata().getCreationTimestamp()).orElse(Instant.MIN);
        Instant tb = Times.parse(b.getMetadata().getCreationTimestamp()).orElse(Instant.MIN);
        return tb.isAfter(ta) ? b : a;
    }

    static Optional<Long> revision(ReplicaSet rs) {
        String value = annotations(rs.getMetadata()).get(REVISION_ANNOTATION);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The ReplicaSet's pod-template-hash: its label, else its template's, else its selector's; "" when none. */
    static String hash(ReplicaSet rs) {
        String hash = labels(rs.getMetadata()).get(EvidenceReader.POD_TEMPLATE_HASH);
        if (hash == null && rs.getSpec() != null && rs.getSpec().getTemplate() != null) {
            hash = labels(rs.getSpec().getTemplate().getMetadata()).get(EvidenceReader.POD_TEMPLATE_HASH);
        }
        if (hash == null && rs.getSpec() != null && rs.getSpec().getSelector() != null
                && rs.getSpec().getSelector().getMatchLabels() != null) {
            hash = rs.getSpec().getSelector().getMatchLabels().get(EvidenceReader.POD_TEMPLATE_HASH);
        }
        return hash == null ? "" : hash;
    }

    private static PodTemplateSpec template(ReplicaSet rs) {
        return rs.getSpec() == null || rs.getSpec().getTemplate() == null ? new PodTemplateSpec()
                : rs.getSpec().getTemplate();
    }

    /**
     * What differs between two pod templates, in {@link #CHANGES} order: {@code image},
     * {@code env} (env and envFrom: names, values, references), {@code resources}, {@code command}
     * (command and args), {@code probes} (liveness, readiness, startup), {@code volumes} (the pod's),
     * {@code other} (any other container or pod field, a container added or removed, labels other
     * than the pod-template-hash, annotations). Init containers count like containers.
     */
    static List<String> changes(PodTemplateSpec before, PodTemplateSpec after) {
        List<String> found = new ArrayList<>();
        PodSpec a = before.getSpec() == null ? new PodSpec() : before.getSpec();
        PodSpec b = after.getSpec() == null ? new PodSpec() : after.getSpec();
        Map<String, Container> was = containers(a);
        Map<String, Container> is = containers(b);
        if (!was.keySet().equals(is.keySet())) {
            found.add("other");
        }
        for (Map.Entry<String, Container> entry : was.entrySet()) {
            Container x = entry.getValue();
            Container y = is.get(entry.getKey());
            if (y == null) {
                continue;
            }
            differs(found, "image", x, y, Container::getImage);
            differs(found, "env", x, y, c -> List.of(list(c.getEnv()), list(c.getEnvFrom())));
            differs(found, "resources", x, y, c -> c.getResources() == null ? null
                    : List.of(map(c.getResources().getRequests()), map(c.getResources().getLimits()),
                            list(c.getResources().getClaims())));
            differs(found, "command", x, y, c -> List.of(list(c.getCommand()), list(c.getArgs())));
            differs(found, "probes", x, y,
                    c -> java.util.Arrays.asList(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()));
            differs(found, "other", x, y, RolloutHistory::rest);
        }
        differs(found, "volumes", a, b, s -> list(s.getVolumes()));
        differs(found, "other", a, b, s -> new PodSpecBuilder(s).withContainers((List<Container>) null)
                .withInitContainers((List<Container>) null).withVolumes((List<Volume>) null).build());
        differs(found, "other", before, after,
                t -> List.of(labelsWithoutHash(t.getMetadata()), annotations(t.getMetadata())));
        return CHANGES.stream().filter(found::contains).toList();
    }

    private static <T> void differs(List<String> found, String change, T a, T b, Function<T, Object> field) {
        if (!Objects.equals(field.apply(a), field.apply(b))) {
            found.add(change);
        }
    }

    /** A container without the fields compared on their own (and without its name). */
    private static Container rest(Container c) {
        return new ContainerBuilder(c).withName(null).withImage(null)
                .withEnv((List<EnvVar>) null).withEnvFrom((List<EnvFromSource>) null).withResources(null)
                .withCommand((List<String>) null).withArgs((List<String>) null)
                .withLivenessProbe(null).withReadinessProbe(null).withStartupProbe(null).build();
    }

    private static Map<String, Container> containers(PodSpec spec) {
        Map<String, Container> containers = new LinkedHashMap<>();
        list(spec.getInitContainers()).forEach(c -> containers.put("init:" + c.getName(), c));
        list(spec.getContainers()).forEach(c -> containers.put(c.getName(), c));
        return containers;
    }

    private static Map<String, String> labelsWithoutHash(ObjectMeta meta) {
        Map<String, String> labels = new HashMap<>(labels(meta));
        labels.remove(EvidenceReader.POD_TEMPLATE_HASH);
        return labels;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, String> labels(ObjectMeta meta) {
        return Selectors.labels(meta);
    }

    private static Map<String, String> annotations(ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }
}
