package io.awoooi.kube;

import io.awoooi.core.evidence.EventFacts;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes events (core/v1) about the objects of a snapshot, indexed by involved object and
 * reduced to {@link EventFacts}: only the reasons in {@link #REASONS}, only the objects asked for
 * (workloads, their ReplicaSets, pods and claims, the nodes under them), and a message reduced to a
 * short structured {@code detail} by {@link #detail} (never the message itself).
 *
 * <p>Time: {@code lastTimestamp}, else {@code eventTime}, else {@code series.lastObservedTime},
 * else {@code firstTimestamp}. Count: {@code count}, else {@code series.count}, else 1.
 */
final class EventIndex {
    /** The reasons kept: what explains a failing pod, rollout, claim or node. */
    static final Set<String> REASONS = Set.of(
            "FailedScheduling", "FailedMount", "FailedAttachVolume", "BackOff", "Unhealthy", "OOMKilling", "Evicted",
            "FailedCreate", "ProgressDeadlineExceeded", "Killing", "NodeNotReady",
            // a node's own
            "SystemOOM", "Rebooted", "NodeHasDiskPressure", "NodeHasInsufficientMemory", "NodeHasInsufficientPID",
            "EvictionThresholdMet");

    /** An involved object: a node's key has namespace "" (nodes are cluster-scoped). */
    record Key(String namespace, String kind, String name) {
        Key {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }

        static Key node(String name) {
            return new Key("", "Node", name);
        }
    }

    private static final String NAME = "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)";
    private static final Pattern INSUFFICIENT = Pattern.compile("Insufficient ([a-zA-Z0-9][-a-zA-Z0-9./_]{0,62})");
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile(
            "(?i)\\b(secret|configmap|persistentvolumeclaim|serviceaccount)s? \"" + NAME + "\" not found");

    private static final Comparator<EventFacts> NEWEST_FIRST = Comparator
            .comparing((EventFacts e) -> e.lastSeen().orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(EventFacts::reason).thenComparing(EventFacts::objectKind)
            .thenComparing(EventFacts::objectName);

    private final Set<Key> wanted;
    private final Map<Key, List<EventFacts>> byObject = new HashMap<>();

    /** @param wanted the objects whose events are kept; every other event is dropped as it is read */
    EventIndex(Set<Key> wanted) {
        this.wanted = Set.copyOf(wanted);
    }

    /** Keeps the event if its reason is of interest and it is about a wanted object. */
    void add(Event event) {
        if (event.getReason() == null || !REASONS.contains(event.getReason()) || event.getInvolvedObject() == null) {
            return;
        }
        Optional<Key> key = key(event);
        if (key.isPresent() && wanted.contains(key.get())) {
            byObject.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(facts(event));
        }
    }

    /** The events about any of these objects, newest first (unknown times last), at most {@code max}. */
    List<EventFacts> about(Collection<Key> objects, int max) {
        List<EventFacts> events = new ArrayList<>();
        for (Key object : new LinkedHashSet<>(objects)) {
            events.addAll(byObject.getOrDefault(object, List.of()));
        }
        events.sort(NEWEST_FIRST);
        return events.size() > max ? List.copyOf(events.subList(0, max)) : List.copyOf(events);
    }

    private static Optional<Key> key(Event event) {
        ObjectReference object = event.getInvolvedObject();
        if (object.getKind() == null || object.getName() == null) {
            return Optional.empty();
        }
        if ("Node".equals(object.getKind())) {
            return Optional.of(Key.node(object.getName()));
        }
        String namespace = object.getNamespace() != null ? object.getNamespace()
                : event.getMetadata() == null ? null : event.getMetadata().getNamespace();
        return namespace == null ? Optional.empty()
                : Optional.of(new Key(namespace, object.getKind(), object.getName()));
    }

    static EventFacts facts(Event event) {
        ObjectReference object = event.getInvolvedObject();
        var series = event.getSeries();
        Optional<Instant> lastSeen = Times.parse(event.getLastTimestamp())
                .or(() -> Times.parse(event.getEventTime()))
                .or(() -> series == null ? Optional.empty() : Times.parse(series.getLastObservedTime()))
                .or(() -> Times.parse(event.getFirstTimestamp()));
        Integer count = event.getCount() != null ? event.getCount() : series == null ? null : series.getCount();
        return new EventFacts(event.getReason(), event.getType(), object.getKind(), object.getName(),
                count == null || count < 1 ? 1 : count, lastSeen, detail(event.getReason(), event.getMessage()));
    }

    /**
     * A short structured reading of an event's message, by reason; empty when nothing known is in it:
     * <ul>
     *   <li>FailedScheduling: {@code Insufficient cpu}, {@code Insufficient memory} (any resource),
     *       {@code untolerated taint}, {@code node affinity}, {@code unbound PersistentVolumeClaims},
     *       {@code volume node affinity conflict}, {@code unschedulable nodes},
     *       {@code persistentvolumeclaim NAME} (not found), comma-separated;
     *   <li>FailedAttachVolume: {@code Multi-Attach};
     *   <li>FailedMount: {@code secret NAME} / {@code configmap NAME} (not found), {@code timeout};
     *   <li>Unhealthy, Killing: {@code readiness probe} / {@code liveness probe} / {@code startup probe};
     *   <li>Evicted: {@code memory pressure} / {@code ephemeral-storage pressure} / {@code disk pressure} /
     *       {@code pid pressure};
     *   <li>BackOff: {@code restarting} / {@code pulling image};
     *   <li>FailedCreate: {@code quota}, {@code pod security}, {@code admission webhook},
     *       {@code serviceaccount NAME} (not found).
     * </ul>
     */
    static Optional<String> detail(String reason, String message) {
        if (reason == null || message == null || message.isBlank()) {
            return Optional.empty();
        }
        List<String> facts = new ArrayList<>();
        switch (reason) {
            case "FailedScheduling" -> {
                Matcher insufficient = INSUFFICIENT.matcher(message);
                Set<String> resources = new LinkedHashSet<>();
                while (insufficient.find()) {
                    resources.add("Insufficient " + insufficient.group(1).replaceAll("[.,]+$", ""));
                }
                facts.addAll(resources);
                if (message.contains("untolerated taint") || message.contains("didn't tolerate")) {
                    facts.add("untolerated taint");
                }
                if (message.contains("node affinity/selector") || message.contains("didn't match node selector")
                        || message.contains("didn't match Pod's node affinity")) {
                    facts.add("node affinity");
                }
                if (message.contains("unbound immediate PersistentVolumeClaims")
                        || message.contains("unbound PersistentVolumeClaims")) {
                    facts.add("unbound PersistentVolumeClaims");
                }
                if (message.contains("volume node affinity conflict")) {
                    facts.add("volume node affinity conflict");
                }
                if (message.contains("were unschedulable")) {
                    facts.add("unschedulable nodes");
                }
                notFound(message).filter(o -> o.startsWith("persistentvolumeclaim ")).ifPresent(facts::add);
            }
            case "FailedAttachVolume" -> {
                if (message.contains("Multi-Attach")) {
                    facts.add("Multi-Attach");
                }
            }
            case "FailedMount" -> {
                notFound(message).filter(o -> o.startsWith("secret ") || o.startsWith("configmap "))
                        .ifPresent(facts::add);
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("timed out") || lower.contains("timeout")) {
                    facts.add("timeout");
                }
            }
            case "Unhealthy", "Killing" -> {
                String lower = message.toLowerCase(Locale.ROOT);
                for (String probe : List.of("readiness", "liveness", "startup")) {
                    if (lower.startsWith(probe + " probe") || lower.contains("failed " + probe + " probe")) {
                        facts.add(probe + " probe");
                        break;
                    }
                }
            }
            case "Evicted" -> {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("low on resource: memory") || lower.contains("memorypressure")) {
                    facts.add("memory pressure");
                } else if (lower.contains("ephemeral-storage") || lower.contains("ephemeral local storage")
                        || lower.contains("emptydir")) {
                    facts.add("ephemeral-storage pressure");
                } else if (lower.contains("diskpressure") || lower.contains("low on resource: nodefs")
                        || lower.contains("low on resource: imagefs")) {
                    facts.add("disk pressure");
                } else if (lower.contains("pidpressure") || lower.contains("low on resource: pids")) {
                    facts.add("pid pressure");
                }
            }
            case "BackOff" -> {
                if (message.contains("Back-off restarting")) {
                    facts.add("restarting");
                } else if (message.contains("Back-off pulling image")) {
                    facts.add("pulling image");
                }
            }
            case "FailedCreate" -> {
                if (message.contains("exceeded quota")) {
                    facts.add("quota");
                }
                if (message.contains("PodSecurity")) {
                    facts.add("pod security");
                }
                if (message.contains("admission webhook")) {
                    facts.add("admission webhook");
                }
                notFound(message).filter(o -> o.startsWith("serviceaccount ")).ifPresent(facts::add);
            }
            default -> {
                // no detail for the other reasons: the reason says it
            }
        }
        return facts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", facts));
    }

    /** {@code secret "x" not found} as {@code secret x} (the kind lowercased, the object's name). */
    private static Optional<String> notFound(String message) {
        Matcher m = OBJECT_NOT_FOUND.matcher(message);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT) + " " + m.group(2)) : Optional.empty();
    }
}
