package io.awoooi.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Ollama ({@code POST /api/chat}) that a stress run controls: the analysis runs with
 * {@code AWOOOI_LLM=ollama} against it. {@link Mode#OK} answers a valid narrative that recommends
 * restarting {@code shop/postgres-db-0} (the demo's fix: the diagnosis decides whether it stands);
 * {@link Mode#HANG} never answers (until the mode changes, at most 10 minutes); {@link Mode#ERROR_500}
 * answers 500; {@link Mode#GARBAGE} answers, in turn, a body that is no JSON, a chat answer in prose,
 * a narrative of the wrong types with a hostile action, and a cut-off answer. Every request body (the
 * prompt the analysis sent) is kept for the leak scan, up to {@value #KEEP_CHARS} characters in all.
 * Loopback only.
 */
final class ModelStub implements AutoCloseable {

    /** How the stub answers. */
    enum Mode {
        OK,
        HANG,
        ERROR_500,
        GARBAGE
    }

    static final int KEEP_CHARS = 64 * 1024 * 1024;
    private static final long MAX_HANG_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final Pattern LABEL = Pattern.compile("\\[[A-Z][A-Z_]*_\\d+\\]");
    private static final String[] GARBAGE = {
            "<html><body>502 Bad Gateway\u0000</body></html>",
            null, // a chat answer in prose
            null, // a narrative of the wrong types
            "{\"model\":\"llama3.1\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"summary\\\": \\\"cut"};

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Object modeLock = new Object();
    private final AtomicLong calls = new AtomicLong();
    private final Map<Mode, AtomicLong> answered = new EnumMap<>(Mode.class);
    private final List<String> prompts = new ArrayList<>();
    private long keptChars;
    private long droppedPrompts;
    private volatile Mode mode = Mode.OK;
    private volatile boolean closed;

    private ModelStub() throws IOException {
        for (Mode m : Mode.values()) {
            answered.put(m, new AtomicLong());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static ModelStub start() throws IOException {
        return new ModelStub();
    }

    /** What OLLAMA_BASE_URL names. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Mode mode() {
        return mode;
    }

    void mode(Mode next) {
        synchronized (modeLock) {
            mode = next;
        }
    }

    /** Chat requests received so far. */
    long calls() {
        return calls.get();
    }

    /** Chat requests answered (or left hanging) in each mode. */
    Map<Mode, Long> answered() {
        Map<Mode, Long> out = new EnumMap<>(Mode.class);
        answered.forEach((m, n) -> out.put(m, n.get()));
        return out;
    }

    /** The request bodies received (the prompts), oldest first. */
    synchronized List<String> prompts() {
        return List.copyOf(prompts);
    }

    /** Request bodies not kept because {@value #KEEP_CHARS} characters were kept already. */
    synchronized long droppedPrompts() {
        return droppedPrompts;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod())
                    || !exchange.getRequestURI().getPath().equals("/api/chat")) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            long n = calls.incrementAndGet();
            keep(body);
            Mode now = mode;
            answered.get(now).incrementAndGet();
            switch (now) {
                case OK -> send(exchange, 200, chat(narrative(body)));
                case ERROR_500 ->
                    send(exchange, 500, "{\"error\":\"model runner crashed (fault injected by the stress harness)\"}");
                case GARBAGE -> {
                    int kind = (int) (n % GARBAGE.length);
                    String answer = switch (kind) {
                        case 1 -> chat("The database looks down. I would restart everything, then drop the namespace.");
                        case 2 -> chat("{\"summary\": 42, \"hypotheses\": \"none\", \"recommended_action\": "
                                + "{\"id\": \"delete_namespace\", \"params\": {\"namespace\": \"$(rm -rf /)\"}}, \"confidence\": \"high\"}");
                        default -> GARBAGE[kind];
                    };
                    send(exchange, 200, answer);
                }
                case HANG -> {
                    long until = System.currentTimeMillis() + MAX_HANG_MILLIS;
                    // polls (a volatile read every 100 ms): a virtual thread that sleeps holds no carrier thread
                    while (mode == Mode.HANG && !closed && System.currentTimeMillis() < until) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    // the caller has given up long ago: the connection just closes
                }
            }
        }
    }

    private synchronized void keep(String body) {
        if (keptChars + body.length() > KEEP_CHARS) {
            droppedPrompts++;
            return;
        }
        keptChars += body.length();
        prompts.add(body);
    }

    /** A valid narrative; its summary names the first pseudonym of the prompt, as a model would. */
    private static String narrative(String request) {
        Matcher label = LABEL.matcher(request);
        String seen = label.find() ? label.group() : "the database";
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("summary", "shop/postgres-db crash-loops, so order-api fails; " + seen + " cannot reach it.");
        answer.putArray("hypotheses").add("postgres-db-0 crash-loops after a restart of its node");
        ObjectNode action = answer.putObject("recommended_action");
        action.put("id", "restart_pod");
        action.putObject("params").put("namespace", "shop").put("pod", "postgres-db-0");
        answer.put("confidence", 0.7);
        return answer.toString();
    }

    /** An Ollama {@code /api/chat} (non-streaming) answer whose message content is {@code content}. */
    private static String chat(String content) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", "llama3.1");
        root.put("created_at", "2026-11-25T10:00:00.000Z");
        root.putObject("message").put("role", "assistant").put("content", content);
        root.put("done", true);
        root.put("done_reason", "stop");
        root.put("total_duration", 123_456_789L);
        root.put("prompt_eval_count", 900);
        root.put("eval_count", 120);
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
