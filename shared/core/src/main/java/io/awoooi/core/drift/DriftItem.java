package io.awoooi.core.drift;

import io.awoooi.core.Hashing;
import java.util.Objects;

/**
 * One drifted field of a workload. Values are the canonical text, except env var values, which are
 * digests ({@link DriftDetector#DIGEST}): they may hold secrets and are never kept. Other values
 * can still hold personal data (an IP in an image's registry): everything that leaves the scan goes
 * through {@link DriftRedaction} first.
 *
 * @param category what kind of field
 * @param severity how much it matters
 * @param path the tracked path ({@link TrackedFields})
 * @param desired the desired value; null when the field should not exist, or is unknown
 *     (server-side ownership says who changed it, not what it was)
 * @param live the live value; null when the field is missing
 * @param desiredKnown whether {@code desired} is known (false for managedFields items)
 * @param manager the field manager that wrote the live value, when known
 */
public record DriftItem(DriftCategory category, Severity severity, String path, String desired, String live,
        boolean desiredKnown, String manager) {
    public DriftItem {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        manager = manager == null ? "" : manager;
    }

    /** Same workload, field and values: the same drift (for not notifying it twice). */
    public String fingerprint(WorkloadRef ref) {
        return Hashing.sha256Hex(ref.key() + "\n" + path + "\n" + desired + "\n" + live).substring(0, 24);
    }

    /** A restore can put exactly this field back (the desired value is known, the field is restorable). */
    public boolean restorable() {
        return desiredKnown && RestoreFields.restorable(category);
    }
}
