package io.awoooi.core.drift;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code metadata.managedFields}, its {@code fieldsV1} already turned into tracked
 * field paths by {@link FieldsV1}.
 *
 * @param manager e.g. {@code kubectl-edit}, {@code helm}, {@code kubectl-client-side-apply}
 * @param operation {@code Apply} or {@code Update}
 * @param time when the manager last wrote, may be null
 * @param paths the field paths it owns, in {@link TrackedFields} notation
 */
public record ManagedFieldsEntry(String manager, String operation, Instant time, Set<String> paths) {
    public ManagedFieldsEntry {
        Objects.requireNonNull(manager, "manager");
        operation = operation == null ? "" : operation;
        paths = Set.copyOf(paths);
    }
}
