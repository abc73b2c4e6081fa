package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Deployment's revisions as the Deployment controller and {@code kubectl rollout undo} see them:
 * each ReplicaSet the Deployment controls holds one revision ({@value #REVISION} annotation) and the
 * pod template of that revision, labelled with its {@value #HASH_LABEL}. When a rollback reuses an
 * old ReplicaSet, the controller gives it the next revision and lists the ones it held before in
 * {@value #REVISION_HISTORY}.
 */
final class Rollouts {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String HASH_LABEL = "pod-template-hash";

    private Rollouts() {
    }

    /** The action's {@code toRevision}, or empty for kubectl's "previous revision". */
    static OptionalLong toRevision(io.awoooi.core.action.ProposedAction action) {
        return action.param("toRevision").map(r -> OptionalLong.of(Long.parseLong(r))).orElse(OptionalLong.empty());
    }

    /** The revision an object's annotation states (a Deployment's current one, a ReplicaSet's own). */
    static OptionalLong revision(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return parse(annotations == null ? null : annotations.get(REVISION));
    }

    /** Whether the ReplicaSet holds the revision now, or held it before the controller reused it. */
    static boolean holds(ReplicaSet rs, long revision) {
        if (revision(rs).orElse(-1) == revision) {
            return true;
        }
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        String history = annotations == null ? null : annotations.get(REVISION_HISTORY);
        if (history == null) {
            return false;
        }
        for (String part : history.split(",")) {
            if (parse(part.strip()).orElse(-1) == revision) {
                return true;
            }
        }
        return false;
    }

    /** The ReplicaSets the Deployment controls (its controller owner reference: kind, name and uid), by revision. */
    static List<ReplicaSet> owned(Deployment deployment, List<ReplicaSet> replicaSets) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : replicaSets) {
            OwnerReference ref = PodOwners.controllerOf(rs.getMetadata()).orElse(null);
            boolean sameUid = ref == null || ref.getUid() == null || deployment.getMetadata().getUid() == null
                    || ref.getUid().equals(deployment.getMetadata().getUid());
            if (ref != null && "Deployment".equals(ref.getKind())
                    && deployment.getMetadata().getName().equals(ref.getName()) && sameUid
                    && revision(rs).isPresent()) {
                owned.add(rs);
            }
        }
        owned.sort(Comparator.comparingLong((ReplicaSet rs) -> revision(rs).orElseThrow()));
        return owned;
    }

    /**
     * The ReplicaSet to roll back to, as kubectl picks it: the one of {@code toRevision}, or without
     * it the second highest revision (the previous one).
     */
    static Optional<ReplicaSet> target(List<ReplicaSet> owned, OptionalLong toRevision) {
        if (toRevision.isPresent()) {
            return owned.stream().filter(rs -> revision(rs).orElse(-1) == toRevision.getAsLong()).findFirst();
        }
        return owned.size() < 2 ? Optional.empty() : Optional.of(owned.get(owned.size() - 2));
    }

    /** The ReplicaSet whose template the Deployment runs now (equal but for the hash label), if any. */
    static Optional<ReplicaSet> running(KubernetesSerialization json, Deployment deployment, List<ReplicaSet> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            if (sameTemplate(json, deployment.getSpec().getTemplate(), owned.get(i).getSpec().getTemplate())) {
                return Optional.of(owned.get(i));
            }
        }
        return Optional.empty();
    }

    /** Two pod templates equal but for the {@value #HASH_LABEL} label (kubectl's equalIgnoreHash), empty fields ignored. */
    static boolean sameTemplate(KubernetesSerialization json, PodTemplateSpec a, PodTemplateSpec b) {
        return Objects.equals(tree(json, a), tree(json, b));
    }

    /**
     * The ReplicaSet's pod template as the Deployment should hold it: as it is, but for the hash
     * label (nothing pruned: an {@code emptyDir: {}} is a volume source).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> restorable(KubernetesSerialization json, ReplicaSet rs) {
        Map<String, Object> tree = json.convertValue(rs.getSpec().getTemplate(), Map.class);
        if (tree.get("metadata") instanceof Map<?, ?> metadata && metadata.get("labels") instanceof Map<?, ?> labels) {
            ((Map<String, Object>) labels).remove(HASH_LABEL);
        }
        return tree;
    }

    /** {@code 1, 2, 4} (the revisions, ascending). */
    static String revisions(List<ReplicaSet> owned) {
        return String.join(", ", owned.stream().map(rs -> Long.toString(revision(rs).orElseThrow())).toList());
    }

    /** {@code api ghcr.io/x:3.2.0 to ghcr.io/x:3.1.0}: the containers whose image differs, or empty. */
    static String imageChanges(PodTemplateSpec from, PodTemplateSpec to) {
        Map<String, String> before = images(from);
        List<String> changes = new ArrayList<>();
        images(to).forEach((container, image) -> {
            String was = before.get(container);
            if (!Objects.equals(was, image)) {
                changes.add(container + " " + (was == null ? "(new)" : was) + " to " + image);
            }
        });
        return String.join(", ", changes);
    }

    private static Map<String, String> images(PodTemplateSpec template) {
        Map<String, String> images = new LinkedHashMap<>();
        if (template != null && template.getSpec() != null && template.getSpec().getContainers() != null) {
            template.getSpec().getContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        }
        return images;
    }

    /** The template as a JSON tree without the hash label, empty maps, lists and nulls (for comparing only). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(KubernetesSerialization json, PodTemplateSpec template) {
        if (template == null) {
            return Map.of();
        }
        Map<String, Object> tree = json.convertValue(template, Map.class);
        if (tree.get("metadata") instanceof Map<?, ?> metadata && metadata.get("labels") instanceof Map<?, ?> labels) {
            ((Map<String, Object>) labels).remove(HASH_LABEL);
        }
        Object pruned = prune(tree);
        return pruned instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Object prune(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object p = prune(v);
                if (p != null) {
                    out.put(String.valueOf(k), p);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object v : list) {
                Object p = prune(v);
                out.add(p == null ? Map.of() : p); // keep positions: a list's elements are ordered
            }
            return out.isEmpty() ? null : out;
        }
        return value;
    }

    private static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(text));
    }
}
