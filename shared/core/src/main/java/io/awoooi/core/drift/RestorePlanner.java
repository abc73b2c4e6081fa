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

    public Plan plan(LiveWorkload live, Optional<Baseline> baseline, Set<String> paths, String expectedResourceVersion) {
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
                return new Plan.Refused("field " + p + " is outside the restorable set (image, replicas, resources, env)");
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
                return new Plan.Refused("the desired value of " + p + " is not known (" + d.drift().source().wire() + ")");
            }
            Object value = desired.get(p);
            if (value instanceof String s && s.startsWith(DriftDetector.DIGEST)) {
                return new Plan.Refused("the accepted value of " + p + " is kept only as a digest: it cannot be restored");
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

    private static Map<String, Object> desiredFields(LiveWorkload live, Optional<Baseline> baseline, DesiredSource source) {
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
