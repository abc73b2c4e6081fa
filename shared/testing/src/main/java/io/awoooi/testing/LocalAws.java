package io.awoooi.testing;

/**
 * The template's tables and queues on real local servers: a {@link LocalDynamo} (in memory) and a
 * {@link LocalSqs}, provisioned from infra/sam/template.yaml.
 *
 * <pre>{@code
 * LocalAws aws = LocalAws.shared();
 * String table = aws.resources().tableName("StateTable");
 * aws.dynamo().client().putItem(r -> r.tableName(table).item(...));
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {

    private static LocalAws shared;

    private final LocalDynamo dynamo;
    private final LocalSqs sqs;
    private final SamTemplate template;
    private final LocalResources resources;
    private final boolean isShared;

    private LocalAws(LocalDynamo dynamo, LocalSqs sqs, SamTemplate template, LocalResources resources,
            boolean isShared) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.template = template;
        this.resources = resources;
        this.isShared = isShared;
    }

    /**
     * One pair of servers per JVM, provisioned once, stopped by a shutdown hook. Tests share it, so
     * they use their own keys and message groups rather than expecting empty tables and queues;
     * {@link #close()} on it does nothing.
     */
    public static synchronized LocalAws shared() {
        if (shared == null) {
            shared = create(true);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::shutdown, "local-aws-shutdown"));
        }
        return shared;
    }

    /** A private, freshly provisioned pair, for a test that stops the DynamoDB server; close it. */
    public static LocalAws start() {
        return create(false);
    }

    public LocalDynamo dynamo() {
        return dynamo;
    }

    public LocalSqs sqs() {
        return sqs;
    }

    public SamTemplate template() {
        return template;
    }

    public LocalResources resources() {
        return resources;
    }

    /** The approval-link signing key of {@link #functionConfig()}: tests sign links with it. */
    public static final String APPROVAL_LINK_KEY = "test-link-key-0123456789abcdef0123456789";
    /** The approval links' base URL of {@link #functionConfig()}. */
    public static final String PUBLIC_BASE_URL = "https://approvals.example.test";

    /**
     * The settings an in-JVM function test gives Quarkus: the template's table and queue names as the
     * functions' environment variables would carry them, and the endpoints of these servers. Also sets
     * the SDK's region and static credentials as system properties for the test JVM.
     */
    public java.util.Map<String, String> functionConfig() {
        System.setProperty("aws.region", Local.SDK_REGION.id());
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        java.util.Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("state.table", resources.tableName("StateTable"));
        config.put("vault.table", resources.tableName("VaultTable"));
        config.put("raw.alerts.queue.url", resources.queueUrl("RawAlertsQueue"));
        config.put("incidents.queue.url", resources.queueUrl("IncidentsQueue"));
        config.put("trust.table", resources.tableName("TrustTable"));
        config.put("executions.queue.url", resources.queueUrl("ExecutionsQueue"));
        config.put("verification.queue.url", resources.queueUrl("VerificationQueue"));
        // the approval side: a fixed link key (tests sign links with it), the demo approvers, a base URL
        config.put("awoooi.approval.link.key", APPROVAL_LINK_KEY);
        config.put("approvers.file", RepoRoot.find().resolve("infra/local/demo/approvers.json").toString());
        config.put("public.base.url", PUBLIC_BASE_URL);
        config.put("awoooi.aws.dynamodb.endpoint", dynamo.endpoint().toString());
        config.put("awoooi.aws.sqs.endpoint", sqs.endpoint().toString());
        return config;
    }

    /** Stops both servers; a no-op on {@link #shared()}, which other tests still use. */
    @Override
    public void close() {
        if (!isShared) {
            shutdown();
        }
    }

    @Override
    public String toString() {
        return "LocalAws[" + dynamo + ", " + sqs + "]";
    }

    private void shutdown() {
        try {
            sqs.close();
        } finally {
            dynamo.close();
        }
    }

    private static LocalAws create(boolean isShared) {
        SamTemplate template = SamTemplate.load(RepoRoot.template());
        LocalDynamo dynamo = LocalDynamo.startInMemory();
        LocalSqs sqs = null;
        try {
            sqs = LocalSqs.start(0);
            LocalResources resources = Provisioner.provision(template, dynamo.client(), sqs.client());
            return new LocalAws(dynamo, sqs, template, resources, isShared);
        } catch (RuntimeException e) {
            if (sqs != null) {
                sqs.close();
            }
            dynamo.close();
            throw e;
        }
    }
}
