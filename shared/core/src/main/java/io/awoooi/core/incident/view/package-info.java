/**
 * The operators' read model of incidents, typed: what {@link io.awoooi.core.incident.IncidentReader}
 * answers and what both the incident API and the pages (the console, the approval page, the agent
 * tools) read. Each record says its JSON form in {@code document()}: an ordered map of plain values
 * (strings, numbers, booleans, lists, maps) that any JSON writer renders the same, so the API's
 * field names, nesting and absent fields are written in one place, beside the field they come from
 * (ADR: typed incident views). Pages read the accessors; nothing reads these documents back by key,
 * except {@link io.awoooi.core.incident.view.AnalysisView#from}, which reads the stored analysis its
 * own {@code document()} wrote.
 */
package io.awoooi.core.incident.view;
