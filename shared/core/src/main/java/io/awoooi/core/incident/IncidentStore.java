package io.awoooi.core.incident;

import java.util.List;
import java.util.Optional;

/**
 * Port: where incidents, the current incident of each Alertmanager group and the notifications
 * already accepted are kept. Every write that two writers can meet is conditional; a lost race
 * answers {@code false} and the caller reads again. Transient failures throw
 * {@link StoreUnavailableException}.
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

    /** Marks a recorded notification as being on the raw-alerts queue. */
    void markQueued(String notificationKey);

    /** Newest first. */
    IncidentPage listNewest(int limit, Optional<String> pageToken);

    record GroupPointer(String incidentId, long version) {
    }

    record IncidentPage(List<Incident> incidents, Optional<String> nextPageToken) {
        public IncidentPage {
            incidents = List.copyOf(incidents);
        }
    }
}
