package io.awoooi.core.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The plan of a {@code restore_fields} rollback: exactly the drifted fields asked for, within the
 * bounded set ({@link RestoreFields}: image, replicas, resources, env), put back to their desired
 * values, read from the workload's desired state when the plan is made (the report never holds env
 * values). It is the dry-run's content and the executor's input; real values stay in the executor.
 * <ul>
 *   <li>TOCTOU: the workload's resourceVersion must still be the one the approver saw;</li>
 *   <li>a field outside the set, one that no longer drifts, or one whose desired value is unknown
 *       (server-side ownership, an env value of a baseline: only its digest is kept) is refused;</li>
 *   <li>effectiveness ({@link #effective}): after the restore, none of those fields drifts.</li>
 * </ul>
 */
public final class RestorePlanner {
    private final DriftDetector detector;

    public RestorePlanner(DriftPolicy policy) {
        this.detector = new DriftDetector(policy);
    }

    /** One field to write back: its tracked path and desired value (JSON-like; may be absent = remove). */
    public record FieldValue(String path, Object desired) {
        @Override
        public String toString() {
            return "FieldValue[" + path + "]"; // never the value: it may be an env secret
        }
    }

    /** What a plan came to. */
    public sealed interface Plan {
        record Ready(WorkloadRef ref, String resourceVersion, List<FieldValue> fields) implements Plan {
            public Ready {
                fields = List.copyOf(fields);
            }
        }

        record Refused(String reason) implements Plan {
        }

        /** Nothing to do: none of the fields drifts any more. */
        record AlreadyApplied() implements Plan {
        }
    }

    public Plan plan(LiveWorkload live, Optional<Baseline> baseline, Set<String> paths,
            String expectedResourceVersion) {
        Objects.requireNonNull(paths, "paths");
        if (paths.isEmpty()) {
            return new Plan.Refused("no field to restore");
        }
        if (!live.resourceVersion().equals(expectedResourceVersion)) {
            return new Plan.Refused(live.ref().key() + " changed since the drift report (resourceVersion "
                    + expectedResourceVersion + " -> " + live.resourceVersion() + ")");
        }
        for (String p : paths) {
            if (!RestoreFields.restorable(TrackedFields.category(p))) {
                return new Plan.Refused(
                        "field " + p + " is outside the restorable set (image, replicas, resources, env)");
            }
        }
        DriftDetector.Detection d = detector.detect(live, baseline);
        Map<String, DriftItem> drifting = new LinkedHashMap<>();
        d.drift().items().forEach(i -> drifting.put(i.path(), i));
        Map<String, Object> desired = desiredFields(live, baseline, d.drift().source());
        List<FieldValue> out = new ArrayList<>();
        for (String p : paths.stream().sorted().toList()) {
            DriftItem item = drifting.get(p);
            if (item == null) {
                continue;
            }
            if (!item.restorable()) {
                return new Plan.Refused(
                        "the desired value of " + p + " is not known (" + d.drift().source().wire() + ")");
            }
            Object value = desired.get(p);
            if (value instanceof String s && s.startsWith(DriftDetector.DIGEST)) {
                return new Plan.Refused(
                        "the accepted value of " + p + " is kept only as a digest: it cannot be restored");
            }
            out.add(new FieldValue(p, value));
        }
        if (out.isEmpty()) {
            return new Plan.AlreadyApplied();
        }
        return new Plan.Ready(live.ref(), live.resourceVersion(), out);
    }

    /** The effectiveness check: after the restore, none of these fields drifts. */
    public boolean effective(LiveWorkload after, Optional<Baseline> baseline, Set<String> paths) {
        return detector.detect(after, baseline).drift().items().stream().noneMatch(i -> paths.contains(i.path()));
    }

    /**
     * The object with the plan's fields written back (a deep, mutable copy; the input is not
     * changed): {@code spec.replicas}, a container's {@code image} or {@code resources} set (or
     * removed when the desired state has none), an env var replaced, added or removed by name.
     * The executor sends the result with the resourceVersion it was planned on, so a change in
     * between is refused by the API server (409) rather than overwritten.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> applyTo(Map<String, Object> object, List<FieldValue> fields) {
        Map<String, Object> out = (Map<String, Object>) deepCopy(object);
        for (FieldValue f : fields) {
            if (f.path().equals(TrackedFields.REPLICAS)) {
                Map<String, Object> spec = child(out, "spec");
                put(spec, "replicas",
                        f.desired() instanceof String s && s.matches("\\d+") ? Integer.valueOf(s) : f.desired());
                continue;
            }
            String container = TrackedFields.containerOf(f.path());
            if (container == null) {
                throw new IllegalArgumentException("not a restorable path: " + f.path());
            }
            String list = container.substring(TrackedFields.POD.length() + 1, container.indexOf('['));
            String name = container.substring(container.indexOf('[') + 1, container.length() - 1);
            Map<String, Object> pod = child(child(child(out, "spec"), "template"), "spec");
            Map<String, Object> c = null;
            if (pod.get(list) instanceof List<?> cs) {
                for (Object o : cs) {
                    if (o instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                        c = (Map<String, Object>) m;
                    }
                }
            }
            if (c == null) {
                throw new IllegalArgumentException("no container " + name + " to restore");
            }
            String rest = f.path().substring(container.length() + 1);
            if (rest.startsWith("env[")) {
                String var = rest.substring(4, rest.length() - 1);
                List<Object> env = c.get("env") instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
                int at = -1;
                for (int i = 0; i < env.size(); i++) {
                    if (env.get(i) instanceof Map<?, ?> m && var.equals(m.get("name"))) {
                        at = i;
                    }
                }
                if (f.desired() == null) {
                    if (at >= 0) {
                        env.remove(at);
                    }
                } else {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", var);
                    if (f.desired() instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> entry.put(String.valueOf(k), deepCopy(v)));
                    }
                    if (at >= 0) {
                        env.set(at, entry);
                    } else {
                        env.add(entry);
                    }
                }
                c.put("env", env);
            } else {
                put(c, rest, deepCopy(f.desired()));
            }
        }
        return out;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof Map<?, ?>)) {
            map.put(key, new LinkedHashMap<String, Object>());
        }
        return (Map<String, Object>) map.get(key);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return value;
    }

    private static Map<String, Object> desiredFields(LiveWorkload live, Optional<Baseline> baseline,
            DesiredSource source) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (source) {
            case BASELINE -> baseline.ifPresent(b -> b.fields().forEach((k, v) -> out.put(k, parse(v))));
            case LAST_APPLIED -> live.lastApplied().map(Canonical::parseObject)
                    .ifPresent(m -> out.putAll(TrackedFields.of(m)));
            default -> {
                // managedFields and unmanaged objects have no desired values
            }
        }
        return out;
    }

    private static Object parse(String canonical) {
        if (canonical == null || canonical.startsWith(DriftDetector.DIGEST)) {
            return canonical;
        }
        try {
            return Canonical.JSON.readValue(canonical, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return canonical; // a plain string (an image)
        }
    }
}
