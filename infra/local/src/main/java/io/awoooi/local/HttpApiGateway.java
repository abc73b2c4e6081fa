package io.awoooi.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP API of the template on 127.0.0.1: routes each request by its HttpApi events to a
 * function, as an API Gateway payload 2.0 event, and its result back to HTTP. Requests over
 * 10 MB get 413, unknown routes 404, and a function that threw 500 (all as HTTP APIs answer).
 * Failures below the handler get API Gateway's gateway codes: a function process that died or
 * could not start 502, a function that ran past its Timeout 504 (both with the HTTP API's
 * {@code {"message":"Internal Server Error"}}), and no result within the 30 s integration
 * timeout 503 {@code {"message":"Service Unavailable"}}, the function running on.
 *
 * <p>It listens with a backlog of {@value #BACKLOG}: the JDK server accepts one connection per
 * turn of its dispatcher thread, which a busy machine starves, and a burst of a few hundred
 * connections must wait in the kernel's queue rather than be dropped. Handler threads are not
 * limited (each request holds one while its function runs).
 */
final class HttpApiGateway implements AutoCloseable {

    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** API Gateway's longest wait for a Lambda integration. */
    static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** Connections the kernel queues for the gateway before it accepts them. */
    static final int BACKLOG = 1024;

    static {
        // The JDK server closes a finished keep-alive connection once 200 others are idle: a client that
        // pooled it may already be sending its next POST there, which then fails (POSTs are not retried).
        // JVM-wide, read when the first JDK HttpServer is made: the gateway is the stack's first one.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", Integer.toString(BACKLOG));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile RouteTable routes = new RouteTable(List.of());
    private final Duration integrationTimeout;
    private volatile Function<String, ? extends Integration> hosts = id -> null;
    private volatile Consumer<String> accessLog = line -> {
    };

    /** What a route invokes: a {@link FunctionHost}, or a stand-in in tests. */
    interface Integration {
        /** Invokes the function with {@code event}; the future ends with its result, whatever happens. */
        CompletableFuture<InvocationResult> invokeAsync(byte[] event);
    }

    private HttpApiGateway(HttpServer server, Duration integrationTimeout) {
        this.server = server;
        this.integrationTimeout = integrationTimeout;
        this.executor = Executors.newCachedThreadPool(Threads.daemon("http-api"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Takes the port now (0: a free one), so a port in use shows before anything else starts. */
    static HttpApiGateway bind(int port) throws IOException {
        return bind(port, INTEGRATION_TIMEOUT);
    }

    /** As {@link #bind(int)}, with another integration timeout than API Gateway's 30 s (tests). */
    static HttpApiGateway bind(int port, Duration integrationTimeout) throws IOException {
        try {
            return new HttpApiGateway(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG),
                    integrationTimeout);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        }
    }

    /**
     * Serves a local-only endpoint at {@code path} (e.g. /local/outbox) beside the template's routes,
     * before them for that path; it is never a route of the template.
     */
    void serveLocal(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Starts serving {@code routes}; {@code hosts} maps a route's function id to its host. */
    void start(RouteTable routes, Function<String, ? extends Integration> hosts, Consumer<String> accessLog) {
        this.routes = routes;
        this.hosts = hosts;
        this.accessLog = accessLog;
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long started = System.nanoTime();
            String requestId = requestId();
            exchange.getResponseHeaders().set("Apigw-Requestid", requestId);
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            Optional<RouteTable.Match> match = routes.find(method, rawPath);
            HttpApiResponse response;
            String target = "-";
            if (match.isEmpty()) {
                response = HttpApiResponse.message(404, "Not Found");
            } else {
                target = match.get().route().functionId();
                byte[] body = HttpExchanges.readBody(exchange, MAX_REQUEST_BYTES);
                if (body == null) {
                    response = HttpApiResponse.message(413, "Request Entity Too Large");
                } else {
                    response = invoke(exchange, match.get(), body, requestId);
                }
            }
            write(exchange, response);
            accessLog.accept(String.format("%s %s -> %s %d (%d ms)", method, rawPath, target, response.status(),
                    (System.nanoTime() - started) / 1_000_000));
        }
    }

    private HttpApiResponse invoke(HttpExchange exchange, RouteTable.Match match, byte[] body, String requestId) {
        Integration host = hosts.apply(match.route().functionId());
        if (host == null) {
            return HttpApiResponse.message(500, "Internal Server Error");
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        HttpApiEvent.Request request = new HttpApiEvent.Request(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), rawQuery == null ? "" : rawQuery, headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
        byte[] event = Json.bytes(HttpApiEvent.build(request, match, requestId, Instant.now()));
        try {
            return HttpApiResponse
                    .of(host.invokeAsync(event).get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return HttpApiResponse.message(503, "Service Unavailable"); // the function runs on, as behind API Gateway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpApiResponse.message(503, "Service Unavailable");
        } catch (ExecutionException e) {
            return HttpApiResponse.message(502, "Internal Server Error"); // no result at all: as a dead runtime
        }
    }

    private static void write(HttpExchange exchange, HttpApiResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** API Gateway's request ids look like "JKJaXmPLvHcESHA=". */
    private static String requestId() {
        byte[] bytes = new byte[10];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
