package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * How an invocation ended. {@code payload} is the function's response on SUCCESS, and otherwise
 * the Lambda error document {@code {"errorMessage", "errorType", "stackTrace"?}}.
 */
record InvocationResult(Kind kind, byte[] payload, String errorType, String errorMessage) {

    enum Kind {
        /** The function returned a response. */
        SUCCESS,
        /** The function threw (or its runtime reported an error). */
        ERROR,
        /** The function ran longer than its Timeout. */
        TIMEOUT,
        /** The function's process died or could not be started. */
        CRASH
    }

    static InvocationResult success(byte[] payload) {
        return new InvocationResult(Kind.SUCCESS, payload, null, null);
    }

    /** An error the runtime reported, with its error document as it sent it. */
    static InvocationResult error(byte[] document) {
        String type = "Unhandled";
        String message = "";
        try {
            JsonNode node = Json.parse(document);
            type = node.path("errorType").asText(type);
            message = node.path("errorMessage").asText("");
        } catch (IllegalArgumentException e) {
            document = errorDocument(type, "the runtime sent an unreadable error document");
        }
        return new InvocationResult(Kind.ERROR, document, type, message);
    }

    static InvocationResult error(String errorType, String errorMessage) {
        return new InvocationResult(Kind.ERROR, errorDocument(errorType, errorMessage), errorType, errorMessage);
    }

    static InvocationResult timeout(String message) {
        return new InvocationResult(Kind.TIMEOUT, errorDocument("Sandbox.Timedout", message), "Sandbox.Timedout",
                message);
    }

    static InvocationResult crash(String message) {
        return new InvocationResult(Kind.CRASH, errorDocument("Runtime.ExitError", message), "Runtime.ExitError",
                message);
    }

    boolean succeeded() {
        return kind == Kind.SUCCESS;
    }

    String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static byte[] errorDocument(String type, String message) {
        ObjectNode doc = Json.object();
        doc.put("errorMessage", message);
        doc.put("errorType", type);
        return Json.bytes(doc);
    }

    @Override
    public String toString() {
        return kind + (errorType == null ? "" : " " + errorType + ": " + errorMessage);
    }
}
