package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.PodFacts;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pods, claims and kubelet messages read into facts. */
class EvidenceReaderTest {
    @Test
    void missingObject_secretsAndConfigMapsByNameOnly() {
        assertThat(EvidenceReader.missingObject("secret \"orders-db-creds\" not found"))
                .contains("secret/orders-db-creds");
        assertThat(EvidenceReader.missingObject("configmap \"orders-config\" not found"))
                .contains("configmap/orders-config");
        assertThat(EvidenceReader.missingObject("couldn't find key password in Secret shop/orders-db-creds"))
                .contains("secret/orders-db-creds");
        assertThat(EvidenceReader.missingObject("couldn't find key url in ConfigMap shop/orders-config"))
                .contains("configmap/orders-config");
        assertThat(EvidenceReader.missingObject("container has runAsNonRoot and image will run as root")).isEmpty();
        assertThat(EvidenceReader.missingObject(null)).isEmpty();
    }

    @Test
    void pod_unscheduledPodWithoutStatuses_stillListsItsContainersAndClaims() {
        // GIVEN a pending pod (no node, no container statuses) with a claim and an ephemeral volume
        var pod = new PodBuilder(Manifests.pod("shop", "orders-db-0", "orders-db", 0)).editSpec()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-orders-db-0")
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("scratch").withNewEphemeral().endEphemeral().endVolume()
                .endSpec()
                .editMetadata().addToLabels("controller-revision-hash", "orders-db-5f6b7c8d9").endMetadata()
                .editStatus().withPhase("Pending").withConditions().withContainerStatuses().endStatus().build();
        // WHEN read
        PodFacts facts = EvidenceReader.pod(pod);
        // THEN
        assertThat(facts.node()).isEmpty();
        assertThat(facts.phase()).isEqualTo("Pending");
        assertThat(facts.ready()).isFalse();
        assertThat(facts.readySince()).isEmpty();
        assertThat(facts.templateHash()).contains("orders-db-5f6b7c8d9");
        assertThat(facts.claims()).containsExactly("data-orders-db-0", "orders-db-0-scratch");
        assertThat(facts.containers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("main");
            assertThat(c.restarts()).isZero();
            assertThat(c.waitingReason()).isEmpty();
        });
    }

    @Test
    void claim_missingOrUnread() {
        assertThat(EvidenceReader.claim("x", null, true))
                .isEqualTo(new ClaimFacts("x", "Missing", Optional.empty(), Optional.empty()));
        assertThat(EvidenceReader.claim("x", null, false).phase()).isEqualTo("Unknown");
    }
}
