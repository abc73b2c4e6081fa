package io.awoooi.core.incident;

import io.awoooi.core.failure.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake of the store port for use-case tests; it honours the same conditions as the real one. */
public final class InMemoryIncidentStore implements IncidentStore {
    private final Map<String, GroupPointer> groups = new HashMap<>();
    private final Map<String, Incident> incidents = new HashMap<>();
    private final Map<String, AcceptedNotification> notifications = new HashMap<>();
    public final AtomicInteger failNextCalls = new AtomicInteger();

    private void maybeFail() {
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected failure", null);
        }
    }

    @Override
    public synchronized Optional<GroupPointer> currentIncident(String groupKeyHash) {
        maybeFail();
        return Optional.ofNullable(groups.get(groupKeyHash));
    }

    @Override
    public synchronized boolean moveCurrentIncident(String groupKeyHash, Optional<GroupPointer> expected,
            String newIncidentId) {
        maybeFail();
        GroupPointer now = groups.get(groupKeyHash);
        if (!Optional.ofNullable(now).equals(expected)) {
            return false;
        }
        groups.put(groupKeyHash, new GroupPointer(newIncidentId, expected.map(GroupPointer::version).orElse(0L) + 1));
        return true;
    }

    @Override
    public synchronized Optional<Incident> find(String incidentId) {
        maybeFail();
        return Optional.ofNullable(incidents.get(incidentId));
    }

    @Override
    public synchronized boolean create(Incident incident) {
        maybeFail();
        if (incidents.containsKey(incident.id())) {
            return false;
        }
        incidents.put(incident.id(), withVersion(incident, 1));
        return true;
    }

    @Override
    public synchronized boolean update(Incident incident) {
        maybeFail();
        Incident stored = incidents.get(incident.id());
        if (stored == null || stored.version() != incident.version()) {
            return false;
        }
        incidents.put(incident.id(), withVersion(incident, incident.version() + 1));
        return true;
    }

    @Override
    public synchronized Optional<AcceptedNotification> findNotification(String notificationKey) {
        maybeFail();
        return Optional.ofNullable(notifications.get(notificationKey));
    }

    @Override
    public synchronized boolean recordNotification(AcceptedNotification notification) {
        maybeFail();
        return notifications.putIfAbsent(notification.key(), notification) == null;
    }

    @Override
    public synchronized void markQueued(String notificationKey) {
        maybeFail();
        AcceptedNotification n = notifications.get(notificationKey);
        if (n == null) {
            throw new IllegalStateException("no recorded notification to mark queued");
        }
        notifications.put(notificationKey, new AcceptedNotification(n.key(), n.incidentId(), n.receivedAt(), true));
    }

    @Override
    public synchronized IncidentPage listNewest(int limit, Optional<String> pageToken) {
        maybeFail();
        List<Incident> all = new ArrayList<>(incidents.values());
        all.sort(Comparator.comparing(Incident::createdAt).thenComparing(Incident::id).reversed());
        int from = pageToken.map(InMemoryIncidentStore::offset).orElse(0);
        List<Incident> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
        Optional<String> next = from + limit < all.size()
                ? Optional.of(Base64.getEncoder().encodeToString(String.valueOf(from + limit).getBytes()))
                : Optional.empty();
        return new IncidentPage(page, next);
    }

    /** The offset a token of this store carries; anything else is a token it never issued. */
    private static int offset(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
            int offset = Integer.parseInt(text);
            if (offset <= 0 || !token.equals(Base64.getEncoder().encodeToString(text.getBytes()))) {
                throw new NumberFormatException(text);
            }
            return offset;
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new InvalidPageTokenException("nextToken is not one this store issued");
        }
    }

    public synchronized int incidentCount() {
        return incidents.size();
    }

    /** Simulates a crash between moving the group pointer and writing the incident row. */
    public synchronized void dropIncident(String id) {
        incidents.remove(id);
    }

    private static Incident withVersion(Incident i, long version) {
        return new Incident(i.id(), i.groupKeyHash(), i.status(), i.createdAt(), i.updatedAt(), i.resolvedAt(),
                i.alerts(), version);
    }
}
