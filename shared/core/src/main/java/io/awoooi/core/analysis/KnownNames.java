package io.awoooi.core.analysis;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.EventFacts;
import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.WorkloadEvidence;
import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TopologyView;
import io.awoooi.core.topology.WorkloadKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real Kubernetes names a topology holds, with the label type a new label of each gets: what
 * the analysis may read from alerts and write into what people and models see, when the Privacy
 * Shield labels Kubernetes names ({@link io.awoooi.core.shield.NameLabels}). Namespaces first, then
 * services and workloads, pods, nodes and claims; the first type a name is seen with wins.
 */
public final class KnownNames {
    private KnownNames() {
    }

    public static Map<String, PiiType> of(TopologyView view) {
        Map<String, PiiType> names = new LinkedHashMap<>();
        for (ServiceId id : view.graph().services()) {
            names.putIfAbsent(id.namespace(), PiiType.NAMESPACE);
        }
        for (ServiceId id : view.graph().services()) {
            ServiceNode node = view.graph().node(id).orElse(null);
            WorkloadEvidence evidence = node == null ? WorkloadEvidence.none() : node.evidence();
            evidence.workload().filter(w -> w.name().equals(id.name()))
                    .ifPresentOrElse(w -> names.putIfAbsent(id.name(), typeOf(w)),
                            () -> names.putIfAbsent(id.name(), PiiType.SERVICE));
            evidence.workload().ifPresent(w -> names.putIfAbsent(w.name(), typeOf(w)));
        }
        for (ServiceId id : view.graph().services()) {
            WorkloadEvidence evidence = view.graph().node(id).map(ServiceNode::evidence)
                    .orElse(WorkloadEvidence.none());
            for (PodFacts pod : evidence.pods()) {
                names.putIfAbsent(pod.name(), PiiType.POD);
                pod.node().ifPresent(n -> names.putIfAbsent(n, PiiType.NODE));
                pod.claims().forEach(c -> names.putIfAbsent(c, PiiType.PVC));
            }
            for (ClaimFacts claim : evidence.claims()) {
                names.putIfAbsent(claim.name(), PiiType.PVC);
            }
            evidence.events().forEach(e -> event(names, e));
        }
        for (NodeFacts node : view.snapshot().nodes().values()) {
            names.putIfAbsent(node.name(), PiiType.NODE);
            node.events().forEach(e -> event(names, e));
        }
        return names;
    }

    private static PiiType typeOf(WorkloadRef workload) {
        return workload.kind() == WorkloadKind.DEPLOYMENT ? PiiType.DEPLOYMENT : PiiType.WORKLOAD;
    }

    private static void event(Map<String, PiiType> names, EventFacts e) {
        PiiType type = switch (e.objectKind()) {
            case "Pod" -> PiiType.POD;
            case "Node" -> PiiType.NODE;
            case "PersistentVolumeClaim" -> PiiType.PVC;
            case "Deployment" -> PiiType.DEPLOYMENT;
            case "Service" -> PiiType.SERVICE;
            case "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob" -> PiiType.WORKLOAD;
            default -> null;
        };
        if (type != null && e.objectName() != null) {
            names.putIfAbsent(e.objectName(), type);
        }
    }
}
