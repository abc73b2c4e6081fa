package io.awoooi.kube;

import static io.awoooi.kube.EvidenceManifests.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.evidence.EventFacts;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events reduced to facts: reasons, times, counts and a short detail, never the message. */
class EventIndexTest {
    private static final Instant T = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void detail_failedScheduling_namesEachKnownCause() {
        assertThat(EventIndex.detail("FailedScheduling",
                "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes"))
                .contains("Insufficient cpu");
        assertThat(EventIndex.detail("FailedScheduling",
                "0/5 nodes are available: 1 Insufficient memory, 2 Insufficient cpu, "
                        + "2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }."))
                .contains("Insufficient memory, Insufficient cpu, untolerated taint");
        assertThat(EventIndex.detail("FailedScheduling",
                "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector."))
                .contains("node affinity");
        assertThat(EventIndex.detail("FailedScheduling",
                "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims."))
                .contains("unbound PersistentVolumeClaims");
        assertThat(EventIndex.detail("FailedScheduling", "0/1 nodes are available: 1 Insufficient nvidia.com/gpu."))
                .contains("Insufficient nvidia.com/gpu");
        assertThat(EventIndex.detail("FailedScheduling", "something new")).isEmpty();
    }

    @Test
    void detail_volumesProbesEvictionsAndBackOff_areShortFacts() {
        assertThat(
                EventIndex.detail("FailedAttachVolume", "Multi-Attach error for volume \"pvc-1f2e\" Volume is already "
                        + "used by pod(s) orders-db-0"))
                .contains("Multi-Attach");
        assertThat(EventIndex.detail("FailedMount",
                "MountVolume.SetUp failed for volume \"cfg\" : configmap \"orders-config\" not found"))
                .contains("configmap orders-config");
        assertThat(EventIndex.detail("FailedMount",
                "Unable to attach or mount volumes: unmounted volumes=[data]: timed out "
                        + "waiting for the condition"))
                .contains("timeout");
        assertThat(EventIndex.detail("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"))
                .contains("readiness probe");
        assertThat(EventIndex.detail("Unhealthy",
                "Liveness probe failed: dial tcp 10.0.0.1:8080: connect: connection refused"))
                .contains("liveness probe");
        assertThat(EventIndex.detail("Unhealthy", "Startup probe failed: command timed out")).contains("startup probe");
        assertThat(EventIndex.detail("Killing", "Container main failed liveness probe, will be restarted"))
                .contains("liveness probe");
        assertThat(EventIndex.detail("Evicted",
                "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi."))
                .contains("memory pressure");
        assertThat(EventIndex.detail("Evicted",
                "Pod ephemeral local storage usage exceeds the total limit of containers 1Gi."))
                .contains("ephemeral-storage pressure");
        assertThat(EventIndex.detail("Evicted", "The node had condition: [DiskPressure]. ")).contains("disk pressure");
        assertThat(EventIndex.detail("BackOff", "Back-off restarting failed container main in pod x"))
                .contains("restarting");
        assertThat(EventIndex.detail("BackOff", "Back-off pulling image \"registry.example.com/secret-project:1\""))
                .contains("pulling image");
        assertThat(
                EventIndex.detail("FailedCreate", "Error creating: pods \"x\" is forbidden: exceeded quota: compute"))
                .contains("quota");
        assertThat(EventIndex.detail("NodeNotReady", "Node node-a status is now: NodeNotReady")).isEmpty();
    }

    @Test
    void facts_timeFallsBackFromLastTimestampToEventTimeToSeriesToFirstTimestamp() {
        var base = event("shop", "e", "Pod", "p", "BackOff", "Warning", "Back-off restarting failed container", null,
                0);
        assertThat(EventIndex
                .facts(new EventBuilder(base).withEventTime(new MicroTime("2026-11-25T03:00:00.123456Z")).build())
                .lastSeen())
                .contains(Instant.parse("2026-11-25T03:00:00.123456Z"));
        var series = new EventBuilder(base).withCount(null).withNewSeries().withCount(7)
                .withLastObservedTime(new MicroTime("2026-11-25T02:00:00.000000Z")).endSeries().build();
        EventFacts fromSeries = EventIndex.facts(series);
        assertThat(fromSeries.lastSeen()).contains(Instant.parse("2026-11-25T02:00:00Z"));
        assertThat(fromSeries.count()).isEqualTo(7);
        assertThat(
                EventIndex.facts(new EventBuilder(base).withFirstTimestamp("2026-11-25T01:00:00Z").build()).lastSeen())
                .contains(Instant.parse("2026-11-25T01:00:00Z"));
        assertThat(EventIndex.facts(base).lastSeen()).isEmpty();
        assertThat(EventIndex.facts(base).count()).isEqualTo(1);
    }

    @Test
    void about_keepsWantedObjectsAndReasonsNewestFirstBounded() {
        // GIVEN events about a wanted pod (several), an unwanted pod and a reason of no interest
        EventIndex index = new EventIndex(
                Set.of(new EventIndex.Key("shop", "Pod", "p"), EventIndex.Key.node("node-a")));
        for (int i = 0; i < 5; i++) {
            index.add(event("shop", "e" + i, "Pod", "p", "Unhealthy", "Warning", "Readiness probe failed",
                    T.plusSeconds(i), 1));
        }
        index.add(event("shop", "x", "Pod", "q", "Unhealthy", "Warning", "Readiness probe failed", T, 1));
        index.add(event("shop", "y", "Pod", "p", "Pulled", "Normal", "Successfully pulled", T.plusSeconds(60), 1));
        index.add(event("default", "n", "Node", "node-a", "NodeNotReady", "Normal", "", T, 1));
        // WHEN / THEN the newest 3 of the wanted pod's, and the node's under its cluster-scoped key
        assertThat(index.about(List.of(new EventIndex.Key("shop", "Pod", "p")), 3))
                .extracting(e -> e.lastSeen().orElseThrow())
                .containsExactly(T.plusSeconds(4), T.plusSeconds(3), T.plusSeconds(2));
        assertThat(index.about(List.of(new EventIndex.Key("shop", "Pod", "q")), 3)).isEmpty();
        assertThat(index.about(List.of(EventIndex.Key.node("node-a")), 3))
                .containsExactly(new EventFacts("NodeNotReady", "Normal", "Node", "node-a", 1, Optional.of(T),
                        Optional.empty()));
    }
}
