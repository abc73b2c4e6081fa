package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RBAC answers of the local API server, asked through the fabric8 client like the dry-run asks. */
class LocalAccessReviewsTest {
    private final MockCluster cluster = new MockCluster();
    private final LocalAccessReviews reviews = LocalAccessReviews.answer(cluster.server());

    @AfterEach
    void stop() {
        cluster.close();
    }

    private AccessReviews.Answer ask(String verb, String group, String resource, String subresource, String namespace,
            String name) {
        return AccessReviews.ask(cluster.client(), Optional.empty(),
                new ResourceAccess(verb, group, resource, subresource, namespace, name));
    }

    @Test
    void answer_noDenials_allowsEverything() {
        // WHEN anything is asked
        AccessReviews.Answer answer = ask("delete", "", "namespaces", null, "shop", "shop");
        // THEN it is allowed, with a reason
        assertThat(answer.allowed()).isTrue();
        assertThat(answer.reason()).isEqualTo(LocalAccessReviews.ALLOWED_REASON);
    }

    @Test
    void deny_verbAndResource_deniesInEveryNamespaceButNotOtherVerbs() {
        // GIVEN pods may not be deleted anywhere
        reviews.deny("delete", "pods");
        // WHEN deleting and patching pods are asked
        // THEN deleting is denied everywhere, patching still allowed
        assertThat(ask("delete", "", "pods", null, "shop", "a").allowed()).isFalse();
        assertThat(ask("delete", "", "pods", null, "other", "b").allowed()).isFalse();
        assertThat(ask("delete", "", "pods", null, "shop", "a").reason()).isEqualTo(LocalAccessReviews.DENIED_REASON);
        assertThat(ask("patch", "", "pods", null, "shop", "a").allowed()).isTrue();
    }

    @Test
    void deny_oneName_deniesThatNameAndTheQuestionForEveryName() {
        // GIVEN one pod of shop may not be deleted
        reviews.deny("delete", "pods", "shop", "postgres-db-0");
        // WHEN that pod, another pod, every pod of shop and the same name elsewhere are asked about
        // THEN only the questions that include that pod are denied
        assertThat(ask("delete", "", "pods", null, "shop", "postgres-db-0").allowed()).isFalse();
        assertThat(ask("delete", "", "pods", null, "shop", null).allowed()).isFalse();
        assertThat(ask("delete", "", "pods", null, null, null).allowed()).isFalse();
        assertThat(ask("delete", "", "pods", null, "shop", "kafka-0").allowed()).isTrue();
        assertThat(ask("delete", "", "pods", null, "staging", "postgres-db-0").allowed()).isTrue();
    }

    @Test
    void deny_subresource_matchesOnlyThatSubresource() {
        // GIVEN the scale subresource of Deployments may not be patched
        reviews.deny("patch", "deployments/scale");
        // WHEN patching the scale and the Deployment itself are asked
        // THEN as in RBAC, the two are distinct resources
        assertThat(ask("patch", "apps", "deployments", "scale", "shop", "order-api").allowed()).isFalse();
        assertThat(ask("patch", "apps", "deployments", null, "shop", "order-api").allowed()).isTrue();
    }

    @Test
    void allowAll_afterDenials_allowsAgain() {
        // GIVEN every verb on nodes is denied
        reviews.deny("*", "nodes");
        assertThat(ask("patch", "", "nodes", null, null, "node-a").allowed()).isFalse();
        // WHEN the denials are dropped
        reviews.allowAll();
        // THEN it is allowed again
        assertThat(ask("patch", "", "nodes", null, null, "node-a").allowed()).isTrue();
    }
}
