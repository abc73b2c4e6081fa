package io.awoooi.core.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the drift of one workload against its desired state, first that applies:
 * <ol>
 *   <li>the {@link Baseline} a human accepted (exact: it holds every tracked field as it was);</li>
 *   <li>the last-applied configuration (sparse: only what it says is compared, so the API server's
 *       defaults are not drift; a container, env var, command or probe the live object has in
 *       addition, in a container the configuration declares, is drift; an injected sidecar is not);</li>
 *   <li>managedFields: a tracked field an imperative manager owns, in a part of the object (a
 *       container, the spec, the metadata) a declarative manager also owns, is drift (its desired
 *       value is unknown);</li>
 *   <li>none of these: the object is unmanaged (one {@link DriftCategory#UNMANAGED} item).</li>
 * </ol>
 * Replicas of a workload an HPA scales are never drift; objects a controller owns
 * ({@code ownerReferences} with {@code controller: true}) are not scanned. Pure and thread-safe.
 */
public final class DriftDetector {
    private final DriftPolicy policy;

    public DriftDetector(DriftPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** What the detector found, and why a baseline was not used (never applied when it does not match). */
    public record Detection(WorkloadDrift drift, List<String> problems) {
        public Detection {
            problems = List.copyOf(problems);
        }
    }

    public Detection detect(LiveWorkload live, Optional<Baseline> baseline) {
        List<String> problems = new ArrayList<>();
        if (controllerOwned(live.object())) {
            return new Detection(new WorkloadDrift(live.ref(), live.uid(), live.resourceVersion(), DesiredSource.NONE,
                    List.of()), problems);
        }
        Map<String, Object> actual = TrackedFields.of(live.object());
        if (baseline.isPresent()) {
            Baseline b = baseline.get();
            if (!b.ref().kind().equals(live.ref().kind())) {
                problems.add("baseline of " + live.ref().key() + " was accepted for kind " + b.ref().kind()
                        + ": not applied");
            } else if (!b.uid().isEmpty() && !live.uid().isEmpty() && !b.uid().equals(live.uid())) {
                problems.add("baseline of " + live.ref().key()
                        + " was accepted for an object that was deleted and recreated: not applied");
            } else {
                return done(live, DesiredSource.BASELINE, againstBaseline(b, actual, live.hpaTargeted()), problems);
            }
        }
        Optional<String> lastApplied = live.lastApplied();
        if (lastApplied.isPresent()) {
            Map<String, Object> declared = Canonical.parseObject(lastApplied.get());
            if (declared != null) {
                return done(live, DesiredSource.LAST_APPLIED,
                        againstDeclared(TrackedFields.of(declared), actual, live.hpaTargeted()), problems);
            }
            problems.add("last-applied-configuration of " + live.ref().key() + " is not a JSON object: not used");
        }
        if (live.managedFields().stream().anyMatch(policy::declarative)) {
            return done(live, DesiredSource.MANAGED_FIELDS, fromOwnership(live, actual), problems);
        }
        return done(live, DesiredSource.NONE, List.of(new DriftItem(DriftCategory.UNMANAGED,
                DriftCategory.UNMANAGED.severity(), "metadata", null, null, false, managerOf(live))), problems);
    }

    private static Detection done(LiveWorkload live, DesiredSource source, List<DriftItem> items,
            List<String> problems) {
        List<DriftItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(DriftItem::severity).reversed().thenComparing(DriftItem::path));
        return new Detection(new WorkloadDrift(live.ref(), live.uid(), live.resourceVersion(), source, sorted),
                problems);
    }

    private static List<DriftItem> againstBaseline(Baseline b, Map<String, Object> actual, boolean hpa) {
        List<DriftItem> items = new ArrayList<>();
        Set<String> paths = new HashSet<>(b.fields().keySet());
        paths.addAll(actual.keySet());
        for (String path : new TreeMap<String, Object>(toMap(paths)).keySet()) {
            if (hpa && path.equals(TrackedFields.REPLICAS)) {
                continue;
            }
            String want = b.fields().get(path);
            String have = Canonical.text(actual.get(path));
            if (have != null && TrackedFields.category(path) == DriftCategory.ENV) {
                have = digest(path, have);
            }
            if (!Objects.equals(want, have)) {
                items.add(item(path, want, have, true, ""));
            }
        }
        return items;
    }

    private static List<DriftItem> againstDeclared(Map<String, Object> declared, Map<String, Object> actual,
            boolean hpa) {
        List<DriftItem> items = new ArrayList<>();
        for (Map.Entry<String, Object> d : declared.entrySet()) {
            String path = d.getKey();
            if (hpa && path.equals(TrackedFields.REPLICAS)) {
                continue;
            }
            Object have = actual.get(path);
            if (!Canonical.covers(d.getValue(), have)) {
                items.add(item(path, Canonical.text(d.getValue()), Canonical.text(have), true, ""));
            }
        }
        Set<String> declaredContainers = new HashSet<>();
        for (String path : declared.keySet()) {
            String c = TrackedFields.containerOf(path);
            if (c != null) {
                declaredContainers.add(c);
            }
        }
        for (Map.Entry<String, Object> a : actual.entrySet()) {
            String path = a.getKey();
            String container = TrackedFields.containerOf(path);
            if (declared.containsKey(path) || container == null || !declaredContainers.contains(container)) {
                continue; // extra labels, annotations, defaults and injected sidecars are not drift
            }
            DriftCategory c = TrackedFields.category(path);
            if (c == DriftCategory.ENV || c == DriftCategory.COMMAND || c == DriftCategory.IMAGE
                    || c == DriftCategory.PROBES) {
                items.add(item(path, null, Canonical.text(a.getValue()), true, ""));
            }
        }
        return items;
    }

    private List<DriftItem> fromOwnership(LiveWorkload live, Map<String, Object> actual) {
        Set<String> declarativeScopes = new HashSet<>();
        for (ManagedFieldsEntry e : live.managedFields()) {
            if (policy.declarative(e)) {
                e.paths().forEach(p -> declarativeScopes.add(TrackedFields.scopeOf(p)));
                e.paths().forEach(p -> TrackedFields.trackedOf(p).ifPresent(t -> declarativeScopes.add(t)));
            }
        }
        Map<String, DriftItem> items = new TreeMap<>();
        for (ManagedFieldsEntry e : live.managedFields()) {
            if (!policy.imperative(e)) {
                continue;
            }
            for (String raw : e.paths()) {
                Optional<String> tracked = TrackedFields.trackedOf(raw);
                if (tracked.isEmpty() || items.containsKey(tracked.get())) {
                    continue;
                }
                String path = tracked.get();
                if (live.hpaTargeted() && path.equals(TrackedFields.REPLICAS)) {
                    continue;
                }
                if (declarativeScopes.contains(path) || declarativeScopes.contains(TrackedFields.scopeOf(raw))) {
                    items.put(path, item(path, null, Canonical.text(actual.get(path)), false, e.manager()));
                }
            }
        }
        return new ArrayList<>(items.values());
    }

    private static DriftItem item(String path, String desired, String live, boolean desiredKnown, String manager) {
        DriftCategory c = TrackedFields.category(path);
        if (c == DriftCategory.ENV) {
            desired = desired == null || desired.startsWith(DIGEST) ? desired : digest(path, desired);
            live = live == null || live.startsWith(DIGEST) ? live : digest(path, live);
        }
        return new DriftItem(c, c.severity(), path, desired, live, desiredKnown, manager);
    }

    /** The prefix of an env value's digest. */
    public static final String DIGEST = "digest:";

    /**
     * Env var values never leave the detector: a report, a baseline and a fingerprint keep this
     * digest instead (enough to tell a change; the value itself is read from the cluster when a
     * restore needs it).
     */
    static String digest(String path, String value) {
        return DIGEST
                + io.awoooi.core.Hashing.sha256Hex("awoooi/drift/env/v1\n" + path + "\n" + value).substring(0, 16);
    }

    private static String managerOf(LiveWorkload live) {
        return live.managedFields().isEmpty() ? "" : live.managedFields().getFirst().manager();
    }

    private static boolean controllerOwned(Map<String, Object> object) {
        if (object.get("metadata") instanceof Map<?, ?> md && md.get("ownerReferences") instanceof List<?> owners) {
            for (Object o : owners) {
                if (o instanceof Map<?, ?> ref && Boolean.TRUE.equals(ref.get("controller"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Boolean> toMap(Set<String> paths) {
        Map<String, Boolean> m = new TreeMap<>();
        paths.forEach(p -> m.put(p, Boolean.TRUE));
        return m;
    }

    /** The tracked fields of a live workload as a baseline stores them (canonical text; env values as digests). */
    public static Map<String, String> snapshot(LiveWorkload live) {
        Map<String, String> out = new TreeMap<>();
        TrackedFields.of(live.object()).forEach((k, v) -> out.put(k,
                TrackedFields.category(k) == DriftCategory.ENV ? digest(k, Canonical.text(v)) : Canonical.text(v)));
        return out;
    }
}
