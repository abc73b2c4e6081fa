package io.awoooi.core.analysis;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import io.awoooi.core.topology.ServiceGraph;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.TargetResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The firing incidents among the newest ones of the incident store, resolved to services the way
 * the analysis resolves its own targets: the pseudonymized labels of each firing alert
 * ({@link RedactedAlertStore}) through a {@link TargetResolver} on the same graph.
 *
 * <p>Bounded work per analysis: one page of the {@value #DEFAULT_NEWEST} newest incidents (by
 * creation; one query), of those only the FIRING ones other than the incident analysed (one query
 * each for their alerts), and of their alerts only the firing ones. So at most 1 + 50 reads, and an
 * incident that has fired for longer than the last 50 incidents were opened is not seen: in a storm
 * the newest incidents are the likelier causes, and the cost stays flat.
 *
 * <p>One line per incident and service: {@code "firing incident inc_…: PostgresDown"}, the alert
 * names sorted (at most {@value #MAX_NAMES}, then {@code "+N more"}). Nothing else of an alert is
 * copied: the incident id and the alert's name (pseudonymized already, and reduced to a short plain
 * token here) are all the evidence carries, so it can go to a model or the incident API as it is.
 *
 * <p>A store that cannot be read ({@link StoreUnavailableException}) costs the evidence, never the
 * analysis: the listing failing answers {@link FiringEvidence#unavailable()}, an incident's alerts
 * failing leaves that incident out and marks the evidence incomplete.
 */
public final class RecentFiringIncidents implements FiringIncidents {
    /** How many of the newest incidents are looked at. */
    public static final int DEFAULT_NEWEST = 50;
    static final int MAX_NAMES = 3;
    static final int MAX_NAME_LENGTH = 64;

    private final IncidentStore incidents;
    private final RedactedAlertStore alerts;
    private final int newest;

    public RecentFiringIncidents(IncidentStore incidents, RedactedAlertStore alerts) {
        this(incidents, alerts, DEFAULT_NEWEST);
    }

    /** @param newest how many of the newest incidents are looked at, at least 1 */
    public RecentFiringIncidents(IncidentStore incidents, RedactedAlertStore alerts, int newest) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        if (newest < 1) {
            throw new IllegalArgumentException("newest must be at least 1");
        }
        this.newest = newest;
    }

    @Override
    public FiringEvidence evidence(ServiceGraph graph, String analysedIncidentId) {
        List<Incident> page;
        try {
            page = incidents.listNewest(newest, Optional.empty()).incidents();
        } catch (StoreUnavailableException e) {
            return FiringEvidence.unavailable();
        }
        TargetResolver resolver = new TargetResolver(graph);
        Map<ServiceId, List<String>> byService = new HashMap<>();
        boolean complete = true;
        for (Incident incident : page) {
            if (!incident.firing() || incident.id().equals(analysedIncidentId)) {
                continue;
            }
            List<RedactedAlert> redacted;
            try {
                redacted = alerts.alerts(incident.id());
            } catch (StoreUnavailableException e) {
                complete = false;
                continue;
            }
            Map<ServiceId, TreeSet<String>> namesByService = new LinkedHashMap<>();
            for (RedactedAlert alert : redacted) {
                if (alert.status() != AlertStatus.FIRING) {
                    continue;
                }
                String name = alertName(alert);
                for (ServiceId service : resolver.resolve(alert.labels())) {
                    TreeSet<String> names = namesByService.computeIfAbsent(service, s -> new TreeSet<>());
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            namesByService.forEach((service, names) -> byService.computeIfAbsent(service, s -> new ArrayList<>())
                    .add(line(incident.id(), names)));
        }
        return new FiringEvidence(byService, complete);
    }

    static String line(String incidentId, TreeSet<String> names) {
        if (names.isEmpty()) {
            return "firing incident " + incidentId;
        }
        List<String> shown = names.stream().limit(MAX_NAMES).toList();
        String more = names.size() > MAX_NAMES ? ", +" + (names.size() - MAX_NAMES) + " more" : "";
        return "firing incident " + incidentId + ": " + String.join(", ", shown) + more;
    }

    /**
     * The alert's name as a short plain token: characters outside letters, digits and
     * {@code _ : . - [ ]} (the pseudonym labels' brackets) become {@code _}, so no line break or
     * instruction-shaped text rides along into a prompt; empty when the alert has no name.
     */
    static String alertName(RedactedAlert alert) {
        String raw = alert.labels().getOrDefault("alertname", "").strip();
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX_NAME_LENGTH));
        for (int i = 0; i < raw.length() && sb.length() < MAX_NAME_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_:.-[]".indexOf(c) >= 0;
            sb.append(plain ? c : '_');
        }
        return sb.toString();
    }
}
