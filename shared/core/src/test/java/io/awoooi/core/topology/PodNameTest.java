package io.awoooi.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodNameTest {

    @Test
    void ownerCandidates_deploymentPod_longestFirst() {
        assertThat(new PodName("order-api-7d9f8c6b5-x2kqp").ownerCandidates())
                .containsExactly("order-api-7d9f8c6b5-x2kqp", "order-api-7d9f8c6b5", "order-api");
    }

    @Test
    void ownerCandidates_statefulSetPodAndPlainNames() {
        assertThat(new PodName("postgres-db-0").ownerCandidates()).containsExactly("postgres-db-0", "postgres-db");
        assertThat(new PodName("redis-12").ownerCandidates()).containsExactly("redis-12", "redis");
        assertThat(new PodName("standalone").ownerCandidates()).containsExactly("standalone");
        assertThat(new PodName("my-pod").ownerCandidates()).containsExactly("my-pod");
        assertThat(new PodName("-0").ownerCandidates()).containsExactly("-0");
    }

    @Test
    void kindIfOwnedBy_shapeOfTheName_givesTheKind() {
        assertThat(new PodName("postgres-db-0").kindIfOwnedBy("postgres-db")).contains(WorkloadKind.STATEFULSET);
        assertThat(new PodName("order-api-7d9f8c6b5-x2kqp").kindIfOwnedBy("order-api"))
                .contains(WorkloadKind.DEPLOYMENT);
        // a DaemonSet and a Job name their pods alike; a CronJob's job has an all-digit "hash"
        assertThat(new PodName("node-agent-x2kqp").kindIfOwnedBy("node-agent")).isEmpty();
        assertThat(new PodName("backup-28391230-x2kqp").kindIfOwnedBy("backup")).isEmpty();
        assertThat(new PodName("order-api-7d9f8c6b5-x2kqp").kindIfOwnedBy("payments")).isEmpty();
    }

    @Test
    void owner_fromTheNameAlone() {
        assertThat(new PodName("order-api-7d9f8c6b5-x2kqp").owner())
                .contains(new PodName.Owner("order-api", WorkloadKind.DEPLOYMENT));
        assertThat(new PodName("postgres-db-0").owner())
                .contains(new PodName.Owner("postgres-db", WorkloadKind.STATEFULSET));
        assertThat(new PodName("node-agent-x2kqp").owner()).isEmpty();
        assertThat(new PodName("[POD_1]").owner()).isEmpty();
    }
}
