package io.awoooi.core.analysis;

import io.awoooi.core.topology.ServiceGraph;

/**
 * Port: the incidents firing now other than the one being analysed, as evidence of unhealth per
 * service of a graph. An incident on a service says it is in trouble even when the topology shows
 * it healthy (a database answering slowly, a cache evicting); the root-cause search counts it.
 *
 * <p>Best effort by contract: the analysis goes on without the evidence, so an implementation
 * answers {@link FiringEvidence#unavailable()} (or a partial result) rather than throwing when it
 * cannot read the incidents.
 */
@FunctionalInterface
public interface FiringIncidents {

    /**
     * The evidence per service of {@code graph} from the incidents firing now, leaving out
     * {@code analysedIncidentId} (an incident is never evidence about itself).
     */
    FiringEvidence evidence(ServiceGraph graph, String analysedIncidentId);

    /** No other incidents are ever known: the analysis sees the topology's health only. */
    static FiringIncidents none() {
        return (graph, analysedIncidentId) -> FiringEvidence.none();
    }
}
