package io.awoooi.aws.observe;

import org.jboss.logging.MDC;

/**
 * The ids every log line of an invocation carries (the functions log JSON with the MDC): the Lambda
 * request id for the whole invocation, and per message the incident id where known and a correlation
 * id (the SQS message id, or the HTTP API's request id). Ids only, never a value from an alert.
 */
public final class LogContext {
    /** The key Quarkus's own Lambda event loop uses for the request id (custom runtime, tests). */
    public static final String REQUEST_ID = "AWSRequestId";
    public static final String INCIDENT_ID = "incidentId";
    public static final String CORRELATION_ID = "correlationId";

    private LogContext() {
    }

    /** Starts an invocation: drops whatever an earlier one left and sets the Lambda request id. */
    public static void invocation(String requestId) {
        clear();
        put(REQUEST_ID, requestId);
    }

    public static void incident(String incidentId) {
        put(INCIDENT_ID, incidentId);
    }

    public static void correlation(String correlationId) {
        put(CORRELATION_ID, correlationId);
    }

    /** Ends one message of a batch: the request id stays. */
    public static void endMessage() {
        MDC.remove(INCIDENT_ID);
        MDC.remove(CORRELATION_ID);
    }

    /** Ends the invocation: removes the ids this class sets. */
    public static void clear() {
        MDC.remove(REQUEST_ID);
        endMessage();
    }

    private static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }
}
