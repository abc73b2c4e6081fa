package io.awoooi.kube.finops;

import io.awoooi.core.action.Quantity;
import io.awoooi.core.finops.ClusterInventory;
import io.awoooi.core.finops.ClusterInventory.Claim;
import io.awoooi.core.finops.ClusterInventory.Node;
import io.awoooi.core.finops.ClusterInventory.Owner;
import io.awoooi.core.finops.ClusterInventory.Pod;
import io.awoooi.core.finops.ClusterInventory.Taint;
import io.awoooi.core.finops.ClusterInventory.Toleration;
import io.awoooi.core.finops.ClusterInventory.Workload;
import io.awoooi.core.finops.ClusterInventorySource;
import io.awoooi.kube.ClusterReads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Listable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The FinOps inventory through fabric8, every list paged as topology discovery pages it
 * ({@link ClusterReads#forEach}: {@value ClusterReads#PAGE_SIZE} per page, continue tokens
 * followed) across all namespaces: nodes, pods, claims, the workload templates that refer to claims
 * (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs), ReplicaSets (to name a pod's Deployment), and best effort the StorageClasses and VolumeSnapshotClasses (a claim's snapshot class
 * is the one whose driver is its storage class's provisioner, the default one first).
 *
 * <p>A list that fails (timeout, 5xx, 403) is reported in {@link ClusterInventory#unreadable()} with
 * its reason (HTTP code or exception type, never a body) and never read as empty.
 */
public final class KubernetesInventory implements ClusterInventorySource {
    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    private static final String INSTANCE_TYPE_BETA = "beta.kubernetes.io/instance-type";
    static final String ZONE = "topology.kubernetes.io/zone";
    private static final String ZONE_BETA = "failure-domain.beta.kubernetes.io/zone";
    /** The EBS CSI driver's own topology key on the volumes it provisions. */
    private static final String EBS_ZONE = "topology.ebs.csi.aws.com/zone";
    private static final String MIRROR = "kubernetes.io/config.mirror";
    private static final String DEFAULT_SNAPSHOT_CLASS = "snapshot.storage.kubernetes.io/is-default-class";
    /** Node selector keys every pod may carry without being pinned to some nodes. */
    private static final Set<String> NEUTRAL_SELECTORS = Set.of("kubernetes.io/os", "kubernetes.io/arch",
            "beta.kubernetes.io/os", "beta.kubernetes.io/arch");

    private static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext SNAPSHOT_CLASSES = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
            .withPlural("volumesnapshotclasses").withNamespaced(false).build();
    /** StorageClasses as plain resources: only their provisioner is read (no typed storage model in the zips). */
    private static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext STORAGE_CLASSES = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("storage.k8s.io").withVersion("v1").withKind("StorageClass")
            .withPlural("storageclasses").withNamespaced(false).build();

    private final KubernetesClient client;

    public KubernetesInventory(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public ClusterInventory read() {
        Map<String, String> unreadable = new TreeMap<>();
        List<Node> nodes = new ArrayList<>();
        read(ClusterInventory.NODES, client.nodes(), n -> nodes.add(node(n)), unreadable);

        Map<String, String> replicaSetOwners = new HashMap<>();
        boolean replicaSets = read("replicasets", client.apps().replicaSets().inAnyNamespace(),
                (ReplicaSet rs) -> controller(rs).filter(o -> o.getKind().equals(Owner.DEPLOYMENT))
                        .ifPresent(o -> replicaSetOwners.put(
                                rs.getMetadata().getNamespace() + "/" + rs.getMetadata().getName(),
                                o.getName())),
                new TreeMap<>());
        List<Pod> pods = new ArrayList<>();
        read(ClusterInventory.PODS, client.pods().inAnyNamespace(),
                p -> pods.add(pod(p, replicaSets ? replicaSetOwners : null)), unreadable);

        Map<String, String> snapshotClassByStorageClass = snapshotClasses();
        Map<String, Set<String>> volumeZones = new HashMap<>();
        read(ClusterInventory.VOLUMES, client.persistentVolumes(),
                v -> volumeZones.put(v.getMetadata().getName(), zones(v)), unreadable);
        List<Claim> claims = new ArrayList<>();
        read(ClusterInventory.CLAIMS, client.persistentVolumeClaims().inAnyNamespace(),
                c -> claims.add(claim(c, snapshotClassByStorageClass, volumeZones)), unreadable);

        List<Workload> workloads = new ArrayList<>();
        Map<String, String> workloadErrors = new TreeMap<>();
        read("deployments", client.apps().deployments().inAnyNamespace(),
                d -> workloads.add(workload("Deployment", d, d.getSpec().getTemplate(), List.of())), workloadErrors);
        read("statefulsets", client.apps().statefulSets().inAnyNamespace(),
                s -> workloads.add(workload("StatefulSet", s, s.getSpec().getTemplate(),
                        s.getSpec().getVolumeClaimTemplates() == null ? List.of()
                                : s.getSpec().getVolumeClaimTemplates().stream()
                                        .map(t -> t.getMetadata().getName()).filter(Objects::nonNull).toList())),
                workloadErrors);
        read("daemonsets", client.apps().daemonSets().inAnyNamespace(),
                d -> workloads.add(workload("DaemonSet", d, d.getSpec().getTemplate(), List.of())), workloadErrors);
        read("jobs", client.batch().v1().jobs().inAnyNamespace(),
                j -> workloads.add(workload("Job", j, j.getSpec().getTemplate(), List.of())), workloadErrors);
        read("cronjobs", client.batch().v1().cronjobs().inAnyNamespace(),
                c -> workloads
                        .add(workload("CronJob", c, c.getSpec().getJobTemplate().getSpec().getTemplate(), List.of())),
                workloadErrors);
        if (!workloadErrors.isEmpty()) {
            unreadable.put(ClusterInventory.WORKLOADS, String.join("; ", workloadErrors.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
        return new ClusterInventory(nodes, pods, claims, workloads, unreadable);
    }

    /** Pages through one list; a failure is recorded under {@code name} and the list reads as unreadable. */
    private static <T extends HasMetadata, L extends KubernetesResourceList<T>> boolean read(String name,
            Listable<L> listable, Consumer<T> sink, Map<String, String> unreadable) {
        try {
            ClusterReads.forEach(listable, sink);
            return true;
        } catch (KubernetesClientException e) {
            unreadable.put(name, reason(e));
            return false;
        } catch (RuntimeException e) {
            // a malformed object in a list is the cluster's problem, not a reason to invent an empty list
            unreadable.put(name, e.getClass().getSimpleName());
            return false;
        }
    }

    static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "HTTP " + e.getCode();
        }
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String name = cause == null ? e.getClass().getSimpleName() : cause.getClass().getSimpleName();
        return name.toLowerCase(java.util.Locale.ROOT).contains("timeout") ? "timed out (" + name + ")" : name;
    }

    private static Node node(io.fabric8.kubernetes.api.model.Node n) {
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
        String type = labels.getOrDefault(INSTANCE_TYPE, labels.get(INSTANCE_TYPE_BETA));
        Map<String, io.fabric8.kubernetes.api.model.Quantity> alloc = n.getStatus() == null
                || n.getStatus().getAllocatable() == null ? Map.of() : n.getStatus().getAllocatable();
        // Ready only when its Ready condition says True: no condition (yet) is not Ready
        boolean ready = n.getStatus() != null && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                        && "True".equals(c.getStatus()));
        List<Taint> taints = n.getSpec() == null || n.getSpec().getTaints() == null ? List.of()
                : n.getSpec().getTaints().stream().map(t -> new Taint(t.getKey(), t.getValue(), t.getEffect()))
                        .toList();
        String zone = labels.getOrDefault(ZONE, labels.get(ZONE_BETA));
        return new Node(n.getMetadata().getName(), Optional.ofNullable(type).filter(t -> !t.isBlank()),
                amount(alloc.get("cpu")), amount(alloc.get("memory")),
                n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable()), ready, taints,
                Optional.ofNullable(zone).filter(z -> !z.isBlank()));
    }

    /**
     * The zones a PersistentVolume can be attached in: the values of its required node affinity's
     * terms on the zone key (In; the terms are ORed, so every term must name zones, else: anywhere),
     * else its zone label (older provisioners); empty: no zone.
     */
    static Set<String> zones(PersistentVolume v) {
        var affinity = v.getSpec() == null || v.getSpec().getNodeAffinity() == null ? null
                : v.getSpec().getNodeAffinity().getRequired();
        if (affinity != null && affinity.getNodeSelectorTerms() != null && !affinity.getNodeSelectorTerms().isEmpty()) {
            Set<String> zones = new TreeSet<>();
            for (NodeSelectorTerm term : affinity.getNodeSelectorTerms()) {
                Set<String> inTerm = new TreeSet<>();
                for (NodeSelectorRequirement r : term.getMatchExpressions() == null
                        ? List.<NodeSelectorRequirement>of() : term.getMatchExpressions()) {
                    if ((ZONE.equals(r.getKey()) || ZONE_BETA.equals(r.getKey()) || EBS_ZONE.equals(r.getKey()))
                            && "In".equals(r.getOperator()) && r.getValues() != null) {
                        inTerm.addAll(r.getValues());
                    }
                }
                if (inTerm.isEmpty()) {
                    return Set.of(); // a term that allows any zone: the volume is not bound to one
                }
                zones.addAll(inTerm);
            }
            return zones;
        }
        Map<String, String> labels = v.getMetadata().getLabels() == null ? Map.of() : v.getMetadata().getLabels();
        String zone = labels.getOrDefault(ZONE, labels.get(ZONE_BETA));
        return zone == null || zone.isBlank() ? Set.of() : Set.of(zone);
    }

    private static Pod pod(io.fabric8.kubernetes.api.model.Pod p, Map<String, String> replicaSetOwners) {
        List<Toleration> tolerations = p.getSpec() == null || p.getSpec().getTolerations() == null ? List.of()
                : p.getSpec().getTolerations().stream()
                        .map(t -> new Toleration(t.getKey(), t.getOperator(), t.getValue(), t.getEffect(),
                                t.getTolerationSeconds() != null))
                        .toList();
        boolean mirror = p.getMetadata().getAnnotations() != null
                && p.getMetadata().getAnnotations().containsKey(MIRROR);
        Pod pod = podWithoutExtras(p, replicaSetOwners);
        return new Pod(pod.namespace(), pod.name(), pod.node(), pod.phase(), podCreated(p), pod.owner(),
                pod.cpuRequest(), pod.memoryRequest(), pod.claims(), pod.pinned(),
                Objects.requireNonNullElse(p.getMetadata().getUid(), ""), tolerations, mirror);
    }

    /**
     * When the pod came to be: its creation time, or the kubelet's start time when that is earlier. On a
     * real API server it never is (the kubelet starts what was created); the local demo's API server
     * stamps creationTimestamp when it stores an object, and keeps the status the demo wrote, so the
     * demo's pods can be as old as their story.
     */
    static Instant podCreated(io.fabric8.kubernetes.api.model.Pod p) {
        Instant created = created(p);
        String start = p.getStatus() == null ? null : p.getStatus().getStartTime();
        if (start == null) {
            return created;
        }
        try {
            Instant started = Instant.parse(start);
            return started.isBefore(created) ? started : created;
        } catch (DateTimeParseException e) {
            return created;
        }
    }

    private static Pod podWithoutExtras(io.fabric8.kubernetes.api.model.Pod p, Map<String, String> replicaSetOwners) {
        String ns = p.getMetadata().getNamespace();
        PodSpec spec = p.getSpec() == null ? new PodSpec() : p.getSpec();
        double cpu = 0;
        double memory = 0;
        for (Container c : spec.getContainers() == null ? List.<Container>of() : spec.getContainers()) {
            if (c.getResources() != null && c.getResources().getRequests() != null) {
                cpu += amount(c.getResources().getRequests().get("cpu"));
                memory += amount(c.getResources().getRequests().get("memory"));
            }
        }
        Optional<Owner> owner = controller(p).map(o -> {
            if (o.getKind().equals(Owner.REPLICA_SET) && replicaSetOwners != null) {
                String deployment = replicaSetOwners.get(ns + "/" + o.getName());
                return deployment == null ? new Owner(o.getKind(), o.getName())
                        : new Owner(Owner.DEPLOYMENT, deployment);
            }
            return new Owner(o.getKind(), o.getName());
        });
        boolean pinned = spec.getNodeSelector() != null
                && spec.getNodeSelector().keySet().stream().anyMatch(k -> !NEUTRAL_SELECTORS.contains(k))
                || spec.getAffinity() != null && spec.getAffinity().getNodeAffinity() != null
                        && spec.getAffinity().getNodeAffinity()
                                .getRequiredDuringSchedulingIgnoredDuringExecution() != null;
        String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase();
        return new Pod(ns, p.getMetadata().getName(), Optional.ofNullable(spec.getNodeName()).filter(s -> !s.isBlank()),
                phase, created(p), owner, cpu, memory, claimNames(spec), pinned);
    }

    private static Claim claim(PersistentVolumeClaim c, Map<String, String> snapshotClassByStorageClass,
            Map<String, Set<String>> volumeZones) {
        double size = 0;
        if (c.getStatus() != null && c.getStatus().getCapacity() != null
                && c.getStatus().getCapacity().get("storage") != null) {
            size = amount(c.getStatus().getCapacity().get("storage"));
        } else if (c.getSpec() != null && c.getSpec().getResources() != null
                && c.getSpec().getResources().getRequests() != null) {
            size = amount(c.getSpec().getResources().getRequests().get("storage"));
        }
        Optional<String> storageClass = Optional
                .ofNullable(c.getSpec() == null ? null : c.getSpec().getStorageClassName())
                .filter(s -> !s.isBlank());
        String phase = c.getStatus() == null || c.getStatus().getPhase() == null ? "Unknown" : c.getStatus().getPhase();
        String volume = c.getSpec() == null ? null : c.getSpec().getVolumeName();
        return new Claim(c.getMetadata().getNamespace(), c.getMetadata().getName(), storageClass, phase, size,
                created(c), storageClass.map(snapshotClassByStorageClass::get),
                volume == null ? Set.of() : volumeZones.getOrDefault(volume, Set.of()));
    }

    private static Workload workload(String kind, HasMetadata w, PodTemplateSpec template,
            List<String> claimTemplates) {
        return new Workload(kind, w.getMetadata().getNamespace(), w.getMetadata().getName(),
                template == null || template.getSpec() == null ? List.of() : claimNames(template.getSpec()),
                claimTemplates);
    }

    private static List<String> claimNames(PodSpec spec) {
        List<String> out = new ArrayList<>();
        for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            if (v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName() != null) {
                out.add(v.getPersistentVolumeClaim().getClaimName());
            }
        }
        return out;
    }

    /** storage class name to the VolumeSnapshotClass of its provisioner (the default one first); best effort. */
    private Map<String, String> snapshotClasses() {
        Map<String, String> provisioners = new HashMap<>();
        Map<String, String> ignored = new TreeMap<>();
        read("storageclasses", client.genericKubernetesResources(STORAGE_CLASSES), (GenericKubernetesResource sc) -> {
            Object provisioner = sc.getAdditionalProperties().get("provisioner");
            provisioners.put(sc.getMetadata().getName(), provisioner == null ? null : provisioner.toString());
        }, ignored);
        Map<String, String> byDriver = new HashMap<>();
        read("volumesnapshotclasses", client.genericKubernetesResources(SNAPSHOT_CLASSES),
                (GenericKubernetesResource vsc) -> {
                    Object driver = vsc.getAdditionalProperties().get("driver");
                    if (driver == null) {
                        return;
                    }
                    boolean isDefault = vsc.getMetadata().getAnnotations() != null
                            && "true".equals(vsc.getMetadata().getAnnotations().get(DEFAULT_SNAPSHOT_CLASS));
                    if (isDefault || !byDriver.containsKey(driver.toString())) {
                        byDriver.put(driver.toString(), vsc.getMetadata().getName());
                    }
                }, ignored);
        Map<String, String> out = new HashMap<>();
        provisioners.forEach((sc, provisioner) -> {
            if (provisioner != null && byDriver.containsKey(provisioner)) {
                out.put(sc, byDriver.get(provisioner));
            }
        });
        return out;
    }

    private static Optional<OwnerReference> controller(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        if (refs == null) {
            return Optional.empty();
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst()
                .or(() -> refs.stream().findFirst());
    }

    private static Instant created(HasMetadata o) {
        String ts = o.getMetadata().getCreationTimestamp();
        try {
            return ts == null ? Instant.now() : Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return Instant.now(); // unknown age reads as new: never old enough to be waste
        }
    }

    /** A Kubernetes quantity in base units (cores, bytes); 0 when absent or malformed. */
    static double amount(io.fabric8.kubernetes.api.model.Quantity q) {
        if (q == null) {
            return 0;
        }
        String text = q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
        return Quantity.parse(text).map(Quantity::value).map(BigDecimal::doubleValue).orElse(0.0);
    }
}
