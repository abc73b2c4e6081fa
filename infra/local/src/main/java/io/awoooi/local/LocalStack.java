package io.awoooi.local;

import io.awoooi.testing.LocalDynamo;
import io.awoooi.testing.LocalResources;
import io.awoooi.testing.LocalSqs;
import io.awoooi.testing.Provisioner;
import io.awoooi.testing.RepoRoot;
import io.awoooi.testing.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole template running on this machine: dynalite and ElasticMQ with the template's tables
 * and queues, the Secrets Manager and KMS stubs, one JVM per function, the HTTP API, the SQS event
 * sources and the schedules (and, for {@code ./awoooi up}, the control server and stack.json).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().stateDir(tempDir).start()) {
 *   HttpResponse<String> r = post(stack.apiUrl().resolve("/v1/alerts"), stack.intakeToken(), body);
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";

    /** Where the functions' output goes (it is always kept in memory too). */
    public enum FunctionLogs {
        CONSOLE,
        FILES,
        MEMORY
    }

    private final Builder settings;
    private final Consumer<String> status;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, FunctionHost> hosts = new LinkedHashMap<>();
    /** Further instances of a function (Builder.instances), beside its host in {@link #hosts}. */
    private final Map<String, List<FunctionHost>> extraHosts = new LinkedHashMap<>();
    private final List<SqsEventSource> sqsSources = new ArrayList<>();
    private SamTemplate template;
    private HttpApiGateway gateway;
    private LocalDynamo dynamo;
    private LocalSqs sqs;
    private LocalResources resources;
    private SecretsManagerStub secrets;
    private LocalCluster cluster;
    private KmsStub kms;
    private SsmStub ssm;
    private LocalIam iam;
    private IamProxy dynamoProxy;
    private IamProxy sqsIamProxy;
    private ScheduleSource schedules;
    private ControlServer control;
    private QueueRedrive redrive;
    private FaultProxy sqsProxy;
    private FaultProxy kubernetesProxy;
    private final Outbox outbox = new Outbox();
    private boolean closed;

    private LocalStack(Builder settings) {
        this.settings = settings;
        this.status = line -> settings.console.println("awoooi: " + line);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ what tests and the CLI use

    /** http://127.0.0.1:PORT of the HTTP API. */
    public URI apiUrl() {
        return gateway.url();
    }

    /** The bearer token of POST /v1/alerts (AWOOOI_INTAKE_TOKEN or a random one). */
    public String intakeToken() {
        return tokenFromEnv("AWOOOI_INTAKE_TOKEN");
    }

    /** The bearer token of the incident API (AWOOOI_OPERATOR_TOKEN or a random one). */
    public String operatorToken() {
        return tokenFromEnv("AWOOOI_OPERATOR_TOKEN");
    }

    /** The bearer token of the demo's outside agent on POST /mcp (AWOOOI_AGENT_TOKEN or a random one). */
    public String agentToken() {
        return tokenFromEnv("AWOOOI_AGENT_TOKEN");
    }

    /** The value of a Secrets Manager secret of the template, by logical id. */
    public String secretValue(String logicalId) {
        return secrets.value(logicalId);
    }

    /**
     * The local KMS of the template's AWS::KMS::Key resources (AWS_ENDPOINT_URL_KMS of the
     * functions): {@code kms().decrypt(blob, context)} opens a CiphertextBlob a function stored,
     * {@code kms().endpoint()} is its URL, {@code kms().keyArn("QueueKey")} a key's ARN.
     */
    public KmsStub kms() {
        return kms;
    }

    /**
     * The local tokens for the ready line: for each secret with Metadata.AwoooiLocal.ValueFromEnv,
     * its variable's name without AWOOOI_, lower case, dashed (AWOOOI_INTAKE_TOKEN -> intake-token).
     */
    public Map<String, String> localTokens() {
        // only the bearer tokens a person needs (AWOOOI_*_TOKEN); keys such as the vault's hash key stay unprinted
        Map<String, String> tokens = new LinkedHashMap<>();
        SecretsManagerStub.valueFromEnv(template).forEach((id, variable) -> {
            if (variable.endsWith("_TOKEN")) {
                tokens.put(variable.replaceFirst("^AWOOOI_", "").toLowerCase(Locale.ROOT).replace('_', '-'),
                        secrets.value(id));
            }
        });
        return tokens;
    }

    /**
     * The approvers' own console tokens (approver id -> token) of the template's secret with
     * {@code Metadata.AwoooiLocal.TokensPerApproverOf}, in the directory's order; empty when there is none.
     */
    public Map<String, String> approverTokens() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : template.logicalIdsOfType(SecretsManagerStub.SECRET_TYPE)) {
            if (SecretsManagerStub.awoooiLocal(template, id, "TokensPerApproverOf").isPresent()) {
                try {
                    Json.MAPPER.readTree(secrets.value(id)).properties()
                            .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
                } catch (java.io.IOException | RuntimeException e) {
                    return Map.of(); // a value set by hand that is not a token document: the function refuses it too
                }
            }
        }
        return out;
    }

    /** One line telling how the demo approvers sign in to the console as themselves; empty when none can. */
    public String approverSignInHint() {
        Map<String, String> tokens = approverTokens();
        if (tokens.isEmpty()) {
            return "";
        }
        StringBuilder hint = new StringBuilder("awoooi approvers sign in to the console with their own token:");
        tokens.forEach((id, token) -> hint.append(' ').append(id).append('=').append(token));
        return hint.toString();
    }

    /**
     * Every notification the functions sent through their outbox channel (AWOOOI_LOCAL_OUTBOX_URL),
     * oldest first; also served at {@code GET /local/outbox} on the API port.
     */
    public Outbox outbox() {
        return outbox;
    }

    /** The logical ids of the template's functions, in template order. */
    public List<String> functionIds() {
        return List.copyOf(hosts.keySet());
    }

    /** The logical id of a function named by its logical id or short name (IntakeFunction or intake). */
    public String resolveFunction(String name) {
        for (FunctionHost host : hosts.values()) {
            FunctionSpec spec = host.spec();
            // finops-scan names FinOpsScanFunction (short name finopsscan): dashes are for people
            if (spec.logicalId().equals(name) || spec.logicalId().equalsIgnoreCase(name)
                    || spec.shortName().equalsIgnoreCase(name)
                    || spec.shortName().equalsIgnoreCase(name.replace("-", ""))) {
                return spec.logicalId();
            }
        }
        List<String> known = hosts.values().stream().map(h -> h.spec().logicalId() + " (" + h.spec().shortName() + ")")
                .toList();
        throw new IllegalArgumentException(
                "no function '" + name + "' in the template; there are: " + String.join(", ", known));
    }

    /** Invokes a function (logical id or short name) synchronously, as the Lambda Invoke API does. */
    public InvocationResult invoke(String function, byte[] event) {
        return host(function).invoke(event);
    }

    /** A Schedule function's Scheduled Event, for any other function {@code {}}. */
    public byte[] defaultEvent(String function) {
        List<ScheduleSource.Schedule> own = schedules.schedules().stream()
                .filter(s -> s.functionId().equals(resolveFunction(function))).toList();
        return own.isEmpty() ? "{}".getBytes(StandardCharsets.UTF_8) : own.get(0).event(Instant.now());
    }

    /** Everything the function printed (plus START/END/REPORT), oldest first. */
    public List<String> functionLog(String function) {
        return host(function).log().lines();
    }

    /** All functions' logs, one after the other. */
    public String allFunctionLogs() {
        StringBuilder all = new StringBuilder();
        hosts.values().forEach(h -> all.append(h.log().text()).append('\n'));
        extraHosts.values().forEach(list -> list.forEach(h -> all.append(h.log().text()).append('\n')));
        return all.toString();
    }

    /** Stops the DynamoDB server (the data stays): the functions see connection errors. */
    public void dynamoDown() {
        if (dynamoProxy != null) {
            dynamoProxy.stop(); // the functions' endpoint refuses connections, as dynalite's own does
        }
        dynamo.stop();
        status.accept("DynamoDB is down (fault injected)");
    }

    /** Starts the DynamoDB server again on the same port, with the same data. */
    public void dynamoUp() {
        dynamo.start();
        if (dynamoProxy != null) {
            dynamoProxy.restart();
        }
        status.accept("DynamoDB is up again on " + dynamo.endpoint());
    }

    public boolean dynamoRunning() {
        return dynamo.isRunning();
    }

    public DynamoDbClient dynamo() {
        return dynamo.client();
    }

    public SqsClient sqs() {
        return sqs.client();
    }

    /** A client of the local Kubernetes API server; empty when the stack uses KUBECONFIG's cluster. */
    public java.util.Optional<io.fabric8.kubernetes.client.KubernetesClient> kubernetes() {
        return java.util.Optional.ofNullable(cluster).map(LocalCluster::client);
    }

    /** Messages on a template queue, visible or in flight (ElasticMQ counts both exactly). */
    public int queueDepth(String logicalId) {
        var attributes = sqs.client().getQueueAttributes(b -> b.queueUrl(resources.queueUrl(logicalId))
                .attributeNames(
                        software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    public LocalResources resources() {
        return resources;
    }

    /**
     * Moves the messages of a dead-letter queue of the template back to the queue whose
     * RedrivePolicy names it ({@code ./awoooi redrive}); {@code queue} is the short name
     * (raw-alerts), or either logical id (RawAlertsDLQ, RawAlertsQueue). Returns how many moved;
     * IllegalArgumentException naming the dead-letter queues for an unknown name.
     */
    public int redrive(String queue) {
        QueueRedrive.Result result = redrive.redrive(queue);
        status.accept("moved " + result.moved() + " message(s) from " + result.pair().deadLetterQueue() + " back to "
                + result.pair().sourceQueue());
        return result.moved();
    }

    /** The template's dead-letter queues with their source queues, e.g. "raw-alerts (RawAlertsDLQ -> RawAlertsQueue)". */
    public List<String> deadLetterQueues() {
        return redrive.pairs().stream().map(QueueRedrive.Pair::toString).toList();
    }

    QueueRedrive queueRedrive() {
        return redrive;
    }

    public SamTemplate template() {
        return template;
    }

    /** The control server's port; IllegalStateException if the stack was started without one. */
    public int controlPort() {
        if (control == null) {
            throw new IllegalStateException("this stack has no control server (Builder.controlServer(true))");
        }
        return control.port();
    }

    URI secretsManagerEndpoint() {
        return secrets.endpoint();
    }

    /** The local SSM (GetParameter) of the template's AWS::SSM::Parameter resources. */
    URI ssmEndpoint() {
        return ssm.endpoint();
    }

    /** The local value of an SSM parameter of the template, by its name (what Ref gives) or ARN. */
    public String parameterValue(String nameOrArn) {
        return ssm.value(nameOrArn);
    }

    /** The functions' policies as the local endpoints evaluate them (ADR 0013). */
    public LocalIam iam() {
        return iam;
    }

    /** Whether the local endpoints enforce the functions' policies (Builder.enforceIam). */
    public boolean enforcesIam() {
        return settings.enforceIam;
    }

    /** The DynamoDB endpoint the functions use (the IAM proxy when enforced). */
    public URI functionDynamoEndpoint() {
        return dynamoProxy != null ? dynamoProxy.endpoint() : dynamo.endpoint();
    }

    /** The SQS endpoint the functions use (the fault proxy when there is one, else the IAM proxy when enforced). */
    public URI functionSqsEndpoint() {
        return sqsProxy != null ? sqsProxy.endpoint() : sqsIamProxy != null ? sqsIamProxy.endpoint() : sqs.endpoint();
    }

    URI kmsEndpoint() {
        return kms.endpoint();
    }

    LocalDynamo localDynamo() {
        return dynamo;
    }

    /**
     * With {@code Builder.faultProxies}: the proxy the functions reach SQS through (the stack's own
     * event sources and clients go straight to ElasticMQ); empty otherwise.
     */
    Optional<FaultProxy> sqsProxy() {
        return Optional.ofNullable(sqsProxy);
    }

    /** With {@code Builder.faultProxies} and the local cluster: the proxy the functions reach the Kubernetes API through. */
    Optional<FaultProxy> kubernetesProxy() {
        return Optional.ofNullable(kubernetesProxy);
    }

    FunctionHost host(String function) {
        return hosts.get(resolveFunction(function));
    }

    // ------------------------------------------------------------------ start and stop

    private void startAll() throws IOException {
        template = SamTemplate.load(settings.template);
        gateway = track(HttpApiGateway.bind(settings.apiPort));
        gateway.serveLocal(OutboxHandler.PATH, new OutboxHandler(outbox, status));
        Path dynamoDir = settings.stateDir.resolve("dynamodb");
        Path runDir = settings.stateDir.resolve("run");
        TaskRoot.deleteRecursively(dynamoDir);
        TaskRoot.deleteRecursively(runDir);
        Files.createDirectories(runDir);

        dynamo = track(LocalDynamo.start(0, dynamoDir));
        sqs = track(LocalSqs.start(0));
        resources = Provisioner.provision(template, dynamo.client(), sqs.client())
                .withParameterValues(FunctionLauncher.parameterOverrides(settings.environment));
        redrive = new QueueRedrive(sqs.client(), QueueRedrive.pairs(template, resources));
        status.accept("DynamoDB (dynalite) on " + dynamo.endpoint() + ", SQS (ElasticMQ) on " + sqs.endpoint()
                + ", tables " + resources.tables().keySet() + ", queues " + resources.queueUrls().keySet());

        List<FunctionSpec> functions = FunctionSpec.fromTemplate(template, resources);
        requireCode(functions);
        secrets = track(SecretsManagerStub.fromTemplate(template, resources, settings.environment));
        kms = track(KmsStub.fromTemplate(template, resources, settings.environment));
        if (!kms.keyLogicalIds().isEmpty()) {
            status.accept("KMS on " + kms.endpoint() + ", keys " + kms.keyLogicalIds());
        }
        ssm = track(SsmStub.fromTemplate(template, resources));
        if (!ssm.logicalIds().isEmpty()) {
            status.accept("SSM on " + ssm.endpoint() + ", parameters " + ssm.logicalIds());
        }
        iam = LocalIam.fromTemplate(template, resources);
        URI dynamoEndpoint = dynamo.endpoint();
        URI sqsEndpoint = sqs.endpoint();
        if (settings.enforceIam) {
            // each function signs with its own key; these endpoints check its calls against its policy (ADR 0013)
            dynamoProxy = track(IamProxy.start(IamProxy.Service.DYNAMODB, dynamo.endpoint(), iam));
            sqsIamProxy = track(IamProxy.start(IamProxy.Service.SQS, sqs.endpoint(), iam));
            dynamoEndpoint = dynamoProxy.endpoint();
            sqsEndpoint = sqsIamProxy.endpoint();
            secrets.enforce(iam);
            kms.enforce(iam);
            ssm.enforce(iam);
            status.accept("IAM enforced: each function has its own key, checked against its template policy by "
                    + "DynamoDB on " + dynamoEndpoint + ", SQS on " + sqsEndpoint + ", KMS, Secrets Manager and SSM");
        } else {
            status.accept("IAM not enforced (AWOOOI_LOCAL_IAM=off): every function is the administrator");
        }
        RuntimeInterfaceClient ric = RuntimeInterfaceClient.locate(runDir);
        if (settings.faultProxies) {
            // functions -> fault proxy -> (IAM proxy when enforced) -> ElasticMQ
            sqsProxy = track(FaultProxy.start("sqs", sqsEndpoint.getPort(), settings.sqsTap));
            sqsEndpoint = sqsProxy.endpoint();
            status.accept("the functions reach SQS through a fault proxy on " + sqsEndpoint);
        }
        Map<String, String> stackEnvironment = new java.util.LinkedHashMap<>(Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString(),
                "AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString(),
                "AWS_ENDPOINT_URL_KMS", kms.endpoint().toString()));
        stackEnvironment.put("AWS_ENDPOINT_URL_SSM", ssm.endpoint().toString());
        // the functions' outbox channel posts every notification here (never in the template: local only)
        stackEnvironment.put("AWOOOI_LOCAL_OUTBOX_URL", gateway.url().resolve(OutboxHandler.PATH).toString());
        // approval links point at this gateway, not at the template's execute-api URL
        stackEnvironment.put("PUBLIC_BASE_URL", gateway.url().toString());
        // the effectiveness check after an action: minutes in AWS, seconds on one machine
        stackEnvironment.put("VERIFICATION_DELAY_SECONDS", "3");
        // the analysis reads the topology at most every 2 s here (60 s in AWS): the demo changes the cluster
        stackEnvironment.put("TOPOLOGY_CACHE_SECONDS", "2");
        String kubeconfig = settings.environment.get("KUBECONFIG");
        if (kubeconfig != null && !kubeconfig.isBlank() && settings.clusterManifests == null) {
            stackEnvironment.put("KUBECONFIG", kubeconfig);
            status.accept("Kubernetes: the cluster of KUBECONFIG (no local API server)");
        } else {
            cluster = track(LocalCluster.start(settings.clusterManifests));
            stackEnvironment.putAll(cluster.functionEnvironment());
            if (settings.faultProxies) {
                kubernetesProxy = track(
                        FaultProxy.start("kubernetes", URI.create(cluster.url()).getPort(), settings.kubernetesTap));
                stackEnvironment.put("KUBERNETES_MASTER", kubernetesProxy.endpoint().toString());
                status.accept("the functions reach the Kubernetes API through a fault proxy on "
                        + kubernetesProxy.endpoint());
            }
            status.accept("Kubernetes API (fabric8 mock server, CRUD) on " + cluster.url() + ", " + cluster.objects()
                    + " objects from "
                    + (settings.clusterManifests == null ? "the demo topology" : settings.clusterManifests));
        }
        Map<String, String> callerEnvironment = new java.util.HashMap<>(settings.environment);
        startLocalPrometheus(runDir, callerEnvironment);
        FunctionLauncher launcher = new FunctionLauncher(ric, stackEnvironment, callerEnvironment, settings.enforceIam);
        for (FunctionSpec spec : functions) {
            hosts.put(spec.logicalId(),
                    track(new FunctionHost(spec, launcher, runDir, log(spec.logicalId()), settings.initTimeout)));
            int instances = settings.instancesOf(spec);
            for (int k = 2; k <= instances; k++) { // each in a folder of its own: a host unzips its code at its first start
                extraHosts.computeIfAbsent(spec.logicalId(), id -> new ArrayList<>())
                        .add(track(new FunctionHost(spec, launcher,
                                runDir.resolve("instance-" + k), log(spec.logicalId() + "-" + k),
                                settings.initTimeout)));
            }
            if (instances > 1) {
                status.accept(spec.logicalId() + ": " + instances + " instances (JVMs) side by side");
            }
        }
        List<ScheduleSource.Schedule> scheduleList = new ArrayList<>();
        functions.forEach(f -> scheduleList.addAll(ScheduleSource.of(f)));
        List<HttpRoute> routes = HttpRoute.of(functions);
        List<SqsEventSource.Mapping> mappings = SqsEventSource.Mapping.of(functions, template, resources);

        if (settings.eagerStart) {
            startFunctions();
        }
        gateway.start(new RouteTable(routes), this::integration, status);
        routes.forEach(r -> status.accept("route " + r.routeKey() + " -> " + r.functionId()));
        for (SqsEventSource.Mapping mapping : mappings) {
            for (FunctionHost instance : instances(mapping.functionId())) { // one poller per instance, as Lambda scales out
                SqsEventSource source = new SqsEventSource(mapping, sqs.client(), instance::invoke, status);
                sqsSources.add(source);
                source.start();
            }
            status.accept("SQS " + mapping.queueArn() + " -> " + mapping.functionId() + " (batch " + mapping.batchSize()
                    + ")");
        }
        schedules = track(new ScheduleSource(scheduleList, hosts::get, status));
        schedules.start();
        scheduleList.stream().filter(ScheduleSource.Schedule::enabled)
                .forEach(s -> status.accept("schedule " + s.expressionText() + " -> " + s.functionId()));
        if (settings.controlServer) {
            control = track(new ControlServer(this));
        }
        if (settings.stackFile) {
            stackFile().write(StackFile.path(settings.stateDir));
        }
    }

    /**
     * With the bundled demo cluster, a real Prometheus (when installed; AWOOOI_LOCAL_PROMETHEUS=off
     * leaves it out) whose TSDB holds 8 days of the cluster's usage ({@link DemoMetrics}), backfilled
     * with promtool: the FinOps scan (and the analysis's service graph) query it through PROMETHEUS_URL.
     * A PROMETHEUS_URL of the caller's wins; a Prometheus that does not start is reported, not fatal.
     */
    private void startLocalPrometheus(Path runDir, Map<String, String> callerEnvironment) {
        if (cluster == null || settings.clusterManifests != null || callerEnvironment.containsKey("PROMETHEUS_URL")
                || "off".equals(settings.environment.get("AWOOOI_LOCAL_PROMETHEUS"))) {
            return;
        }
        if (!io.awoooi.testing.LocalPrometheus.installed()) {
            status.accept(
                    "no local Prometheus (install prometheus for the FinOps scan's usage): the scan reports usage as not measured");
            return;
        }
        try {
            io.awoooi.testing.LocalPrometheus prometheus = track(io.awoooi.testing.LocalPrometheus.start(
                    runDir.resolve("prometheus"), DemoMetrics.of(cluster.client(), Instant.now())));
            callerEnvironment.put("PROMETHEUS_URL", prometheus.baseUrl().toString());
            status.accept(
                    "Prometheus on " + prometheus.baseUrl() + " with 8 days of the demo cluster's usage (backfilled)");
        } catch (RuntimeException e) {
            status.accept("the local Prometheus did not start (" + e.getMessage()
                    + "): the FinOps scan reports usage as not measured");
        }
    }

    /** The host of a function and its further instances (Builder.instances), by logical id. */
    List<FunctionHost> instances(String logicalId) {
        List<FunctionHost> all = new ArrayList<>();
        all.add(hosts.get(logicalId));
        all.addAll(extraHosts.getOrDefault(logicalId, List.of()));
        return all;
    }

    /** What the HTTP API invokes for a function: its host, or a round robin over its instances. */
    private HttpApiGateway.Integration integration(String logicalId) {
        List<FunctionHost> all = instances(logicalId);
        if (all.size() == 1) {
            return all.get(0);
        }
        java.util.concurrent.atomic.AtomicInteger next = roundRobin.computeIfAbsent(logicalId,
                id -> new java.util.concurrent.atomic.AtomicInteger());
        return event -> all.get(Math.floorMod(next.getAndIncrement(), all.size())).invokeAsync(event);
    }

    private final Map<String, java.util.concurrent.atomic.AtomicInteger> roundRobin = new java.util.concurrent.ConcurrentHashMap<>();

    /** Starts every function JVM at once and waits for their init (a failed init is reported, not fatal). */
    private void startFunctions() {
        List<FunctionHost> all = new ArrayList<>(hosts.values());
        extraHosts.values().forEach(all::addAll);
        all.forEach(FunctionHost::start);
        for (FunctionHost host : all) {
            Optional<String> problem = host.awaitReady(settings.initTimeout);
            // (never the word "ready" here: ./awoooi up prints exactly one line with it)
            if (problem.isPresent()) {
                status.accept(host.spec().logicalId() + " did not start: " + problem.get()
                        + " (it is started again at its next invocation)");
            } else {
                status.accept(host.spec().logicalId() + " started (init " + host.lastInitMillis() + " ms)");
            }
        }
    }

    private FunctionLog log(String id) {
        return switch (settings.functionLogs) {
            case CONSOLE -> FunctionLog.toConsole(id, settings.console);
            case MEMORY -> FunctionLog.inMemory(id);
            case FILES -> {
                Path file = settings.logDir().resolve(id + ".log");
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot reset the log " + file, e);
                }
                yield FunctionLog.toFile(id, file);
            }
        };
    }

    private static void requireCode(List<FunctionSpec> functions) {
        List<String> missing = functions.stream().filter(f -> !Files.exists(f.codeUri()))
                .map(f -> f.logicalId() + " (" + f.codeUri() + ")").toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the code of " + String.join(", ", missing)
                    + " is missing: build the functions first (./awoooi build, or mvn -DskipTests install)");
        }
    }

    private String tokenFromEnv(String variable) {
        return SecretsManagerStub.valueFromEnv(template).entrySet().stream().filter(e -> e.getValue().equals(variable))
                .map(e -> secrets.value(e.getKey())).findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("no secret of the template takes its value from " + variable));
    }

    StackFile stackFile() {
        return new StackFile(ProcessHandle.current().pid(), gateway.url().toString(),
                control == null ? 0 : control.port(), dynamo.port(), sqs.port(), secrets.port(), kms.port(),
                functionIds(),
                Instant.now().toString());
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** Stops everything it started: function JVMs, dynalite and ElasticMQ included. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sqsSources.forEach(SqsEventSource::close);
        List<AutoCloseable> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        // no new work first (schedules, gateway, control), then the functions, then the servers
        reversed.sort(Comparator.comparingInt(LocalStack::stopOrder));
        boolean awaited = false;
        for (AutoCloseable resource : reversed) {
            if (!awaited && stopOrder(resource) == 2) {
                sqsSources.forEach(s -> s.await(Duration.ofSeconds(3)));
                awaited = true;
            }
            try {
                resource.close();
            } catch (Exception e) {
                status.accept("while stopping " + resource.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (settings.stackFile) {
            Path file = StackFile.path(settings.stateDir);
            StackFile.read(file).filter(s -> s.pid() == ProcessHandle.current().pid()).ifPresent(s -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    status.accept("cannot delete " + file + ": " + e.getMessage());
                }
            });
        }
    }

    private static int stopOrder(AutoCloseable resource) {
        if (resource instanceof ScheduleSource || resource instanceof HttpApiGateway
                || resource instanceof ControlServer) {
            return 0;
        }
        if (resource instanceof FunctionHost) {
            return 1;
        }
        return 2;
    }

    // ------------------------------------------------------------------ settings

    /** How to start a stack; every setting has a default fit for tests (free ports, logs in memory). */
    public static final class Builder {
        private Path template;
        private Path stateDir;
        private int apiPort;
        private FunctionLogs functionLogs = FunctionLogs.MEMORY;
        private Path logDir;
        private PrintStream console = new PrintStream(OutputStream.nullOutputStream());
        private Map<String, String> environment = System.getenv();
        private boolean eagerStart = true;
        private Path clusterManifests;
        private Duration initTimeout = FunctionHost.DEFAULT_INIT_TIMEOUT;
        private boolean controlServer;
        private boolean stackFile;
        private boolean enforceIam = !"off".equalsIgnoreCase(System.getenv().getOrDefault("AWOOOI_LOCAL_IAM", "on"));
        private boolean faultProxies;
        private final Map<String, Integer> instances = new LinkedHashMap<>();
        private FaultProxy.Tap sqsTap;
        private FaultProxy.Tap kubernetesTap;

        private Builder() {
        }

        /**
         * Each function signs with its own key and the local AWS endpoints enforce its template policy,
         * denying the rest with AccessDeniedException (ADR 0013). Default on; AWOOOI_LOCAL_IAM=off turns it off.
         */
        public Builder enforceIam(boolean enforceIam) {
            this.enforceIam = enforceIam;
            return this;
        }

        /** The SAM template; default the repository's infra/sam/template.yaml. */
        public Builder template(Path template) {
            this.template = template;
            return this;
        }

        /**
         * Where the stack keeps its state: dynamodb/ (dynalite's data, wiped at start), run/ (the
         * unzipped functions, wiped at start), logs/ and stack.json. Default: the repository's .awoooi.
         */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /** The HTTP API port; 0 (the default) picks a free one. */
        public Builder apiPort(int apiPort) {
            this.apiPort = apiPort;
            return this;
        }

        public Builder functionLogs(FunctionLogs functionLogs) {
            this.functionLogs = functionLogs;
            return this;
        }

        /** Where FILES logs go; default stateDir/logs. */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** Where the stack's own messages (and CONSOLE function logs) go; default nowhere. */
        public Builder console(PrintStream console) {
            this.console = console;
            return this;
        }

        /** Where Metadata.AwoooiLocal.ValueFromEnv looks; default the process environment. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Seeds the local Kubernetes API from a multi-document YAML of manifests instead of the demo topology. */
        public Builder cluster(Path manifests) {
            this.clusterManifests = manifests;
            return this;
        }

        public Builder eagerStart(boolean eagerStart) {
            this.eagerStart = eagerStart;
            return this;
        }

        public Builder initTimeout(Duration initTimeout) {
            this.initTimeout = initTimeout;
            return this;
        }

        /** Serve the control API (invoke, fault) that ./awoooi invoke|fault talk to. */
        public Builder controlServer(boolean controlServer) {
            this.controlServer = controlServer;
            return this;
        }

        /** Write stateDir/stack.json (ports and pid) for ./awoooi invoke|fault. */
        public Builder stackFile(boolean stackFile) {
            this.stackFile = stackFile;
            return this;
        }

        /**
         * Puts a {@link FaultProxy} between the functions and SQS, and one between the functions and the
         * local Kubernetes API, where a stress run injects faults ({@code ./awoooi stress}); the taps see
         * every request that passes (null: none).
         */
        Builder faultProxies(FaultProxy.Tap sqsTap, FaultProxy.Tap kubernetesTap) {
            this.faultProxies = true;
            this.sqsTap = sqsTap;
            this.kubernetesTap = kubernetesTap;
            return this;
        }

        /**
         * Runs {@code count} JVMs of a function (logical id or short name) side by side, as Lambda runs
         * concurrent instances: the HTTP API spreads its invocations over them round robin, and each gets
         * a poller of its SQS events. Default 1 (one invocation at a time).
         */
        Builder instances(String function, int count) {
            if (count < 1 || count > 8) {
                throw new IllegalArgumentException("instances of a function: 1..8, not " + count);
            }
            instances.put(function, count);
            return this;
        }

        int instancesOf(FunctionSpec spec) {
            for (Map.Entry<String, Integer> e : instances.entrySet()) {
                if (spec.logicalId().equalsIgnoreCase(e.getKey()) || spec.shortName().equalsIgnoreCase(e.getKey())) {
                    return e.getValue();
                }
            }
            return 1;
        }

        Path logDir() {
            return logDir != null ? logDir : stateDir.resolve("logs");
        }

        /** Starts the stack; if any part fails to start, what did start is stopped again. */
        public LocalStack start() {
            if (template == null) {
                template = RepoRoot.template();
            }
            if (stateDir == null) {
                stateDir = RepoRoot.find().resolve(".awoooi");
            }
            stateDir = stateDir.toAbsolutePath().normalize();
            LocalStack stack = new LocalStack(this);
            try {
                stack.startAll();
                return stack;
            } catch (IOException e) {
                stack.close();
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                stack.close();
                throw e;
            }
        }
    }
}
