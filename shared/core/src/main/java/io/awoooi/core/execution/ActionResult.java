package io.awoooi.core.execution;

import java.util.Objects;

/** What the cluster said to an action. */
public sealed interface ActionResult {
    /** Done: {@code detail} says what changed, in words without personal data (names of objects). */
    record Applied(String detail) implements ActionResult {
        public Applied {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The API server refused (403 forbidden, 404 gone, 409 conflict on a precondition, 422 invalid):
     * the execution FAILED with the API's reason. Never retried.
     */
    record Refused(int httpStatus, String reason) implements ActionResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
