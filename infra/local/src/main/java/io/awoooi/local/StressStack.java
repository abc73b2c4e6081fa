package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.testing.RepoRoot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The stack of a stress run and what the run reads it with. It starts {@link LocalStack} on the
 * {@link StressTemplate} (short visibility timeouts, a short model timeout), with the functions
 * reaching SQS and the Kubernetes API through {@link FaultProxy fault proxies} and the analysis
 * narrating with {@code AWOOOI_LLM=ollama} against a {@link ModelStub}; function logs go to files in
 * the run's state folder, the stack's own lines to {@code stack.log} there.
 *
 * <p>Taps: every message a function sends to SQS, except to the raw-alerts queue (which carries the
 * raw notification by design, KMS-encrypted in AWS), is appended to {@code sqs-sent.jsonl} for the
 * leak scan; every change a function asks of the Kubernetes API (POST, PUT, PATCH, DELETE) is
 * recorded. Every answer of the HTTP API read through {@link #post}, {@link #get} and
 * {@link #follow} goes through the {@link #leaks() leak scan}.
 */
final class StressStack implements AutoCloseable {

    static final List<String> SOURCE_QUEUES = List.of("RawAlertsQueue", "IncidentsQueue", "ExecutionsQueue",
            "VerificationQueue");
    static final List<String> DEAD_LETTER_QUEUES = List.of("RawAlertsDLQ", "IncidentsDLQ", "ExecutionsDLQ",
            "VerificationDLQ");

    /** How to start the stack of a run. */
    static final class Options {
        Path stateDir;
        int visibilitySeconds = 20;
        int llmTimeoutMillis = 1_500;
        final Map<String, Integer> instances = new LinkedHashMap<>();

        Options(Path stateDir) {
            this.stateDir = stateDir;
        }

        Options visibilitySeconds(int seconds) {
            this.visibilitySeconds = seconds;
            return this;
        }

        Options instances(String function, int count) {
            instances.put(function, count);
            return this;
        }
    }

    /** An HTTP answer; {@code status} -1 when none came (the body then names the error's class). */
    record Answer(int status, String body) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    private final Options options;
    private final PrintStream stackLog;
    private final ModelStub model;
    private final LocalStack stack;
    private final LeakScan leaks = new LeakScan();
    private final HttpClient http;
    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(8, Threads.daemon("stress-http"));
    private final Path sqsSent;
    private final BufferedWriter sqsSentWriter;
    private final AtomicLong rawAlertsSends = new AtomicLong();
    private final AtomicLong sends = new AtomicLong();
    /** Distinct messages sent, by queue name: FIFO ones by deduplication id (SQS keeps one per id), others each. */
    private final Map<String, java.util.Set<String>> sent = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> kubernetesChanges = Collections.synchronizedList(new ArrayList<>());
    private volatile String rawAlertsQueueName = "\u0000none";

    private StressStack(Options options) throws IOException {
        this.options = options;
        Path state = options.stateDir.toAbsolutePath().normalize();
        Files.createDirectories(state);
        stackLog = new PrintStream(Files.newOutputStream(state.resolve("stack.log")), true, StandardCharsets.UTF_8);
        sqsSent = state.resolve("sqs-sent.jsonl");
        sqsSentWriter = Files.newBufferedWriter(sqsSent, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        model = ModelStub.start();
        Path template = StressTemplate.write(RepoRoot.template(), state.resolve("template.yaml"),
                options.visibilitySeconds,
                options.llmTimeoutMillis);
        LocalStack.Builder builder = LocalStack.builder().template(template).stateDir(state).apiPort(0)
                .functionLogs(LocalStack.FunctionLogs.FILES).console(stackLog)
                .environment(Map.of("AWOOOI_LLM", "ollama", "OLLAMA_BASE_URL", model.baseUrl().toString()))
                .faultProxies(this::sqsRequest, this::kubernetesRequest);
        options.instances.forEach(builder::instances);
        try {
            stack = builder.start();
        } catch (RuntimeException e) {
            model.close();
            stackLog.close();
            sqsSentWriter.close();
            throw e;
        }
        rawAlertsQueueName = stack.resources().queueName("RawAlertsQueue");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .executor(httpExecutor).build();
        for (String source : List.of("function logs", "stack log", "state table rows", "trust table rows",
                "queue messages sent", "queue messages held", "outbox", "intake answers", "incident API answers",
                "approval pages", "model prompts")) {
            leaks.declare(source);
        }
    }

    static StressStack start(Options options) {
        try {
            return new StressStack(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stress stack: " + e.getMessage(), e);
        }
    }

    LocalStack stack() {
        return stack;
    }

    ModelStub model() {
        return model;
    }

    FaultProxy sqsProxy() {
        return stack.sqsProxy().orElseThrow();
    }

    FaultProxy kubernetesProxy() {
        return stack.kubernetesProxy().orElseThrow();
    }

    LeakScan leaks() {
        return leaks;
    }

    Path stateDir() {
        return options.stateDir.toAbsolutePath().normalize();
    }

    Options options() {
        return options;
    }

    /**
     * Messages the functions sent to the raw-alerts queue: distinct deduplication ids (a FIFO queue keeps
     * one message per id within 5 minutes, so a send again of the same id, as intake's race handling may
     * do, is no second message).
     */
    long rawAlertsSent() {
        return sentToName(rawAlertsQueueName);
    }

    /** SendMessage calls to the raw-alerts queue (a repeated deduplication id counted each time). */
    long rawAlertsSends() {
        return rawAlertsSends.get();
    }

    /** Distinct messages the functions sent to the queue of this logical id. */
    long sentTo(String queueLogicalId) {
        return sentToName(stack.resources().queueName(queueLogicalId));
    }

    private long sentToName(String queueName) {
        return sent.getOrDefault(queueName, java.util.Set.of()).size();
    }

    /** Distinct messages the functions sent to any queue but raw-alerts (each send in sqs-sent.jsonl). */
    long messagesSent() {
        return sent.entrySet().stream().filter(e -> !e.getKey().equals(rawAlertsQueueName))
                .mapToLong(e -> e.getValue().size()).sum();
    }

    /** The changes the functions asked of the Kubernetes API, as "METHOD path", in order. */
    List<String> kubernetesChanges() {
        synchronized (kubernetesChanges) {
            return List.copyOf(kubernetesChanges);
        }
    }

    // ------------------------------------------------------------------ taps

    private void sqsRequest(String method, String target, Map<String, String> headers, byte[] body) {
        String action = headers.getOrDefault("x-amz-target", "");
        String text = new String(body, StandardCharsets.UTF_8);
        if (action.isEmpty() && text.startsWith("Action=")) { // the query protocol, should a client use it
            action = "AmazonSQS."
                    + URLDecoder.decode(text.substring(7, text.indexOf('&') < 0 ? text.length() : text.indexOf('&')),
                            StandardCharsets.UTF_8);
        }
        if (!action.startsWith("AmazonSQS.SendMessage")) {
            return;
        }
        String queue = "?";
        List<String> ids = new ArrayList<>();
        try {
            JsonNode request = Json.parse(body);
            String url = request.path("QueueUrl").asText("");
            queue = url.substring(url.lastIndexOf('/') + 1);
            for (JsonNode entry : request.has("Entries") ? request.path("Entries") : List.of(request)) {
                ids.add(entry.path("MessageDeduplicationId").asText("send-" + sends.incrementAndGet()));
            }
        } catch (IllegalArgumentException e) {
            ids.add("send-" + sends.incrementAndGet()); // not JSON: counted, never merged
        }
        sent.computeIfAbsent(queue, q -> java.util.concurrent.ConcurrentHashMap.newKeySet()).addAll(ids);
        if (queue.equals(rawAlertsQueueName)) {
            rawAlertsSends.addAndGet(ids.size());
            return;
        }
        synchronized (sqsSentWriter) {
            try {
                sqsSentWriter.write(text.replace('\n', ' ').replace('\r', ' '));
                sqsSentWriter.write('\n');
                sqsSentWriter.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a sent message", e);
            }
        }
    }

    private void kubernetesRequest(String method, String target, Map<String, String> headers, byte[] body) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return;
        }
        String change = method + " " + target;
        synchronized (kubernetesChanges) {
            if (kubernetesChanges.size() < 100_000) {
                kubernetesChanges.add(change);
            }
        }
        for (Hook hook : hooks) {
            if (hook.matches.test(change) && hooks.remove(hook)) {
                hook.action.run();
            }
        }
    }

    private record Hook(java.util.function.Predicate<String> matches, Runnable action) {
    }

    private final List<Hook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Runs {@code action} once, the first time a function's change request to the Kubernetes API
     * ("METHOD path") matches, right after the proxy forwarded it and before its answer reaches the
     * function (e.g. to kill the executor between its action and its record of it).
     */
    void onKubernetesChange(java.util.function.Predicate<String> matches, Runnable action) {
        hooks.add(new Hook(matches, action));
    }

    /** The changes a function asked of a workload: everything but the access reviews of the dry-run. */
    static boolean isAction(String change) {
        return !change.contains("/apis/authorization.k8s.io/");
    }

    // ------------------------------------------------------------------ HTTP

    /** POST {@code path} of the API with a bearer token and a JSON body; the answer goes through the leak scan. */
    Answer post(String path, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build(), path.startsWith("/v1/alerts") ? "intake answers" : "incident API answers",
                "POST " + path);
    }

    /** GET {@code path} of the API (a token or null); the answer goes through the leak scan. */
    Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                .timeout(Duration.ofSeconds(90)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String source = path.startsWith("/local/outbox") ? "outbox" : "incident API answers";
        return send(request.build(), source, "GET " + path.replaceAll("\\?.*", ""));
    }

    /** Follows an approval link as a browser would (GET the page, or POST a decision), asking for JSON. */
    Answer follow(String url, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                .header("Accept", form == null ? "text/html" : "application/json");
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return send(request.build(), "approval pages", (form == null ? "GET " : "POST ") + "/v1/approvals/...");
    }

    /**
     * The web console as an operator and as an approver see it: signs in with the operator token and
     * with the first demo approver's own console token, then every list and report page and up to
     * {@code maxIncidents} incident pages (for the approver: the cards with their decision forms) go
     * through the leak scan ("console pages").
     */
    void consolePages(int maxIncidents) {
        try {
            List<String> tokens = new ArrayList<>(List.of(stack.operatorToken()));
            stack.approverTokens().values().stream().findFirst().ifPresent(tokens::add);
            List<String> pages = new ArrayList<>(List.of("/console/incidents", "/console/approvals", "/console/trust",
                    "/console/finops", "/console/drift"));
            incidentList().stream().limit(maxIncidents)
                    .forEach(i -> pages.add("/console/incidents/" + i.path("id").asText()));
            for (String token : tokens) {
                HttpResponse<String> signIn = http.send(HttpRequest
                        .newBuilder(stack.apiUrl().resolve("/console/sign-in"))
                        .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token,
                                StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                String cookie = signIn.headers().firstValue("set-cookie").map(c -> c.substring(0, c.indexOf(';')))
                        .orElse("");
                for (String page : pages) {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(page))
                            .timeout(Duration.ofSeconds(90)).header("Cookie", cookie).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    leaks.text("console pages", "GET " + page.replaceAll("inc_[0-9a-z]+", "{id}"), answer.body());
                }
            }
        } catch (IOException e) {
            leaks.text("console pages", "sign-in", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts a decision the way the card's buttons do (the link's token as the form field t). */
    Answer decide(String link, String decision) {
        String token = URLDecoder.decode(link.substring(link.indexOf("?t=") + 3), StandardCharsets.UTF_8);
        return follow(link.substring(0, link.indexOf('?')),
                "decision=" + decision + "&t=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private Answer send(HttpRequest request, String leakSource, String where) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            leaks.text(leakSource, where, response.body());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /**
     * Posts a notification as Alertmanager does: a 5xx or no answer is retried every 2 s, until a
     * non-5xx answer or {@code max}; the answers are counted into {@code statuses}.
     */
    Answer postAsAlertmanager(byte[] body, Duration max, Map<Integer, Integer> statuses) {
        long deadline = System.nanoTime() + max.toNanos();
        Answer answer;
        do {
            answer = post("/v1/alerts", stack.intakeToken(), body);
            synchronized (statuses) {
                statuses.merge(answer.status(), 1, Integer::sum);
            }
            if (answer.status() >= 0 && answer.status() < 500) {
                return answer;
            }
            sleep(Duration.ofSeconds(2));
        } while (System.nanoTime() < deadline);
        return answer;
    }

    /** The approval links of an incident once each of {@code signers} has one, or whatever came within {@code max}. */
    Map<String, String> awaitLinks(String incidentId, List<String> signers, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        Map<String, String> links = approvalLinks(incidentId);
        while (!links.keySet().containsAll(signers) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            links = approvalLinks(incidentId);
        }
        return links;
    }

    /** Polls the incident until {@code ready} holds or {@code max} passed; the last reading (empty if none). */
    Optional<JsonNode> awaitIncident(String id, Duration max, java.util.function.Predicate<JsonNode> ready) {
        long deadline = System.nanoTime() + max.toNanos();
        Optional<JsonNode> last = incident(id);
        while (!(last.isPresent() && ready.test(last.get())) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            last = incident(id);
        }
        return last;
    }

    /** The incident as the operator reads it; empty when the API does not answer 200. */
    Optional<JsonNode> incident(String id) {
        Answer answer = get("/v1/incidents/" + id, stack.operatorToken());
        return answer.status() == 200 ? Optional.of(answer.json()) : Optional.empty();
    }

    /** Every incident of the list view, all pages. */
    List<JsonNode> incidentList() {
        List<JsonNode> all = new ArrayList<>();
        String next = null;
        for (int page = 0; page < 10_000; page++) {
            Answer answer = get("/v1/incidents?limit=100" + (next == null ? "" : "&nextToken="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8)), stack.operatorToken());
            if (answer.status() != 200) {
                throw new IllegalStateException("GET /v1/incidents answered " + answer.status());
            }
            JsonNode body = answer.json();
            body.path("incidents").forEach(all::add);
            next = body.path("nextToken").asText(null);
            if (next == null || next.isEmpty()) {
                break;
            }
        }
        return all;
    }

    /** The outbox's notifications (GET /local/outbox). */
    List<JsonNode> outbox() {
        Answer answer = get("/local/outbox", null);
        List<JsonNode> out = new ArrayList<>();
        if (answer.status() == 200) {
            answer.json().forEach(out::add);
        }
        return out;
    }

    /** The approval links the outbox holds for an incident, by recipient (the newest per recipient). */
    Map<String, String> approvalLinks(String incidentId) {
        Map<String, String> links = new java.util.TreeMap<>();
        for (JsonNode n : outbox()) {
            if (n.path("incidentId").asText().equals(incidentId) && n.path("kind").asText().equals("approval_requested")
                    && n.path("links").size() > 0) {
                links.put(n.path("recipient").asText(), n.path("links").path(0).path("url").asText());
            }
        }
        return links;
    }

    // ------------------------------------------------------------------ tables and queues

    /** Every row of a table of the template (by logical id), all pages. */
    List<Map<String, AttributeValue>> rows(String table) {
        String name = stack.resources().tableName(table);
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = stack.dynamo().scan(b -> b.tableName(name).exclusiveStartKey(from));
            rows.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rows;
    }

    /** How many rows a table holds (a COUNT scan, all pages). */
    long rowCount(String table) {
        String name = stack.resources().tableName(table);
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = stack.dynamo()
                    .scan(b -> b.tableName(name).select(Select.COUNT).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** All rows of every table but the vault. */
    long rowsOutsideTheVault() {
        return rowCount("StateTable") + rowCount("TrustTable");
    }

    /** A row as text: every attribute's name and value (strings, numbers, sets, lists and maps). */
    static String render(Map<String, AttributeValue> row) {
        StringBuilder sb = new StringBuilder();
        row.forEach((k, v) -> sb.append(k).append('=').append(render(v)).append(' '));
        return sb.toString();
    }

    private static String render(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        } else if (v.n() != null) {
            return v.n();
        } else if (v.hasSs()) {
            return String.join(",", v.ss());
        } else if (v.hasNs()) {
            return String.join(",", v.ns());
        } else if (v.hasM()) {
            StringBuilder sb = new StringBuilder("{");
            v.m().forEach((k, x) -> sb.append(k).append(':').append(render(x)).append(' '));
            return sb.append('}').toString();
        } else if (v.hasL()) {
            StringBuilder sb = new StringBuilder("[");
            v.l().forEach(x -> sb.append(render(x)).append(' '));
            return sb.append(']').toString();
        } else if (v.b() != null) {
            return new String(v.b().asByteArray(), StandardCharsets.ISO_8859_1);
        } else if (v.bool() != null) {
            return v.bool().toString();
        }
        return "";
    }

    /** Messages on a queue: visible, in flight and delayed. */
    int depth(String queue) {
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(
                stack.resources().queueUrl(queue)).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /**
     * Every message a queue holds, read without taking them: each is received (invisible for a minute
     * so that the next receive gets the others) and made visible again at once. For dead-letter queues
     * (no consumer) and quiet source queues.
     */
    List<Message> peek(String queue) {
        String url = stack.resources().queueUrl(queue);
        Map<String, Message> seen = new LinkedHashMap<>();
        List<Message> held = new ArrayList<>();
        for (int round = 0; round < 1_000; round++) {
            List<Message> batch = stack.sqs()
                    .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                            .visibilityTimeout(60).messageAttributeNames("All")
                            .messageSystemAttributeNamesWithStrings("All"))
                    .messages();
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> seen.putIfAbsent(m.messageId(), m));
            held.addAll(batch);
        }
        for (Message m : held) {
            try {
                stack.sqs().changeMessageVisibility(
                        b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            } catch (RuntimeException e) {
                // its visibility ends by itself a minute later
            }
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * Waits until the source queues hold nothing (visible, in flight or delayed) three looks in a row,
     * one look a second, at most {@code max}; progress every 15 s. False when the deadline came first.
     */
    boolean awaitQuiet(Duration max, Consumer<String> progress) {
        long deadline = System.nanoTime() + max.toNanos();
        long nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Integer> depths = new LinkedHashMap<>();
            SOURCE_QUEUES.forEach(q -> depths.put(q, depth(q)));
            quiet = depths.values().stream().allMatch(d -> d == 0) ? quiet + 1 : 0;
            if (quiet >= 3) {
                return true;
            }
            if (System.nanoTime() > nextReport) {
                Map<String, Integer> dlq = new LinkedHashMap<>();
                DEAD_LETTER_QUEUES.forEach(q -> dlq.put(q, depth(q)));
                progress.accept("waiting for the pipeline: queues " + depths + ", dead-letter queues " + dlq);
                nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            }
            sleep(Duration.ofSeconds(1));
        }
        return false;
    }

    /** The message attribute incidentId of each message of the dead-letter queues, by queue. */
    Map<String, List<Message>> deadLettered() {
        Map<String, List<Message>> out = new LinkedHashMap<>();
        for (String dlq : DEAD_LETTER_QUEUES) {
            out.put(dlq, peek(dlq));
        }
        return out;
    }

    static Optional<String> incidentIdOf(Message m) {
        var attribute = m.messageAttributes().get("incidentId");
        if (attribute != null && attribute.stringValue() != null) {
            return Optional.of(attribute.stringValue());
        }
        try {
            JsonNode body = Json.parse(m.body());
            return Optional.ofNullable(body.path("incidentId").asText(null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Where the function logs of this run are (FILES logs). */
    Path logDir() {
        return stateDir().resolve("logs");
    }

    /** Lines of a function's log files (its instances' included) that contain {@code needle}. */
    List<String> logLines(String function, String needle) {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(logDir())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(function)).sorted().toList()) {
                try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    lines.filter(l -> l.contains(needle)).forEach(out::add);
                } catch (UncheckedIOException e) {
                    // a line that is no UTF-8: read the file leniently
                    for (String l : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                        if (l.contains(needle)) {
                            out.add(l);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function logs in " + logDir(), e);
        }
        return out;
    }

    /**
     * Failures the queue consumers logged so far (each message returned for a retry or parked, by
     * its {@code failed} line) and batches the runtime saw fail as a whole (a crashed or timed-out
     * invocation).
     */
    long consumerFailures() {
        long logged = 0;
        for (String function : List.of("RedactionFunction", "AnalysisFunction", "ExecutorFunction")) {
            logged += logLines(function, " failed ").stream().filter(l -> l.contains(": message=")).count();
        }
        try (var lines = Files.lines(stateDir().resolve("stack.log"), StandardCharsets.UTF_8)) {
            return logged + lines.filter(l -> l.contains(" failed a batch of ")).count();
        } catch (IOException | UncheckedIOException e) {
            return logged;
        }
    }

    /**
     * Starts DynamoDB again after {@code stack().dynamoDown()}: up to three attempts (dynalite must
     * listen within 20 s, which a loaded machine sometimes misses; a failed attempt stops what it started).
     */
    void dynamoUp() {
        for (int attempt = 1;; attempt++) {
            try {
                stack.dynamoUp();
                return;
            } catch (IllegalStateException e) {
                stackLog.println(
                        "awoooi: stress: DynamoDB did not come back (attempt " + attempt + "): " + e.getMessage());
                if (attempt >= 3) {
                    throw e;
                }
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    /** Kills a function's JVM (SIGKILL, by its pid); the runtime starts a new one for the next invocation. */
    Optional<Long> kill(String function) {
        FunctionHost host = stack.host(function);
        var pid = host.pid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle.of(pid.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
        stackLog.println("awoooi: stress: killed " + host.spec().logicalId() + " (pid " + pid.getAsLong() + ")");
        return Optional.of(pid.getAsLong());
    }

    // ------------------------------------------------------------------ the leak scan of everything

    /**
     * Scans everything the stack shows or keeps outside the vault for the planted values: the function
     * logs and the stack's own log, the state and trust tables (AI trace prompts and responses, the
     * operation log, analyses, approvals included), every message the functions sent to a queue other
     * than raw-alerts and every message the queues still hold (raw-alerts and its dead-letter queue
     * excepted: they carry the raw notification by design), the outbox, the incident API (list and
     * every incident), up to {@code approvalPages} approval pages, and the prompts the model received.
     * Intake and incident API answers were scanned as they came.
     */
    LeakScan scanEverything(int approvalPages) {
        stackLog.flush();
        try (var files = Files.list(logDir())) {
            for (Path file : files.sorted().toList()) {
                leaks.lines("function logs", file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + logDir(), e);
        }
        leaks.lines("stack log", stateDir().resolve("stack.log"));
        for (Map<String, AttributeValue> row : rows("StateTable")) {
            leaks.text("state table rows", key(row), render(row));
        }
        for (Map<String, AttributeValue> row : rows("TrustTable")) {
            leaks.text("trust table rows", key(row), render(row));
        }
        synchronized (sqsSentWriter) {
            try {
                sqsSentWriter.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        leaks.lines("queue messages sent", sqsSent);
        for (String queue : stack.resources().queueUrls().keySet()) {
            if (queue.startsWith("RawAlerts")) {
                continue;
            }
            for (Message m : peek(queue)) {
                leaks.text("queue messages held", queue + " message " + m.messageId(),
                        m.body() + " " + m.messageAttributes());
            }
        }
        List<JsonNode> outbox = outbox(); // scanned as an answer
        for (JsonNode summary : incidentList()) {
            incident(summary.path("id").asText());
        }
        int pages = 0;
        for (JsonNode n : outbox) {
            if (pages >= approvalPages) {
                break;
            }
            if (n.path("links").size() > 0) {
                follow(n.path("links").path(0).path("url").asText(), null);
                pages++;
            }
        }
        consolePages(approvalPages);
        int prompt = 0;
        for (String body : model.prompts()) {
            leaks.text("model prompts", "request " + (++prompt), body);
        }
        return leaks;
    }

    private static String key(Map<String, AttributeValue> row) {
        AttributeValue pk = row.get("PK");
        AttributeValue sk = row.get("SK");
        String sort = sk == null || sk.s() == null ? "" : sk.s();
        // the sort key's kind only (ALERT#..., AUDIT#..., OP#...): a row's place, never its content
        return (pk == null || pk.s() == null ? "?" : pk.s().replaceAll("#.*", "#...")) + "/"
                + sort.replaceAll("#.*", "#...");
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            model.close();
            httpExecutor.shutdownNow();
            synchronized (sqsSentWriter) {
                try {
                    sqsSentWriter.close();
                } catch (IOException e) {
                    // the run is over
                }
            }
            stackLog.close();
        }
    }

    /** Discards output (for the parts of a run nobody reads). */
    static PrintStream nowhere() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
