package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * infra/kubernetes/awoooi-executor-rbac.yaml against what the executor really sends (issue #12,
 * defect 4): every action of the catalog goes through the approval dry-run (whose RBAC check asks
 * the API server about the action's write), then is applied, checked for "already done" and for
 * health, on the demo cluster; every request the API server receives is mapped to the verb,
 * resource and subresource its authorizer sees. The manifest must allow all of them, and grant no
 * write that no action asks for.
 */
class ExecutorRbacManifestTest {
    private static final Set<String> READS = Set.of("get", "list", "watch");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockCluster cluster = new MockCluster().withDemo();

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** One request as the authorizer sees it, without namespace and name (the ClusterRole's rules have none). */
    record Access(String verb, String group, String resource) implements Comparable<Access> {
        @Override
        public int compareTo(Access o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
        }
    }

    /**
     * Samples of a catalog action on the demo cluster (and the cart Deployment with two revisions):
     * the workload actions once per kind they take.
     */
    private static String leftoverUid = "00000000000040008000000000000000";

    private static List<ProposedAction> samples(ActionType type) {
        List<Map<String, String>> params = switch (type) {
            case RESTART_POD -> List.of(Map.of("namespace", "shop", "pod", "postgres-db-0"));
            case ROLLOUT_RESTART -> List.of(
                    Map.of("namespace", "shop", "workload", "order-api", "kind", "deployment"),
                    Map.of("namespace", "shop", "workload", "postgres-db", "kind", "statefulset"),
                    Map.of("namespace", "shop", "workload", "node-exporter", "kind", "daemonset"));
            case ROLLOUT_UNDO -> List.of(Map.of("namespace", "shop", "deployment", Revisions.CART));
            case SCALE_DEPLOYMENT -> List.of(Map.of("namespace", "shop", "deployment", "frontend", "replicas", "3"));
            case SET_RESOURCES -> List.of("deployment", "statefulset", "daemonset").stream()
                    .map(kind -> Map.of("namespace", "shop", "workload", Revisions.CART, "container", "api",
                            "resource", "memory", "value", "512Mi", "kind", kind))
                    .toList();
            case DELETE_PVC -> List.of(Map.of("namespace", "shop", "pvc", "postgres-data-postgres-db-0"),
                    Map.of("namespace", "shop", "pvc", "spare-data", "snapshotClass", "ebs-snapshots"));
            case SCALE_STATEFULSET ->
                List.of(Map.of("namespace", "shop", "statefulset", "postgres-db", "replicas", "2"));
            case CORDON_NODE, UNCORDON_NODE -> List.of(Map.of("node", "node-a"));
            // the demo's pods name no owner (a drain refuses bare pods): a node of its own, seeded below
            case DRAIN_NODE -> List.of(Map.of("node", "node-drain"));
            // a bare pod of its own (seeded below), by the uid the API server gave it
            case DELETE_POD -> List.of(Map.of("namespace", "shop", "pod", "leftover", "uid", leftoverUid));
            case RESTORE_FIELDS -> List.of("deployment", "statefulset", "daemonset").stream()
                    .map(kind -> Map.of("namespace", "shop", "workload", Revisions.CART, "kind", kind,
                            "fields", "spec.template.spec.containers[api].image", "resourceVersion", "1"))
                    .toList();
            case DELETE_NAMESPACE -> List.of(Map.of("namespace", "shop"));
        };
        return params.stream().map(p -> new ProposedAction(type, new LinkedHashMap<>(p))).toList();
    }

    @Test
    void manifest_allowsEveryRequestOfEveryAction_andNoWriteNoActionNeeds() throws Exception {
        Revisions.seed(cluster.client());
        // delete_pvc with a snapshot first: an unused claim and the class of its driver
        cluster.with(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata()
                .withNamespace("shop")
                .withName("spare-data").endMetadata().withNewStatus().withPhase("Bound").endStatus().build());
        io.fabric8.kubernetes.api.model.GenericKubernetesResource vsc = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshotClass")
                .withNewMetadata().withName("ebs-snapshots").endMetadata().build();
        vsc.setAdditionalProperty("driver", "ebs.csi.aws.com");
        cluster.client().genericKubernetesResources(KubernetesActions.SNAPSHOT_CLASSES).resource(vsc).create();
        cluster.with(
                new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("node-drain").endMetadata()
                        .withNewSpec().endSpec().build(),
                new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withNamespace("shop")
                        .withName("drained-1")
                        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                        .withName("drained-5d8f")
                        .withUid("uid-drained").withController(true).endOwnerReference().endMetadata()
                        .withNewSpec().withNodeName("node-drain").addNewContainer().withName("c").withImage("i")
                        .endContainer()
                        .endSpec().withNewStatus().withPhase("Running").endStatus().build());
        cluster.with(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withNamespace("shop")
                .withName("leftover").endMetadata().withNewSpec().withNodeName("node-a").addNewContainer().withName("c")
                .withImage("i").endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build());
        leftoverUid = io.awoooi.core.action.PodUid.compact(
                cluster.client().pods().inNamespace("shop").withName("leftover").get().getMetadata().getUid());
        // answers every SelfSubjectAccessReview "allowed" and keeps what it asked
        List<Access> reviews = new java.util.concurrent.CopyOnWriteArrayList<>();
        cluster.server().expect().post().withPath(LocalAccessReviews.PATH).andReply(201, request -> {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode review = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                        .readTree(request.getUtf8Body());
                JsonNode attributes = review.path("spec").path("resourceAttributes");
                String sub = attributes.path("subresource").asText("");
                reviews.add(new Access(attributes.path("verb").asText(), attributes.path("group").asText(""),
                        attributes.path("resource").asText() + (sub.isEmpty() ? "" : "/" + sub)));
                review.putObject("status").put("allowed", true);
                return review.toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).always();
        KubernetesRestores restores = new KubernetesRestores(cluster.client(), ref -> java.util.Optional.empty(),
                io.awoooi.core.drift.DriftPolicy.defaults());
        KubernetesDryRun dryRun = new KubernetesDryRun(cluster.client()).withRestores(restores);
        KubernetesActions actions = new KubernetesActions(cluster.client(), Clock.systemUTC()).withRestores(restores);
        requests(); // the seeding's

        Set<Access> sent = new TreeSet<>();
        Set<Access> askedByTheDryRun = new TreeSet<>();
        List<ActionType> types = new ArrayList<>(List.of(ActionType.values()));
        types.remove(ActionType.DELETE_NAMESPACE);
        types.add(ActionType.DELETE_NAMESPACE); // last: it removes the others' namespace
        for (ProposedAction action : types.stream().flatMap(t -> samples(t).stream()).toList()) {
            reviews.clear();
            dryRun.dryRun(action);
            record(requests(), sent);
            askedByTheDryRun.addAll(reviews);
            for (Runnable step : List.<Runnable>of(
                    () -> actions.alreadyApplied(action, "apr_rbac", approvedAfterSetUp()),
                    () -> actions.apply(action, "apr_rbac"), () -> actions.health(action))) {
                try {
                    step.run();
                } catch (RuntimeException refusedOrMissing) {
                    // what it sent before it stopped still counts
                }
                record(requests(), sent);
            }
        }
        List<PolicyRule> rules = manifestRules();

        // THEN every request is allowed by the manifest
        assertThat(sent).as("requests the executor sent").isNotEmpty()
                .allSatisfy(a -> assertThat(allows(rules, a)).as(a.toString()).isTrue());
        // AND each action's write, as the dry-run asks about it, too
        assertThat(askedByTheDryRun).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(a -> assertThat(allows(rules, a)).as(a.toString()).isTrue());
        // AND the manifest grants no write beyond those (reads and the access reviews aside)
        Set<Access> grantedWrites = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String verb : rule.getVerbs()) {
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        if (!READS.contains(verb) && !resource.equals("selfsubjectaccessreviews")) {
                            grantedWrites.add(new Access(verb, group, resource));
                        }
                    }
                }
            }
        }
        Set<Access> writesSent = new TreeSet<>(askedByTheDryRun);
        sent.stream().filter(a -> !READS.contains(a.verb()) && !a.resource().equals("selfsubjectaccessreviews"))
                .forEach(writesSent::add);
        assertThat(grantedWrites).containsExactlyInAnyOrderElementsOf(writesSent);
        // AND no rule names a wildcard or Secrets
        assertThat(rules).allSatisfy(r -> assertThat(r.getVerbs().toString() + r.getResources() + r.getApiGroups())
                .doesNotContain("*", "secrets"));
    }

    /** Every request as the authorizer sees it. */
    private static void record(List<RecordedRequest> requests, Set<Access> sent) {
        requests.forEach(r -> sent.add(access(r.getMethod(), r.getPath())));
    }

    /** What the authorizer sees of a request: /api/v1/... (core) or /apis/GROUP/VERSION/..., namespaced or not. */
    static Access access(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        String group;
        if (parts.get(0).equals("api")) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        }
        if (parts.size() >= 3 && parts.get(0).equals("namespaces")) {
            parts = parts.subList(2, parts.size()); // the namespace of a namespaced resource
        }
        String resource = parts.get(0);
        boolean named = parts.size() >= 2;
        String sub = parts.size() >= 3 ? "/" + parts.get(2) : "";
        String verb = switch (method) {
            case "GET" -> named ? "get" : pathAndQuery.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new Access(verb, group, resource + sub);
    }

    private static boolean allows(List<PolicyRule> rules, Access a) {
        return rules.stream().anyMatch(r -> r.getVerbs().contains(a.verb()) && r.getApiGroups().contains(a.group())
                && r.getResources().contains(a.resource()));
    }

    private List<PolicyRule> manifestRules() throws Exception {
        Path file = repoRoot().resolve("infra/kubernetes/awoooi-executor-rbac.yaml");
        try (InputStream in = Files.newInputStream(file)) {
            List<HasMetadata> objects = cluster.client().load(in).items();
            ClusterRole role = objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                    .findFirst().orElseThrow();
            assertThat(role.getMetadata().getName()).isEqualTo("awoooi-executor");
            return role.getRules();
        }
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = cluster.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            all.add(r);
        }
        return all;
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("infra/sam/template.yaml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root").isNotNull();
        return dir;
    }

    @Test
    void access_mapsPathsAsTheAuthorizerDoes() {
        assertThat(access("GET", "/api/v1/namespaces/shop/pods/p-1")).hasToString("get pods");
        assertThat(access("GET", "/api/v1/namespaces/shop/pods?labelSelector=a")).hasToString("list pods");
        assertThat(access("GET", "/api/v1/namespaces/shop")).hasToString("get namespaces");
        assertThat(access("DELETE", "/api/v1/namespaces/shop")).hasToString("delete namespaces");
        assertThat(access("PATCH", "/api/v1/nodes/node-a")).hasToString("patch nodes");
        assertThat(access("PATCH", "/apis/apps/v1/namespaces/shop/deployments/web/scale"))
                .hasToString("patch apps/deployments/scale");
        assertThat(access("GET", "/apis/policy/v1/namespaces/shop/poddisruptionbudgets"))
                .hasToString("list policy/poddisruptionbudgets");
        assertThat(access("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"))
                .hasToString("create authorization.k8s.io/selfsubjectaccessreviews");
    }

    /** When the approval's dry-run read the cluster: after the fixture's objects were created. */
    private static java.time.Instant approvedAfterSetUp() {
        return java.time.Instant.now().plusSeconds(1);
    }
}
