package io.awoooi.core.drift;

import java.util.Set;

/** The bounded field set the {@code restore_fields} action may write back. */
public final class RestoreFields {
    public static final Set<DriftCategory> CATEGORIES = Set.of(DriftCategory.IMAGE, DriftCategory.REPLICAS,
            DriftCategory.RESOURCES, DriftCategory.ENV);

    private RestoreFields() {
    }

    public static boolean restorable(DriftCategory category) {
        return CATEGORIES.contains(category);
    }
}
