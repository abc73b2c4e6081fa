/**
 * What the cluster says about a workload, as typed facts read through the topology port: pod and
 * container states (with their times, so history is told from a current failure), rollout history,
 * events, claims and the nodes the pods run on. The adapter fills these records; the rules that
 * judge them ({@link io.awoooi.core.evidence.WorkloadHealth}, the diagnosis) live in the core.
 *
 * <p>Facts carry Kubernetes object names, reasons, counts, quantities and times, never label or
 * annotation values, environment values or free-text messages: an event's message is reduced by
 * the adapter to a short structured {@code detail} ("Insufficient cpu", "secret orders-db-creds").
 */
package io.awoooi.core.evidence;
