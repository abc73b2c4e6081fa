package io.awoooi.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The approvers, read from a JSON document (an SSM parameter in AWS, a file locally):
 * <pre>
 * {"approvers": [{"id": "alice", "name": "Alice", "roles": ["devops"],
 *                 "email": "alice@example.com", "slack": "U012ABC", "discord": "123", "telegram": "456"}]}
 * </pre>
 * Immutable once parsed.
 */
public final class ApproverDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHANNELS = List.of("email", "slack", "discord", "telegram");

    private final Map<String, Approver> byId;

    public ApproverDirectory(List<Approver> approvers) {
        Map<String, Approver> map = new LinkedHashMap<>();
        int index = 0;
        for (Approver a : approvers) {
            if (map.put(a.id(), a) != null) {
                // by position: the reason never echoes a value from the document
                throw new InvalidApproverDirectoryException(
                        "approvers[" + index + "] repeats the id of an earlier approver");
            }
            index++;
        }
        this.byId = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    private final List<Approver> ordered;

    /** @throws InvalidApproverDirectoryException when the document is not a valid directory */
    public static ApproverDirectory parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new InvalidApproverDirectoryException("approvers directory is not JSON");
        }
        JsonNode list = root == null ? null : root.get("approvers");
        if (list == null || !list.isArray()) {
            throw new InvalidApproverDirectoryException("approvers directory needs an \"approvers\" array");
        }
        List<Approver> out = new ArrayList<>();
        int index = 0;
        for (JsonNode node : list) {
            String where = "approvers[" + index++ + "]";
            String id = text(node, "id").orElseThrow(() -> new InvalidApproverDirectoryException(where + " has no id"));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            JsonNode roleList = node.get("roles");
            if (roleList == null || !roleList.isArray() || roleList.isEmpty()) {
                throw new InvalidApproverDirectoryException(where + " needs at least one role");
            }
            for (JsonNode r : roleList) {
                roles.add(Role.fromWire(r.asText()).orElseThrow(() -> new InvalidApproverDirectoryException(
                        where + " has an unknown role (known: admin, devops, sre, cto, ciso)")));
            }
            Map<String, String> handles = new LinkedHashMap<>();
            for (String channel : CHANNELS) {
                text(node, channel).ifPresent(h -> handles.put(channel, h));
            }
            try {
                out.add(new Approver(id, text(node, "name").orElse(id), roles, handles));
            } catch (IllegalArgumentException e) {
                throw new InvalidApproverDirectoryException(where + ": " + e.getMessage());
            }
        }
        return new ApproverDirectory(out);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().strip());
    }

    public Optional<Approver> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** In the directory's order. */
    public List<Approver> all() {
        return ordered;
    }

    /** Everyone holding at least one of these roles, in the directory's order. */
    public List<Approver> withAnyRole(Set<Role> roles) {
        return ordered.stream().filter(a -> a.roles().stream().anyMatch(roles::contains)).toList();
    }

    /** The directory is unusable: a typed error with a reason that never echoes a value. */
    public static final class InvalidApproverDirectoryException extends RuntimeException {
        public InvalidApproverDirectoryException(String message) {
            super(message);
        }
    }
}
