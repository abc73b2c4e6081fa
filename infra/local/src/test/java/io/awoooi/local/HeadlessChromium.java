package io.awoooi.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium}) driven over the Chrome DevTools Protocol with the
 * JDK's WebSocket client: no WebDriver, no browser driver binary, no extra jar. One page, one
 * command at a time, a timeout on every wait. {@link #close()} ends the browser's process tree and
 * deletes its throw-away profile.
 *
 * <p>The pages under test forbid scripts (CSP {@code default-src 'none'}); that binds the page, not
 * DevTools: {@code Runtime.evaluate} still reads the DOM, and clicks are real mouse events
 * ({@code Input.dispatchMouseEvent}) at the element's centre, as a user's would be.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Names another Chromium or Chrome binary than {@code chromium} on the PATH. */
    static final String EXECUTABLE_VARIABLE = "AWOOOI_CHROMIUM";
    /** The longest any single wait (start, command, page load, condition) may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int OUTPUT_LINES_KEPT = 40;

    private final Process process;
    private final Path profile;
    private final Deque<String> output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, Queue<CompletableFuture<JsonNode>>> eventWaiters = new ConcurrentHashMap<>();
    /** Ends the browser if the JVM exits without {@link #close()} (a killed test run, a forgotten close). */
    private final Thread shutdownHook;
    private WebSocket socket;

    private HeadlessChromium(Process process, Path profile, Deque<String> output) {
        this.process = process;
        this.profile = profile;
        this.output = output;
        this.shutdownHook = new Thread(() -> {
            Processes.destroyTree(process, Duration.ZERO);
            deleteTree(profile);
        }, "chromium-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the browser on about:blank and attaches to its page.
     *
     * @throws IllegalStateException when no Chromium is installed (the message says how to install
     *     it) or the browser does not come up within {@link #TIMEOUT}
     */
    static HeadlessChromium launch() throws IOException, InterruptedException {
        Path executable = executable(System.getenv(EXECUTABLE_VARIABLE), System.getenv("PATH"));
        Path profile = Files.createTempDirectory("awoooi-chromium-");
        Deque<String> output = new ArrayDeque<>();
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(),
                    "--headless=new",
                    "--remote-debugging-port=0", // a free port, written to DevToolsActivePort
                    "--user-data-dir=" + profile,
                    "--no-sandbox", // CI runs as root in a container, where the sandbox cannot start
                    "--disable-gpu",
                    "--disable-dev-shm-usage", // containers often have a tiny /dev/shm
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--disable-background-networking",
                    "--disable-extensions",
                    "about:blank")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            deleteTree(profile);
            throw new IllegalStateException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        Processes.pump(process.getInputStream(), "chromium-output", line -> {
            synchronized (output) {
                if (output.size() == OUTPUT_LINES_KEPT) {
                    output.removeFirst();
                }
                output.addLast(line);
            }
        });
        HeadlessChromium browser = new HeadlessChromium(process, profile, output);
        try {
            browser.attach();
            return browser;
        } catch (IOException | InterruptedException | RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /**
     * The browser binary: {@code configured} (the {@value #EXECUTABLE_VARIABLE} variable) when set,
     * else {@code chromium} on {@code path}.
     *
     * @throws IllegalStateException naming the install command when there is none
     */
    static Path executable(String configured, String path) {
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured);
            if (!Files.isExecutable(file)) {
                throw new IllegalStateException(EXECUTABLE_VARIABLE + "=" + configured + " is not an executable file");
            }
            return file;
        }
        return Stream.of((path == null ? "" : path).split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("Chromium is not installed (no 'chromium' on the PATH), and the"
                                + " browser test of the approval page needs it: apt-get install chromium (.ci/run installs it in CI),"
                                + " or set " + EXECUTABLE_VARIABLE + " to a Chromium or Chrome binary"));
    }

    /** Opens {@code url} and waits for its load event. */
    void navigate(URI url) throws IOException, InterruptedException {
        CompletableFuture<JsonNode> loaded = nextEvent("Page.loadEventFired");
        JsonNode result = send("Page.navigate", Json.object().put("url", url.toString()));
        String error = result.path("errorText").asText("");
        if (!error.isEmpty()) {
            // the path only: the query may hold a link's token
            throw new IllegalStateException("Chromium could not open " + url.getPath() + ": " + error);
        }
        await(loaded, "the load of " + url.getPath());
    }

    /**
     * Clicks the element's centre with the mouse (scrolled into view first) and waits for the page
     * the click leads to, e.g. a form's answer.
     */
    void clickAndAwaitPage(String selector) throws IOException, InterruptedException {
        JsonNode centre = evaluate("(() => { const e = document.querySelector(" + jsString(selector) + ");"
                + " if (!e) { return null; } e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        if (!centre.isObject()) {
            throw new IllegalStateException("no element " + selector + " to click on " + location().getPath());
        }
        CompletableFuture<JsonNode> loaded = nextEvent("Page.loadEventFired");
        double x = centre.path("x").asDouble();
        double y = centre.path("y").asDouble();
        send("Input.dispatchMouseEvent", Json.object().put("type", "mouseMoved").put("x", x).put("y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", Json.object().put("type", type).put("x", x).put("y", y)
                    .put("button", "left").put("clickCount", 1));
        }
        await(loaded, "the page after clicking " + selector);
    }

    /**
     * Emulates a screen {@code width} CSS pixels wide (a phone at 390 with {@code mobile}: its
     * viewport meta tag applies), until the next call; the current page is laid out again.
     */
    void viewport(int width, int height, boolean mobile) throws IOException, InterruptedException {
        send("Emulation.setDeviceMetricsOverride", Json.object().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** Whether the page is wider than the window (the reader would have to scroll sideways). */
    boolean overflowsSideways() throws IOException, InterruptedException {
        return evaluate("document.documentElement.scrollWidth > window.innerWidth"
                + " || document.body.scrollWidth > window.innerWidth").asBoolean();
    }

    /** The top of the first element matching {@code selector} in page coordinates, or -1 when there is none. */
    double top(String selector) throws IOException, InterruptedException {
        return evaluate("(() => { const e = document.querySelector(" + jsString(selector) + ");"
                + " return e ? e.getBoundingClientRect().top + window.scrollY : -1; })()").asDouble();
    }

    /** The value of a JavaScript expression evaluated in the page (JSON null when undefined). */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        JsonNode result = send("Runtime.evaluate", Json.object().put("expression", expression)
                .put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the expression threw in the page: "
                    + result.path("exceptionDetails").path("exception").path("description")
                            .asText(result.path("exceptionDetails").path("text").asText()));
        }
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() ? Json.MAPPER.nullNode() : value;
    }

    /** The value of a JavaScript expression whose promise is awaited in the page (JSON null when undefined). */
    JsonNode evaluateAwaited(String expression) throws IOException, InterruptedException {
        JsonNode result = send("Runtime.evaluate", Json.object().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the expression threw in the page: "
                    + result.path("exceptionDetails").path("exception").path("description")
                            .asText(result.path("exceptionDetails").path("text").asText()));
        }
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() ? Json.MAPPER.nullNode() : value;
    }

    /** Presses and releases Tab (with Shift when {@code back}), as a keyboard user moves the focus. */
    void pressTab(boolean back) throws IOException, InterruptedException {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            send("Input.dispatchKeyEvent", Json.object().put("type", type).put("key", "Tab").put("code", "Tab")
                    .put("windowsVirtualKeyCode", 9).put("nativeVirtualKeyCode", 9).put("modifiers", back ? 8 : 0));
        }
    }

    /**
     * Runs axe-core (from the repository's node_modules, installed from the lockfile: never from the
     * network) on the page and answers its violations of the given impacts, each as
     * {@code rule (impact): help — targets}.
     */
    List<String> axeViolations(java.nio.file.Path axeSource, java.util.Set<String> impacts)
            throws IOException, InterruptedException {
        if (!evaluate("typeof window.axe === 'object'").asBoolean()) {
            evaluate(Files.readString(axeSource));
        }
        JsonNode violations = evaluateAwaited("axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                + " targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))");
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode v : violations) {
            if (impacts.contains(v.path("impact").asText())) {
                out.add(v.path("id").asText() + " (" + v.path("impact").asText() + "): " + v.path("help").asText()
                        + " — "
                        + v.path("targets"));
            }
        }
        return out;
    }

    /** The text of the first element matching {@code selector} as rendered, if there is one. */
    Optional<String> text(String selector) throws IOException, InterruptedException {
        JsonNode text = evaluate("(() => { const e = document.querySelector(" + jsString(selector) + ");"
                + " return e ? e.innerText : null; })()");
        return text.isTextual() ? Optional.of(text.asText()) : Optional.empty();
    }

    /** What a reader sees of the page: {@code document.body.innerText}. */
    String bodyText() throws IOException, InterruptedException {
        return evaluate("document.body ? document.body.innerText : ''").asText();
    }

    /** The page's markup as the browser holds it. */
    String html() throws IOException, InterruptedException {
        return evaluate("document.documentElement.outerHTML").asText();
    }

    /** The page's address. */
    URI location() throws IOException, InterruptedException {
        return URI.create(evaluate("location.href").asText());
    }

    /** The HTTP status the page came with (Navigation Timing's responseStatus). */
    int responseStatus() throws IOException, InterruptedException {
        return evaluate("performance.getEntriesByType('navigation')[0].responseStatus").asInt();
    }

    /** The browser's last lines of output (for failure messages). */
    String outputTail() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Ends the browser and every process it started, then deletes its profile. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook ends the browser
        }
        if (socket != null) {
            socket.abort();
        }
        Processes.destroyTree(process, Duration.ofSeconds(5));
        deleteTree(profile);
        RuntimeException closed = new IllegalStateException("the browser is closed");
        replies.values().forEach(reply -> reply.completeExceptionally(closed));
    }

    // ------------------------------------------------------------------ DevTools plumbing

    private void attach() throws IOException, InterruptedException {
        int port = devToolsPort();
        URI page = pageTarget(port);
        try {
            socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(page, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the DevTools WebSocket of Chromium's page: " + e, e);
        }
        send("Page.enable", Json.object());
    }

    /** Chromium writes the port it picked and the browser's WebSocket path to DevToolsActivePort. */
    private int devToolsPort() throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + " before it listened:\n"
                        + outputTail());
            }
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 2 && lines.get(0).matches("\\d+")) {
                    return Integer.parseInt(lines.get(0));
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Chromium did not write " + file.getFileName() + " within " + TIMEOUT + ":\n"
                + outputTail());
    }

    /** The WebSocket of the browser's one page tab (about:blank), from /json/list. */
    private URI pageTarget(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = http
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (list.statusCode() == 200) {
                for (JsonNode target : Json.parse(list.body())) {
                    if (target.path("type").asText().equals("page") && target.hasNonNull("webSocketDebuggerUrl")) {
                        return URI.create(target.path("webSocketDebuggerUrl").asText());
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Chromium lists no page target within " + TIMEOUT);
    }

    /** Sends one command and waits for its result; a protocol error becomes an exception. */
    private JsonNode send(String method, ObjectNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        ObjectNode command = Json.object().put("id", id).put("method", method);
        command.set("params", params);
        try {
            synchronized (this) { // one outgoing message at a time, as WebSocket.sendText requires
                socket.sendText(Json.text(command), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            JsonNode answer = await(reply, method);
            if (answer.has("error")) {
                throw new IllegalStateException(
                        "DevTools refused " + method + ": " + answer.path("error").path("message").asText());
            }
            return answer.path("result");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot send " + method + " to Chromium: " + e, e);
        } finally {
            replies.remove(id);
        }
    }

    /** A future of the next event {@code method}; register before the action that causes it. */
    private CompletableFuture<JsonNode> nextEvent(String method) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        eventWaiters.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).add(event);
        return event;
    }

    private JsonNode await(CompletableFuture<JsonNode> future, String what) throws InterruptedException {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new IllegalStateException("Chromium: no answer to " + what + " within " + TIMEOUT
                    + (process.isAlive() ? "" : " (the browser exited with " + process.exitValue() + ")"), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Chromium: " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private void received(String message) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(message);
        } catch (JsonProcessingException e) {
            return; // not the protocol; nothing waits for it
        }
        if (json.has("id")) {
            CompletableFuture<JsonNode> reply = replies.get(json.path("id").asInt());
            if (reply != null) {
                reply.complete(json);
            }
        } else if (json.has("method")) {
            Queue<CompletableFuture<JsonNode>> waiters = eventWaiters.get(json.path("method").asText());
            CompletableFuture<JsonNode> waiter;
            while (waiters != null && (waiter = waiters.poll()) != null) {
                if (waiter.complete(json.path("params"))) {
                    break; // one event for one waiter; a cancelled (timed out) one does not take it
                }
            }
        }
    }

    private void disconnected(Throwable cause) {
        replies.values().forEach(reply -> reply.completeExceptionally(cause));
        eventWaiters.values().forEach(waiters -> waiters.forEach(w -> w.completeExceptionally(cause)));
    }

    /** Collects a message's fragments and hands whole messages on. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String whole = message.toString();
                message.setLength(0);
                received(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            disconnected(new IllegalStateException("Chromium closed the DevTools connection (" + statusCode + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            disconnected(error);
        }
    }

    private static String jsString(String value) {
        return Json.text(value); // a JSON string is a JavaScript string literal
    }

    private static void deleteTree(Path root) {
        // the browser's last child processes may still write for a moment after they were signalled
        for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
            try (Stream<Path> files = Files.walk(root)) {
                List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
                for (Path file : all) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | UncheckedIOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
