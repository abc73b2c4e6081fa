package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP proxy in front of dynalite or ElasticMQ that asks {@link LocalIam} about every call
 * (ADR 0013): the action from {@code X-Amz-Target} (DynamoDB_20120810.Query, AmazonSQS.SendMessage;
 * SQS's query protocol's Action parameter too), the resource from the body (TableName and IndexName,
 * RequestItems and TransactItems; QueueUrl or QueueName). A denied call gets AWS's
 * AccessDeniedException (HTTP 400) and never reaches the server; every other call is passed on as
 * it is and its answer passed back as it is.
 */
final class IamProxy implements AutoCloseable {

    enum Service {
        DYNAMODB,
        SQS
    }

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "date");

    private final Service service;
    private final URI upstream;
    private final LocalIam iam;
    private final HttpClient client;
    private final ExecutorService executor;
    private int port;
    private HttpServer server;

    private IamProxy(Service service, URI upstream, LocalIam iam) {
        this.service = service;
        this.upstream = upstream;
        this.iam = iam;
        this.executor = Executors
                .newCachedThreadPool(Threads.daemon("iam-proxy-" + service.name().toLowerCase(Locale.ROOT)));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    }

    /** A running proxy on a free port of the loopback interface. */
    static IamProxy start(Service service, URI upstream, LocalIam iam) {
        IamProxy proxy = new IamProxy(service, upstream, iam);
        proxy.bind(0);
        return proxy;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** Stops listening (the port is refused, as the server behind it is when it is down). */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    synchronized void restart() {
        if (server == null) {
            bind(port);
        }
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }

    private synchronized void bind(int wanted) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 1024);
            s.setExecutor(executor);
            s.createContext("/", this::handle);
            s.start();
            server = s;
            port = s.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on 127.0.0.1:" + wanted + " for the " + service + " IAM proxy", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (iam.caller(authorization).isPresent()) {
                String denial = denial(exchange, authorization, body);
                if (denial != null) {
                    deny(exchange, denial);
                    return;
                }
            }
            forward(exchange, body);
        }
    }

    private String denial(HttpExchange exchange, String authorization, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode request;
        try {
            request = body.length == 0 ? Json.object() : Json.parse(body);
        } catch (IllegalArgumentException e) {
            request = null;
        }
        return switch (service) {
            case DYNAMODB -> {
                if (target == null || request == null) {
                    yield iam.denial(authorization, "dynamodb:*", "*");
                }
                String action = target.substring(target.indexOf('.') + 1);
                yield dynamoDenial(authorization, action, request);
            }
            case SQS -> {
                String action;
                String queueUrl;
                String queueName;
                if (target != null && request != null) {
                    action = target.substring(target.indexOf('.') + 1);
                    queueUrl = request.path("QueueUrl").asText(null);
                    queueName = request.path("QueueName").asText(null);
                } else {
                    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                    action = form.getOrDefault("Action", "");
                    queueUrl = form.get("QueueUrl");
                    queueName = form.get("QueueName");
                }
                String name = queueUrl != null ? queueUrl.substring(queueUrl.lastIndexOf('/') + 1) : queueName;
                String resource = name == null ? "*"
                        : "arn:aws:sqs:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":" + name;
                // the batch calls are authorized as their single forms
                String iamAction = "sqs:" + action.replaceFirst("Batch$", "");
                yield iam.denial(authorization, iamAction, resource);
            }
        };
    }

    private String dynamoDenial(String authorization, String action, JsonNode request) {
        switch (action) {
            case "BatchGetItem", "BatchWriteItem" -> {
                List<String> tables = new ArrayList<>();
                request.path("RequestItems").fieldNames().forEachRemaining(t -> tables.add(tableArn(t)));
                return iam.denial(authorization, "dynamodb:" + action, tables);
            }
            case "TransactWriteItems", "TransactGetItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = item.properties().iterator(); it.hasNext();) {
                        Map.Entry<String, JsonNode> part = it.next();
                        String single = switch (part.getKey()) {
                            case "Put" -> "PutItem";
                            case "Update" -> "UpdateItem";
                            case "Delete" -> "DeleteItem";
                            case "Get" -> "GetItem";
                            default -> part.getKey(); // ConditionCheck
                        };
                        String denial = iam.denial(authorization,
                                "dynamodb:" + (single.equals("ConditionCheck") ? "ConditionCheckItem" : single),
                                tableArn(part.getValue().path("TableName").asText("")));
                        if (denial != null) {
                            return denial;
                        }
                    }
                }
                return null;
            }
            default -> {
                String table = request.path("TableName").asText(null);
                if (table == null) {
                    return iam.denial(authorization, "dynamodb:" + action, "*");
                }
                String resource = tableArn(table);
                String index = request.path("IndexName").asText(null);
                if (index != null) {
                    resource += "/index/" + index;
                }
                return iam.denial(authorization, "dynamodb:" + action, resource);
            }
        }
    }

    private static String tableArn(String tableNameOrArn) {
        return tableNameOrArn.startsWith("arn:") ? tableNameOrArn
                : "arn:aws:dynamodb:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":table/" + tableNameOrArn;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void deny(HttpExchange exchange, String message) throws IOException {
        ObjectNode error = Json.object();
        String contentType;
        if (service == Service.DYNAMODB) {
            error.put("__type", "com.amazon.coral.service#AccessDeniedException");
            error.put("message", message);
            contentType = "application/x-amz-json-1.0";
        } else {
            // SQS's JSON protocol; the query-compatible code in x-amzn-query-error
            error.put("__type", "com.amazon.coral.service#AccessDeniedException");
            error.put("message", message);
            exchange.getResponseHeaders().set("x-amzn-query-error", "AccessDenied;Sender");
            contentType = "application/x-amz-json-1.0";
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        HttpExchanges.send(exchange, 400, contentType, Json.bytes(error));
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI target = upstream.resolve(exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            // the server behind is down: a 500 the SDK retries, as it would a refused connection
            HttpExchanges.send(exchange, 500, "application/x-amz-json-1.0",
                    ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\""
                            + service + " is not reachable\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] answer = response.body();
        boolean noBody = answer.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
        if (!noBody) {
            exchange.getResponseBody().write(answer);
        }
    }
}
