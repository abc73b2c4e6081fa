package io.awoooi.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) for one function process, on 127.0.0.1 and a free port.
 * The runtime long-polls {@code invocation/next}, which hands out the invocations of a shared queue
 * in order, one at a time, and posts each result to {@code invocation/ID/response} or
 * {@code /error}. Served by a thread pool so a long poll blocks nothing else.
 *
 * <p>The runtime interface client's native code crashes (SIGSEGV) on a {@code next} answer without
 * a Content-Type or with an empty optional header, so Content-Type is always sent and headers
 * without a value (client context, Cognito identity) are left out.
 */
final class RuntimeApiServer implements AutoCloseable {

    static final String BASE = "/2018-06-01/runtime";
    /** Lambda's limit of a synchronous response. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    /** What the function host learns from the runtime. */
    interface Listener {
        /** The runtime asked for work: its init is over. */
        void nextRequested();

        /** {@code invocation} is about to be handed to the runtime; returns its deadline (epoch ms). */
        long dispatching(Invocation invocation);

        /** The runtime reported the result of {@code invocation}. */
        void completed(Invocation invocation, InvocationResult result);

        /** The runtime failed to initialize (it exits next). */
        void initError(String errorType, String errorMessage);
    }

    private final String functionName;
    private final BlockingDeque<Invocation> queue;
    private final Listener listener;
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean closed;

    RuntimeApiServer(String functionName, BlockingDeque<Invocation> queue, Listener listener) throws IOException {
        this.functionName = functionName;
        this.queue = queue;
        this.listener = listener;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.executor = Executors.newCachedThreadPool(Threads.daemon("runtime-api-" + functionName));
        server.setExecutor(executor);
        server.createContext(BASE + "/", this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The invocations handed out and not answered yet. */
    List<Invocation> inFlight() {
        return new ArrayList<>(inFlight.values());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("/invocation/") && path.endsWith("/response")) {
                response(exchange, path.substring("/invocation/".length(), path.length() - "/response".length()));
            } else if (method.equals("POST") && path.startsWith("/invocation/") && path.endsWith("/error")) {
                error(exchange, path.substring("/invocation/".length(), path.length() - "/error".length()));
            } else if (method.equals("POST") && path.equals("/init/error")) {
                initError(exchange);
            } else {
                HttpExchanges.sendJson(exchange, 404,
                        "{\"errorMessage\":\"Not found\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        listener.nextRequested();
        Invocation invocation = null;
        try {
            while (!closed && invocation == null) {
                invocation = queue.pollFirst(200, TimeUnit.MILLISECONDS);
                if (invocation != null && invocation.isDone()) {
                    invocation = null; // failed while it waited (e.g. the stack is stopping)
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closed || invocation == null) {
            if (invocation != null) {
                queue.offerFirst(invocation); // for the next process of this function
            }
            HttpExchanges.sendJson(exchange, 500,
                    "{\"errorMessage\":\"runtime API closed\",\"errorType\":\"ServiceException\"}");
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        long deadline = listener.dispatching(invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn(functionName));
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        byte[] payload = invocation.payload();
        exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        }
    }

    private void response(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = HttpExchanges.readBody(exchange, MAX_RESPONSE_BYTES);
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            unknownRequest(exchange);
            return;
        }
        if (body == null) {
            listener.completed(invocation, InvocationResult.error("Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."));
            HttpExchanges.sendJson(exchange, 413,
                    "{\"errorMessage\":\"payload too large\",\"errorType\":\"RequestEntityTooLarge\"}");
            return;
        }
        listener.completed(invocation, InvocationResult.success(body));
        HttpExchanges.sendJson(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void error(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = HttpExchanges.readBody(exchange, MAX_RESPONSE_BYTES);
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            unknownRequest(exchange);
            return;
        }
        listener.completed(invocation, body == null
                ? InvocationResult.error("Function.ResponseSizeTooLarge", "error document too large")
                : InvocationResult.error(body));
        HttpExchanges.sendJson(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void initError(HttpExchange exchange) throws IOException {
        byte[] body = HttpExchanges.readBody(exchange, MAX_RESPONSE_BYTES);
        InvocationResult error = body == null
                ? InvocationResult.error("Runtime.InitError", "init error document too large")
                : InvocationResult.error(body);
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        listener.initError(error.errorType() != null ? error.errorType() : type, error.errorMessage());
        HttpExchanges.sendJson(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void unknownRequest(HttpExchange exchange) throws IOException {
        HttpExchanges.sendJson(exchange, 400,
                "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
    }

    static String functionArn(String functionName) {
        return "arn:aws:lambda:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":function:" + functionName;
    }

    /** An X-Ray trace header: Root=1-{epoch hex}-{96 random bits};Parent={64 bits};Sampled=0. */
    static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }
}
