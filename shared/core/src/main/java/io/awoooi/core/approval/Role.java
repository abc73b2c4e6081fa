package io.awoooi.core.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What an approver is allowed to sign for. ADMIN, DEVOPS and SRE sign operations; the CTO and CISO sign CRITICAL ones. */
public enum Role {
    ADMIN,
    DEVOPS,
    SRE,
    CTO,
    CISO;

    /** {@code devops}, {@code cto}: the form in the approvers directory and on the wire. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        for (Role r : values()) {
            if (r.wireName().equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static Role ofWire(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException("unknown role"));
    }
}
