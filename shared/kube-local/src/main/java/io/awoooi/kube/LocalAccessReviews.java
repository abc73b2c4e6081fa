package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * RBAC for the local Kubernetes API (fabric8's mock server): answers SelfSubjectAccessReview
 * creates, allowed unless a {@link #deny denial} matches. The CRUD store alone would store the
 * review and return it without {@code status.allowed}, which the dry-run reads as "could not
 * determine".
 *
 * <p>The answer is an expectation on the server, so the server must consult expectations before
 * its CRUD store: build it with a {@link KubernetesMixedDispatcher} over the same expectation map
 * (fabric8 7.5: a plain {@code KubernetesCrudDispatcher} ignores expectations):
 *
 * <pre>
 * Map&lt;ServerRequest, Queue&lt;ServerResponse&gt;&gt; responses = new HashMap&lt;&gt;();
 * var server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
 *         new KubernetesMixedDispatcher(responses), false);
 * server.init();
 * LocalAccessReviews reviews = LocalAccessReviews.answer(server);
 * reviews.deny("delete", "pods", "shop", null);   // tests: RBAC denied
 * </pre>
 *
 * <p>Needs {@code io.fabric8:kubernetes-server-mock} on the classpath (an optional dependency of
 * this module: the functions never load this class).
 */
public final class LocalAccessReviews {
    /** Where the fabric8 client creates SelfSubjectAccessReviews. */
    public static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    static final String DENIED_REASON = "denied by a local access rule";
    static final String ALLOWED_REASON = "allowed: the local API server grants everything not denied";

    private final List<Denial> denials = new CopyOnWriteArrayList<>();
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private LocalAccessReviews() {
    }

    /** Answers every SelfSubjectAccessReview the server receives from now on; returns the rules to add denials to. */
    public static LocalAccessReviews answer(KubernetesMockServer server) {
        Objects.requireNonNull(server, "server");
        LocalAccessReviews reviews = new LocalAccessReviews();
        server.expect().post().withPath(PATH).andReply(HttpURLConnection.HTTP_CREATED, reviews::review).always();
        return reviews;
    }

    /** Denies the verb on the resource in every namespace, for every name. */
    public LocalAccessReviews deny(String verb, String resource) {
        return deny(verb, resource, null, null);
    }

    /**
     * Denies a verb on a resource.
     *
     * @param resource {@code pods}, or with a subresource {@code deployments/scale}; matches exactly (as
     *     in RBAC, {@code deployments} does not cover {@code deployments/scale}); the API group is not compared
     * @param namespace only there, or null for every namespace
     * @param name only that object, or null for every name
     */
    public LocalAccessReviews deny(String verb, String resource, String namespace, String name) {
        denials.add(new Denial(Objects.requireNonNull(verb, "verb"), Objects.requireNonNull(resource, "resource"),
                namespace, name));
        return this;
    }

    /** Forgets every denial: everything is allowed again. */
    public void allowAll() {
        denials.clear();
    }

    private String review(RecordedRequest request) {
        GenericKubernetesResource review = serialization.unmarshal(request.getUtf8Body(),
                GenericKubernetesResource.class);
        Map<?, ?> asked = review.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && spec.get("resourceAttributes") instanceof Map<?, ?> attributes ? attributes : null;
        boolean denied = asked != null && denials.stream().anyMatch(d -> d.covers(asked));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("allowed", !denied);
        status.put("denied", denied);
        status.put("reason", denied ? DENIED_REASON : ALLOWED_REASON);
        review.setAdditionalProperty("status", status);
        return serialization.asJson(review);
    }

    private record Denial(String verb, String resource, String namespace, String name) {
        boolean covers(Map<?, ?> asked) {
            String subresource = text(asked, "subresource");
            String resourceAsked = blank(subresource) ? text(asked, "resource")
                    : text(asked, "resource") + "/" + subresource;
            return (verb.equals("*") || verb.equals(text(asked, "verb")))
                    && resource.equals(resourceAsked)
                    && within(namespace, text(asked, "namespace"))
                    && within(name, text(asked, "name"));
        }

        private static String text(Map<?, ?> attributes, String key) {
            return attributes.get(key) instanceof String s ? s : null;
        }

        private static boolean within(String denied, String asked) {
            return denied == null || blank(asked) || denied.equals(asked);
        }

        private static boolean blank(String s) {
            return s == null || s.isEmpty();
        }
    }
}
