package io.awoooi.core.incident;

import java.util.List;
import java.util.Optional;

/**
 * Port: where incidents, the current incident of each Alertmanager group and the notifications
 * already accepted are kept. Every write that two writers can meet is conditional; a lost race
 * answers {@code false} and the caller reads again. Transient failures throw
 * {@link StoreUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface IncidentStore {

    /** The group's current incident pointer, read strongly consistent. */
    Optional<GroupPointer> currentIncident(String groupKeyHash);

    /**
     * Points the group at a new incident if nobody moved the pointer since {@code expected} was read
     * (empty = the group has no pointer yet).
     */
    boolean moveCurrentIncident(String groupKeyHash, Optional<GroupPointer> expected, String newIncidentId);

    Optional<Incident> find(String incidentId);

    /** Writes a new incident unless one with its id exists. */
    boolean create(Incident incident);

    /** Replaces the stored incident if its version is still {@code incident.version()}; bumps it. */
    boolean update(Incident incident);

    Optional<AcceptedNotification> findNotification(String notificationKey);

    /** Records a notification unless one with its key exists. */
    boolean recordNotification(AcceptedNotification notification);

    /**
     * Marks a recorded notification as being on the raw-alerts queue.
     *
     * @throws IllegalStateException when no notification with that key was recorded (nothing is created)
     */
    void markQueued(String notificationKey);

    /**
     * Newest first.
     *
     * @throws InvalidPageTokenException when {@code pageToken} is not one this store issued
     */
    IncidentPage listNewest(int limit, Optional<String> pageToken);

    /**
     * Newest first, only the incidents the filter accepts: at most {@code limit} of them, and a token
     * when more may follow (a page may hold fewer than {@code limit} even then). This default reads
     * unfiltered pages and filters them, a bounded number of pages per call; stores that can filter
     * as they read (by key range and condition) should.
     */
    default IncidentPage listNewest(int limit, Optional<String> pageToken, IncidentFilter filter) {
        if (filter.isNone()) {
            return listNewest(limit, pageToken);
        }
        java.util.List<Incident> out = new java.util.ArrayList<>();
        Optional<String> token = pageToken;
        for (int round = 0; round < 10 && out.size() < limit; round++) {
            IncidentPage page = listNewest(limit - out.size(), token);
            page.incidents().stream().filter(filter::accepts).forEach(out::add);
            token = page.nextPageToken();
            boolean older = filter.since().isPresent() && !page.incidents().isEmpty()
                    && page.incidents().get(page.incidents().size() - 1).createdAt().isBefore(filter.since().get());
            if (token.isEmpty() || older) {
                return new IncidentPage(out, older ? Optional.empty() : token);
            }
        }
        return new IncidentPage(out, token);
    }

    record GroupPointer(String incidentId, long version) {
    }

    record IncidentPage(List<Incident> incidents, Optional<String> nextPageToken) {
        public IncidentPage {
            incidents = List.copyOf(incidents);
        }
    }
}
