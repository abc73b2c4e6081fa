package io.awoooi.local;

import io.awoooi.kube.DisruptionBudgets;
import io.awoooi.kube.KubernetesActions;
import io.awoooi.kube.Pods;
import io.awoooi.kube.Selectors;
import io.awoooi.kube.Workload;
import io.awoooi.kube.Workloads;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays the Deployment, StatefulSet and disruption controllers for the bundled demo on the local
 * API server (fabric8's mock server runs no controller): without it, a restart the executor carries
 * out would change nothing the effectiveness check could see. LocalCluster starts it only with the
 * bundled demo, never with {@code --cluster FILE} (or KUBECONFIG, where no local server runs).
 *
 * <p>Every {@value #PERIOD_MILLIS} ms it brings each Deployment and StatefulSet of the namespace to
 * its spec, level-based, so a missed change is caught on the next pass:
 * <ul>
 *   <li>a pod whose {@value KubernetesActions#RESTARTED_AT} annotation (copied from the template
 *       when the pod was made, as the real controllers do) differs from the template's is replaced
 *       (a rollout restart);</li>
 *   <li>missing pods are created, ready and running (new uid, restart count 0): a StatefulSet's
 *       under their ordinal names ({@code postgres-db-0}, with their claims, created Bound when
 *       missing), a Deployment's as {@code <name>-<template hash>-<random>};</li>
 *   <li>surplus pods are deleted (StatefulSet: the highest ordinals; Deployment: not-ready first,
 *       then the youngest).</li>
 * </ul>
 * After changing a workload's pods, or when its status is behind its generation, it writes the
 * workload's status from the pods (replicas, ready, available, updated, observedGeneration); and
 * the status of every PodDisruptionBudget that has one (currentHealthy, desiredHealthy,
 * expectedPods, disruptionsAllowed), by {@link DisruptionBudgets}: the selectors, readiness and
 * budget arithmetic the dry-run and the executor apply. Pods it did not touch are left as they are, broken ones too:
 * the demo's crash-looping postgres-db-0 stays broken until an action replaces it. DaemonSets are
 * not handled (the demo has none).
 *
 * <p>Polling rather than a watch: the mock server's watches work in CRUD mode, but a level-based
 * pass needs no event ordering, resync or reconnect handling, and costs a few local list calls. A
 * failed pass (a conflict with a concurrent write, say) is kept in {@link #lastFailure()} and
 * retried with the next.
 */
final class DemoController implements AutoCloseable {
    static final long PERIOD_MILLIS = 250;

    private static final String POD_TEMPLATE_HASH = "pod-template-hash";
    private static final String STATEFULSET_POD_NAME = "statefulset.kubernetes.io/pod-name";
    /** The characters Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<RuntimeException> lastFailure = new AtomicReference<>();
    /** The last pod seen under each name: a StatefulSet pod comes back on the node it ran on. */
    private final Map<String, Pod> seen = new HashMap<>();
    private ScheduledExecutorService loop;

    DemoController(KubernetesClient client, String namespace, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts reconciling {@code namespace} in the background until {@link #close()}. */
    static DemoController start(KubernetesClient client, String namespace) {
        DemoController controller = new DemoController(client, namespace, Clock.systemUTC());
        controller.pass(); // the first pass before returning: it sees every pod before anyone acts
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, Threads.daemon("demo-controller"));
        executor.scheduleWithFixedDelay(controller::pass, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        controller.loop = executor;
        return controller;
    }

    /** The error of the last failed pass, if any (it is retried with the next). */
    Optional<RuntimeException> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    private void pass() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            lastFailure.set(e); // an exception would cancel the schedule: keep it and go on
        }
    }

    /** One pass over the namespace; returns the number of pods created or deleted. */
    synchronized int reconcile() {
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && active(p)).toList());
        pods.forEach(p -> seen.put(p.getMetadata().getName(), p));
        int changed = 0;
        for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            changed += reconcileDeployment(d, pods);
        }
        for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
            changed += reconcileStatefulSet(s, pods);
        }
        if (changed > 0) {
            updateBudgets();
        }
        return changed;
    }

    // ---------------------------------------------------------------------- Deployments

    private int reconcileDeployment(Deployment deployment, List<Pod> all) {
        String name = deployment.getMetadata().getName();
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        List<Pod> mine = selected(all, deployment.getSpec().getSelector());
        // where new pods land: where the workload's pods ran
        Optional<Pod> sibling = mine.stream().findFirst()
                .or(() -> selected(List.copyOf(seen.values()), deployment.getSpec().getSelector()).stream()
                        .findFirst());
        int changed = 0;
        for (Pod outdated : mine.stream().filter(p -> !current(p, template)).toList()) {
            delete(outdated, mine, all);
            changed++;
        }
        if (mine.size() > replicas) {
            List<Pod> surplus = mine.stream()
                    .sorted(Comparator.comparing((Pod p) -> ready(p)).thenComparing(this::created,
                            Comparator.reverseOrder()))
                    .limit(mine.size() - replicas).toList();
            for (Pod pod : surplus) {
                delete(pod, mine, all);
                changed++;
            }
        }
        String hash = mine.stream().map(p -> labels(p.getMetadata()).get(POD_TEMPLATE_HASH)).filter(Objects::nonNull)
                .findFirst().orElseGet(() -> templateHash(name, template));
        Set<String> names = new HashSet<>(all.stream().map(p -> p.getMetadata().getName()).toList());
        while (mine.size() < replicas) {
            String podName;
            do {
                podName = name + "-" + hash + "-" + randomSuffix(5);
            } while (names.contains(podName));
            names.add(podName);
            Map<String, String> extraLabels = Map.of(POD_TEMPLATE_HASH, hash);
            Pod created = create(podName, template, extraLabels, List.of(), sibling);
            mine.add(created);
            all.add(created);
            changed++;
        }
        if (changed > 0 || behind(deployment.getMetadata(), deployment.getStatus() == null ? null
                : deployment.getStatus().getObservedGeneration())) {
            int ready = (int) mine.stream().filter(DemoController::ready).count();
            int updated = (int) mine.stream().filter(p -> current(p, template)).count();
            Long generation = deployment.getMetadata().getGeneration();
            client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
                var status = d.getStatus() == null ? new io.fabric8.kubernetes.api.model.apps.DeploymentStatus()
                        : d.getStatus();
                status.setReplicas(mine.size());
                status.setReadyReplicas(ready);
                status.setAvailableReplicas(ready);
                status.setUpdatedReplicas(updated);
                status.setUnavailableReplicas(mine.size() > ready ? mine.size() - ready : null);
                status.setObservedGeneration(generation);
                d.setStatus(status);
                return d;
            });
        }
        return changed;
    }

    // ---------------------------------------------------------------------- StatefulSets

    private int reconcileStatefulSet(StatefulSet set, List<Pod> all) {
        String name = set.getMetadata().getName();
        PodTemplateSpec template = set.getSpec().getTemplate();
        int replicas = Objects.requireNonNullElse(set.getSpec().getReplicas(), 1);
        List<Pod> mine = selected(all, set.getSpec().getSelector());
        // where new pods land: where the workload's pods ran
        Optional<Pod> sibling = mine.stream().findFirst()
                .or(() -> selected(List.copyOf(seen.values()), set.getSpec().getSelector()).stream().findFirst());
        int changed = 0;
        for (Pod pod : List.copyOf(mine)) {
            int ordinal = ordinal(name, pod.getMetadata().getName());
            if (ordinal < 0 || ordinal >= replicas || !current(pod, template)) {
                delete(pod, mine, all); // replaced below when its ordinal is still wanted
                changed++;
            }
        }
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String podName = name + "-" + ordinal;
            if (mine.stream().anyMatch(p -> p.getMetadata().getName().equals(podName))) {
                continue;
            }
            List<ClaimVolume> claims = claimsFor(set, ordinal);
            Optional<Pod> placement = Optional.ofNullable(seen.get(podName)).or(() -> sibling);
            Pod created = create(podName, template, Map.of(STATEFULSET_POD_NAME, podName), claims, placement);
            mine.add(created);
            all.add(created);
            changed++;
        }
        if (changed > 0 || behind(set.getMetadata(),
                set.getStatus() == null ? null : set.getStatus().getObservedGeneration())) {
            int ready = (int) mine.stream().filter(DemoController::ready).count();
            int updated = (int) mine.stream().filter(p -> current(p, template)).count();
            Long generation = set.getMetadata().getGeneration();
            client.apps().statefulSets().inNamespace(namespace).withName(name).editStatus(s -> {
                var status = s.getStatus() == null ? new io.fabric8.kubernetes.api.model.apps.StatefulSetStatus()
                        : s.getStatus();
                status.setReplicas(mine.size());
                status.setReadyReplicas(ready);
                status.setAvailableReplicas(ready);
                status.setCurrentReplicas(updated);
                status.setUpdatedReplicas(updated);
                status.setObservedGeneration(generation);
                s.setStatus(status);
                return s;
            });
        }
        return changed;
    }

    /** A pod volume backed by a claim. */
    private record ClaimVolume(String volume, String claim) {
    }

    /** The claims of one ordinal ({@code <template>-<set>-<ordinal>}), created Bound when missing. */
    private List<ClaimVolume> claimsFor(StatefulSet set, int ordinal) {
        List<ClaimVolume> claims = new ArrayList<>();
        List<PersistentVolumeClaim> templates = set.getSpec().getVolumeClaimTemplates() == null
                ? List.of() : set.getSpec().getVolumeClaimTemplates();
        for (PersistentVolumeClaim template : templates) {
            String volume = template.getMetadata().getName();
            String claimName = volume + "-" + set.getMetadata().getName() + "-" + ordinal;
            if (client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get() == null) {
                Map<String, String> labels = set.getSpec().getSelector() == null
                        || set.getSpec().getSelector().getMatchLabels() == null
                                ? Map.of() : set.getSpec().getSelector().getMatchLabels();
                client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata().withName(claimName).withNamespace(namespace).withLabels(labels).endMetadata()
                        .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                        .withNewStatus().withPhase("Bound").withAccessModes(template.getSpec().getAccessModes())
                        .withCapacity(template.getSpec().getResources() == null ? null
                                : template.getSpec().getResources().getRequests())
                        .endStatus().build()).create();
            }
            claims.add(new ClaimVolume(volume, claimName));
        }
        return claims;
    }

    private static int ordinal(String set, String pod) {
        if (!pod.startsWith(set + "-")) {
            return -1;
        }
        String suffix = pod.substring(set.length() + 1);
        return !suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit) && suffix.length() < 9
                ? Integer.parseInt(suffix) : -1;
    }

    // ---------------------------------------------------------------------- pods

    /** A ready, running pod from the template, on the node of {@code sibling} (the pod it replaces, or one of its workload). */
    private Pod create(String name, PodTemplateSpec template, Map<String, String> extraLabels,
            List<ClaimVolume> claims, Optional<Pod> sibling) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(labels(templateMeta));
        labels.putAll(extraLabels);
        PodSpec spec = template.getSpec() == null ? new PodSpec()
                : client.getKubernetesSerialization().clone(template.getSpec());
        for (ClaimVolume ref : claims) {
            if (spec.getVolumes() == null) {
                spec.setVolumes(new ArrayList<>());
            }
            if (spec.getVolumes().stream().noneMatch(v -> ref.volume().equals(v.getName()))) {
                spec.getVolumes().add(new VolumeBuilder().withName(ref.volume()).withNewPersistentVolumeClaim()
                        .withClaimName(ref.claim()).endPersistentVolumeClaim().build());
            }
        }
        sibling.map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName()).ifPresent(spec::setNodeName);
        List<ContainerStatus> containers = spec.getContainers() == null ? List.of() : spec.getContainers().stream()
                .map(c -> new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(true)
                        .withStarted(true).withRestartCount(0).withNewState().withNewRunning().withStartedAt(now)
                        .endRunning()
                        .endState().build())
                .toList();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withAnnotations(templateMeta.getAnnotations() == null ? Map.of()
                        : new LinkedHashMap<>(templateMeta.getAnnotations()))
                .endMetadata()
                .withSpec(spec)
                .withNewStatus().withPhase("Running").withStartTime(now)
                .withHostIP(sibling.map(p -> p.getStatus() == null ? null : p.getStatus().getHostIP()).orElse(null))
                .withPodIP("10.244." + (1 + random.nextInt(2)) + "." + (100 + random.nextInt(150)))
                .withConditions(condition("PodScheduled", now), condition("Initialized", now),
                        condition("ContainersReady", now), condition("Ready", now))
                .withContainerStatuses(containers)
                .endStatus()
                .build();
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    private static PodCondition condition(String type, String now) {
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus("True");
        c.setLastTransitionTime(now);
        return c;
    }

    private void delete(Pod pod, List<Pod> mine, List<Pod> all) {
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
        mine.remove(pod);
        all.remove(pod);
    }

    /** The pod carries the template's restart annotation (both may lack it). */
    private static boolean current(Pod pod, PodTemplateSpec template) {
        String wanted = template == null || template.getMetadata() == null
                || template.getMetadata().getAnnotations() == null
                        ? null : template.getMetadata().getAnnotations().get(KubernetesActions.RESTARTED_AT);
        String actual = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(KubernetesActions.RESTARTED_AT);
        return Objects.equals(wanted, actual);
    }

    private String created(Pod pod) {
        return Objects.requireNonNullElse(pod.getMetadata().getCreationTimestamp(), "") + " "
                + pod.getMetadata().getName();
    }

    private static boolean behind(ObjectMeta meta, Long observed) {
        return meta.getGeneration() != null && (observed == null || observed < meta.getGeneration());
    }

    /** 10 characters of the alphabet from the template (with its restart annotation), like a ReplicaSet hash. */
    private String templateHash(String name, PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (name + "\n" + client.getKubernetesSerialization().asJson(template))
                            .getBytes(StandardCharsets.UTF_8));
            StringBuilder hash = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                hash.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
            }
            return hash.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String randomSuffix(int length) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < length; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }

    // ---------------------------------------------------------------------- budgets

    /**
     * Budgets that have a status get it recomputed from the pods, as the disruption controller does
     * (the arithmetic of {@link DisruptionBudgets}, the one the approval dry-run applies).
     */
    private void updateBudgets() {
        List<PodDisruptionBudget> budgets = client.policy().v1().podDisruptionBudget().inNamespace(namespace).list()
                .getItems()
                .stream().filter(b -> b.getStatus() != null).toList();
        if (budgets.isEmpty()) {
            return;
        }
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        List<Workload> workloads = Workloads.all(client, namespace);
        for (PodDisruptionBudget budget : budgets) {
            DisruptionBudgets.Status computed = DisruptionBudgets.compute(budget, pods, () -> workloads);
            PodDisruptionBudgetStatus now = budget.getStatus();
            Long generation = budget.getMetadata().getGeneration();
            if (Objects.equals(now.getCurrentHealthy(), computed.currentHealthy())
                    && Objects.equals(now.getDesiredHealthy(), computed.desiredHealthy())
                    && Objects.equals(now.getExpectedPods(), computed.expectedPods())
                    && Objects.equals(now.getDisruptionsAllowed(), computed.disruptionsAllowed())
                    && Objects.equals(now.getObservedGeneration(), generation)) {
                continue;
            }
            client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName(budget.getMetadata().getName())
                    .editStatus(b -> {
                        b.getStatus().setCurrentHealthy(computed.currentHealthy());
                        b.getStatus().setDesiredHealthy(computed.desiredHealthy());
                        b.getStatus().setExpectedPods(computed.expectedPods());
                        b.getStatus().setDisruptionsAllowed(computed.disruptionsAllowed());
                        b.getStatus().setObservedGeneration(generation);
                        return b;
                    });
        }
    }

    // ---------------------------------------------------------------------- labels

    private static List<Pod> selected(List<Pod> pods, LabelSelector selector) {
        return new ArrayList<>(pods.stream().filter(p -> matches(selector, labels(p.getMetadata()))).toList());
    }

    private static Map<String, String> labels(ObjectMeta meta) {
        return Selectors.labels(meta);
    }

    /** matchLabels and matchExpressions; an empty or missing selector selects nothing (workload semantics). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return Selectors.matches(selector, labels);
    }

    /** Not finished ({@link Pods#active}). */
    private static boolean active(Pod pod) {
        return Pods.active(pod);
    }

    /** Ready, as the disruption controller counts healthy pods ({@link Pods#ready}). */
    private static boolean ready(Pod pod) {
        return Pods.ready(pod);
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
