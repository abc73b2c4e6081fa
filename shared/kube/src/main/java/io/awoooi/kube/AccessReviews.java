package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the API server's authorizer whether a request would be allowed: a SelfSubjectAccessReview
 * (about the caller's own credentials) or a SubjectAccessReview (about another user, e.g. the
 * executor's, asked by the analysis). Both are sent as plain {@code authorization.k8s.io/v1}
 * resources, so the functions need not carry fabric8's typed model for them (the
 * admissionregistration model jar, 1.3 MB; docs/adr/0022); the wire format is the same.
 */
final class AccessReviews {
    static final String GROUP = "authorization.k8s.io";
    static final String VERSION = "v1";

    private AccessReviews() {
    }

    /**
     * The authorizer's answer.
     *
     * @param allowed null when the review came back without one
     */
    record Answer(Boolean allowed, String reason, String evaluationError) {
        /** {@code " (reason; evaluation error: ...)"}, or empty. */
        String why() {
            List<String> parts = new ArrayList<>();
            if (reason != null && !reason.isBlank()) {
                parts.add(reason.strip());
            }
            if (evaluationError != null && !evaluationError.isBlank()) {
                parts.add("evaluation error: " + evaluationError.strip());
            }
            return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
        }
    }

    /**
     * @param subject the user to ask about; empty: the client's own credentials
     * @throws KubernetesClientException when the API server could not be asked
     */
    static Answer ask(KubernetesClient client, Optional<KubernetesDryRun.Executor> subject, ResourceAccess asked) {
        Map<String, Object> spec = new LinkedHashMap<>();
        subject.ifPresent(s -> {
            spec.put("user", s.user());
            spec.put("groups", List.copyOf(s.groups()));
        });
        spec.put("resourceAttributes", attributes(asked));
        String kind = subject.isPresent() ? "SubjectAccessReview" : "SelfSubjectAccessReview";
        GenericKubernetesResource review = new GenericKubernetesResource();
        review.setApiVersion(GROUP + "/" + VERSION);
        review.setKind(kind);
        review.setAdditionalProperty("spec", spec);
        GenericKubernetesResource answer = client.genericKubernetesResources(context(kind)).resource(review).create();
        Object status = answer == null ? null : answer.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s)) {
            return new Answer(null, null, null);
        }
        Object allowed = s.get("allowed");
        return new Answer(allowed instanceof Boolean b ? b : null, text(s.get("reason")),
                text(s.get("evaluationError")));
    }

    /** The {@code resourceAttributes} of a review: only what is set (null means any). */
    static Map<String, Object> attributes(ResourceAccess asked) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("verb", asked.verb());
        attributes.put("group", asked.group());
        attributes.put("resource", asked.resource());
        putIfSet(attributes, "subresource", asked.subresource());
        putIfSet(attributes, "namespace", asked.namespace());
        putIfSet(attributes, "name", asked.name());
        return attributes;
    }

    private static ResourceDefinitionContext context(String kind) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(GROUP)
                .withVersion(VERSION)
                .withKind(kind)
                .withPlural(kind.toLowerCase(java.util.Locale.ROOT) + "s")
                .withNamespaced(false)
                .build();
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
