package io.awoooi.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control API of a running stack, on 127.0.0.1 and a free port (recorded in stack.json):
 * <ul>
 *   <li>{@code POST /invoke/FUNCTION} with an event (or nothing: a Scheduled Event for a Schedule
 *       function, else {}) answers the function's raw response; a function error comes with the
 *       header X-Amz-Function-Error, as from Lambda's Invoke API;</li>
 *   <li>{@code POST /fault/dynamodb/down} and {@code /up} stop and start the DynamoDB server;</li>
 *   <li>{@code POST /redrive/QUEUE} moves a dead-letter queue's messages back to its source queue
 *       and answers {@code {"from", "to", "moved"}}; {@code GET /redrive} lists the dead-letter queues;</li>
 *   <li>{@code GET /status} lists the functions and whether DynamoDB runs;</li>
 *   <li>{@code GET /api/v1/incidents...} and {@code POST /api/v1/alerts} forward to the stack's HTTP
 *       API with the operator's or the intake's token, so ./awoooi incidents|incident|alert need no
 *       token of their own (the tokens stay in this process, as stack.json holds none).</li>
 * </ul>
 */
final class ControlServer implements AutoCloseable {

    private final LocalStack stack;
    private final HttpServer server;
    private final ExecutorService executor;

    ControlServer(LocalStack stack) throws IOException {
        this.stack = stack;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.executor = Executors.newCachedThreadPool(Threads.daemon("control"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                message(exchange, 500, e.getMessage());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && path.startsWith("/invoke/")) {
            invoke(exchange, path.substring("/invoke/".length()));
        } else if (method.equals("POST") && path.equals("/fault/dynamodb/down")) {
            stack.dynamoDown();
            HttpExchanges.sendJson(exchange, 200, "{\"dynamodb\":\"down\"}");
        } else if (method.equals("POST") && path.equals("/fault/dynamodb/up")) {
            stack.dynamoUp();
            HttpExchanges.sendJson(exchange, 200, "{\"dynamodb\":\"up\"}");
        } else if (method.equals("POST") && path.startsWith("/redrive/")) {
            redrive(exchange, path.substring("/redrive/".length()));
        } else if (method.equals("GET") && path.equals("/redrive")) {
            ObjectNode queues = Json.object();
            stack.deadLetterQueues().forEach(queues.putArray("deadLetterQueues")::add);
            HttpExchanges.sendJson(exchange, 200, Json.text(queues));
        } else if ((method.equals("GET") && path.startsWith("/api/v1/incidents"))
                || (method.equals("POST") && path.equals("/api/v1/alerts"))) {
            api(exchange, method, path.substring("/api".length()));
        } else if (method.equals("GET") && path.equals("/status")) {
            ObjectNode status = Json.object();
            status.put("dynamodb", stack.dynamoRunning() ? "up" : "down");
            stack.functionIds().forEach(status.putArray("functions")::add);
            HttpExchanges.sendJson(exchange, 200, Json.text(status));
        } else {
            message(exchange, 404, "unknown control request " + method + " " + path
                    + " (POST /invoke/FUNCTION, POST /fault/dynamodb/down|up, POST /redrive/QUEUE, GET /redrive, GET /status,"
                    + " GET /api/v1/incidents[/ID], POST /api/v1/alerts)");
        }
    }

    private void invoke(HttpExchange exchange, String name) throws IOException {
        String function;
        try {
            function = stack.resolveFunction(name);
        } catch (IllegalArgumentException e) {
            message(exchange, 404, e.getMessage());
            return;
        }
        byte[] event = HttpExchanges.readBody(exchange);
        if (event.length == 0) {
            event = stack.defaultEvent(function);
        }
        InvocationResult result = stack.invoke(function, event);
        exchange.getResponseHeaders().set("X-Awoooi-Function", function);
        if (!result.succeeded()) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            exchange.getResponseHeaders().set("X-Awoooi-Result", result.kind().name());
        }
        HttpExchanges.send(exchange, 200, "application/json", result.payload());
    }

    private void redrive(HttpExchange exchange, String queue) throws IOException {
        QueueRedrive.Pair pair;
        try {
            pair = stack.queueRedrive().resolve(queue);
        } catch (IllegalArgumentException e) {
            message(exchange, 404, e.getMessage());
            return;
        }
        int moved = stack.redrive(pair.deadLetterQueue());
        ObjectNode body = Json.object();
        body.put("from", pair.deadLetterQueue());
        body.put("to", pair.sourceQueue());
        body.put("moved", moved);
        HttpExchanges.sendJson(exchange, 200, Json.text(body));
    }

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    /** Forwards to the stack's API (the query kept) with the token the route needs; answers what it answered. */
    private void api(HttpExchange exchange, String method, String path) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        java.net.URI target = stack.apiUrl().resolve(path + (query == null ? "" : "?" + query));
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(target)
                .timeout(java.time.Duration.ofSeconds(60));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").header("Authorization", "Bearer " + stack.intakeToken())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(HttpExchanges.readBody(exchange)));
        } else {
            request.header("Authorization", "Bearer " + stack.operatorToken()).GET();
        }
        java.net.http.HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            message(exchange, 503, "interrupted");
            return;
        }
        HttpExchanges.send(exchange, answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse("application/json"), answer.body());
    }

    private static void message(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode body = Json.object();
        body.put("message", message);
        HttpExchanges.sendJson(exchange, status, Json.text(body));
    }
}
