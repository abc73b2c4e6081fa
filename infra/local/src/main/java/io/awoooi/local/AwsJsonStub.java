package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the local KMS, Secrets Manager and SSM share: an AWS JSON 1.1 service on 127.0.0.1 and a free
 * port. Every call is a POST with {@code X-Amz-Target: <prefix>.<Operation>} and a JSON object body
 * (at most 1 MiB); the answer is JSON, an error is HTTP 400 with {@code __type} and {@code message}
 * (and the {@code x-amzn-ErrorType} header), as the services answer the SDK. With a {@link LocalIam}
 * to enforce (ADR 0013) a subclass asks {@link #denial} before it acts.
 */
abstract class AwsJsonStub implements AutoCloseable {
    static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final int MAX_BODY = 1024 * 1024;

    private final String service;
    private final String targetPrefix;
    private final String invalidRequestType;
    private final HttpServer server;
    private final ExecutorService executor;
    /** Checks every call against the caller's policy; null: everyone is allowed. */
    private volatile LocalIam iam;

    /**
     * A call refused or failed: the service's error type (its {@code __type}) and message.
     */
    static class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;
        private final String serviceMessage;

        Failure(String type, String message) {
            super(type + ": " + message);
            this.type = type;
            this.serviceMessage = message;
        }

        public String type() {
            return type;
        }

        String serviceMessage() {
            return serviceMessage;
        }
    }

    /**
     * @param service            how the stub names itself ("the local KMS"), in thread names too
     * @param targetPrefix       the operations' target prefix without the dot ({@code TrentService})
     * @param invalidRequestType the service's error type for a malformed request
     */
    AwsJsonStub(String service, String threadName, String targetPrefix, String invalidRequestType) throws IOException {
        this.service = service;
        this.targetPrefix = targetPrefix + ".";
        this.invalidRequestType = invalidRequestType;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.executor = Executors.newCachedThreadPool(Threads.daemon(threadName));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The answer to one operation: the JSON to send back, or a {@link Failure}. */
    abstract ObjectNode call(String operation, JsonNode request, String authorization);

    /** http://127.0.0.1:PORT, the value of the functions' AWS_ENDPOINT_URL_* variable. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Enforces the functions' policies from now on (null: no checks). */
    void enforce(LocalIam iam) {
        this.iam = iam;
    }

    /**
     * Refuses the call with AccessDeniedException when the caller's policy does not allow
     * {@code action} on {@code resource}; nothing when no policy is enforced.
     */
    void authorize(String authorization, String action, String resource) {
        LocalIam checks = iam;
        if (checks != null) {
            String denial = checks.denial(authorization, action, resource);
            if (denial != null) {
                throw new Failure("AccessDeniedException", denial);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = HttpExchanges.readBody(exchange, MAX_BODY);
            ObjectNode response;
            try {
                if (!"POST".equals(exchange.getRequestMethod()) || target == null) {
                    throw new Failure(invalidRequestType, "expected a POST with an X-Amz-Target header");
                }
                if (body == null) {
                    throw new Failure(invalidRequestType, "the request body is over 1 MiB");
                }
                JsonNode request;
                try {
                    request = Json.parse(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
                } catch (IllegalArgumentException e) {
                    throw new Failure("SerializationException", "the request body is not JSON");
                }
                if (!request.isObject()) {
                    throw new Failure("SerializationException", "the request body is not a JSON object");
                }
                if (!target.startsWith(targetPrefix)) {
                    throw new Failure("UnknownOperationException", service + " does not know " + target);
                }
                response = call(target.substring(targetPrefix.length()), request,
                        exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (Failure e) {
                error(exchange, e.type(), e.serviceMessage());
                return;
            }
            HttpExchanges.send(exchange, 200, JSON_1_1, Json.bytes(response));
        }
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        ObjectNode error = Json.object();
        error.put("__type", type);
        error.put("message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        HttpExchanges.send(exchange, 400, JSON_1_1, Json.bytes(error));
    }
}
