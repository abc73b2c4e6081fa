package io.awoooi.core.approval;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A person who may approve actions: an id (stable, used in links and signatures), a display name,
 * roles, and where to reach them: {@code handles} maps a channel name ({@code email}, {@code slack},
 * {@code discord}, {@code telegram}) to that channel's address for them.
 */
public record Approver(String id, String name, Set<Role> roles, Map<String, String> handles) {
    public Approver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("approver id must be lowercase letters, digits, '.', '_' or '-'");
        }
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        handles = Collections.unmodifiableMap(new TreeMap<>(handles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public Optional<String> handle(String channel) {
        return Optional.ofNullable(handles.get(channel)).filter(h -> !h.isBlank());
    }
}
