package io.awoooi.wiring;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbTrustStore;
import io.awoooi.aws.SecretsManagerSigningKeys;
import io.awoooi.aws.SsmApproverDirectory;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalLedger;
import io.awoooi.core.approval.ApprovalStore;
import io.awoooi.core.approval.ApproverDirectory;
import io.awoooi.core.approval.ApproverNotices;
import io.awoooi.core.approval.ExecutionDispatch;
import io.awoooi.core.approval.ExecutionQueue;
import io.awoooi.core.approval.LinkIssuer;
import io.awoooi.core.approval.LinkSigner;
import io.awoooi.core.approval.SigningKeys;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.notify.Notifier;
import io.awoooi.core.shield.LeakGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Assembles the parts of the approval side from a function's configuration, each only where it is
 * needed: the {@link ApprovalLedger} (requests, trust, operations) everywhere on the approval path;
 * the {@link ApproverNotices} (approvers, channels, the Privacy Shield's guard) where people are told;
 * a {@link LinkIssuer} with the key only where links are issued or verified ({@link Links}); an
 * {@link ExecutionDispatch} only where a quorum can be met. The approvers and the link keys are read
 * through caches of a few minutes (an edited directory or a rotated key reaches a warm function
 * without a redeploy), so notices and desks are handed out by suppliers: take a fresh one per
 * invocation, it is cheap.
 */
public final class ApprovalParts {
    private final Settings settings;
    private final ApprovalStore store;
    private final ApprovalLedger ledger;
    private final Notifier notifier;
    private final LeakGuard guard;
    private final Clock clock;
    private final Supplier<ApproverDirectory> approvers;
    private final Supplier<LinkIssuer> links;

    /**
     * What a function does with approval links, which decides what it holds: only the functions that
     * issue or verify links hold the signing key (docs/security.md).
     */
    public enum Links {
        /** Issues links (the analysis): the key signs them, the public base URL is their address. */
        ISSUE,
        /** Verifies links (the approval function): the key, no base URL (it builds no link). */
        VERIFY,
        /**
         * Neither (the executor): the key is never read, even when configured, so the component that
         * acts cannot forge an approval; signing throws and every token is refused.
         */
        NONE
    }

    /**
     * Where the approval side's settings come from; each secret either given directly (tests) or by
     * the ARN/name the template passes.
     *
     * @param links what the function does with links; with {@link Links#NONE} no key may be given
     * @param linkKey the link-signing key itself (tests), else {@code linkKeySecretArn} is read
     * @param approversFile a JSON directory file (tests), else {@code approversParameter} is read
     * @param publicBaseUrl where links point (required to {@link Links#ISSUE} them)
     */
    public record Settings(Links links, String stateTable, String trustTable,
            Optional<String> linkKey, Optional<String> linkKeySecretArn,
            Optional<Path> approversFile, Optional<String> approversParameter,
            Optional<URI> publicBaseUrl) {
        public Settings {
            Objects.requireNonNull(links, "links");
            Objects.requireNonNull(stateTable, "stateTable");
            Objects.requireNonNull(trustTable, "trustTable");
            Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
            boolean hasKey = linkKey.isPresent() || linkKeySecretArn.isPresent();
            if (links == Links.NONE && hasKey) {
                throw new IllegalArgumentException(
                        "a function that neither issues nor verifies links holds no link key");
            }
            if (links != Links.NONE && !hasKey) {
                throw new IllegalArgumentException(
                        "set APPROVAL_LINK_KEY_SECRET_ARN (the template does) or AWOOOI_APPROVAL_LINK_KEY");
            }
            if (links == Links.ISSUE && publicBaseUrl.isEmpty()) {
                throw new IllegalArgumentException("set PUBLIC_BASE_URL (the template does)");
            }
            if (approversFile.isEmpty() && approversParameter.isEmpty()) {
                throw new IllegalArgumentException("set APPROVERS_PARAMETER (the template does) or APPROVERS_FILE");
            }
        }

        /**
         * The settings from a function's configuration (MicroProfile names of the template's
         * variables): {@code state.table}, {@code trust.table}, {@code executions.queue.url},
         * {@code approvers.file} or {@code approvers.parameter}; unless {@code links} is
         * {@link Links#NONE}, {@code awoooi.approval.link.key} or {@code approval.link.key.secret.arn};
         * to {@link Links#ISSUE}, {@code public.base.url}. What the function does not need is not
         * read. Blank counts as unset.
         *
         * @throws IllegalArgumentException naming the environment variable that is missing
         */
        public static Settings fromConfig(Function<String, Optional<String>> config, Links links) {
            Function<String, Optional<String>> set = name -> config.apply(name).filter(v -> !v.isBlank());
            boolean holdsKey = links != Links.NONE;
            return new Settings(links, required(set, "state.table"), required(set, "trust.table"),
                    holdsKey ? set.apply("awoooi.approval.link.key") : Optional.empty(),
                    holdsKey ? set.apply("approval.link.key.secret.arn") : Optional.empty(),
                    set.apply("approvers.file").map(Path::of), set.apply("approvers.parameter"),
                    links == Links.ISSUE ? Optional.of(URI.create(required(set, "public.base.url")))
                            : Optional.empty());
        }

        /**
         * The settings from the function's typed configuration; the accessors of what this function
         * may not hold are never called.
         */
        public static Settings from(ApprovalSettings approval, Tables tables, Links links) {
            return from(approval, tables, links, approval::publicBaseUrl);
        }

        /**
         * As {@link #from(ApprovalSettings, Tables, Links)}, the links' base URL fixed: the MCP bridge's
         * (each request's links point at the host it came to; this base is never used for a link).
         */
        public static Settings from(ApprovalSettings approval, Tables tables, Links links, String publicBaseUrl) {
            return from(approval, tables, links, () -> Optional.of(publicBaseUrl));
        }

        private static Settings from(ApprovalSettings approval, Tables tables, Links links,
                Supplier<Optional<String>> publicBaseUrl) {
            return fromConfig(name -> switch (name) {
                case "state.table" -> tables.state();
                case "trust.table" -> tables.trust();
                case "awoooi.approval.link.key" -> approval.linkKey();
                case "approval.link.key.secret.arn" -> approval.linkKeySecretArn();
                case "approvers.file" -> approval.approversFile();
                case "approvers.parameter" -> approval.approversParameter();
                case "public.base.url" -> publicBaseUrl.get();
                default -> throw new IllegalArgumentException("not an approval setting: " + name);
            }, links);
        }

        private static String required(Function<String, Optional<String>> config, String name) {
            return config.apply(name).orElseThrow(() -> new IllegalArgumentException(
                    "set " + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + " (the template does)"));
        }
    }

    /**
     * @param dynamo the DynamoDB client (state and trust tables)
     * @param guard the Privacy Shield's leak guard, run over every notification before it leaves
     */
    public ApprovalParts(Settings settings, DynamoDbClient dynamo, List<NotificationChannel> channels, LeakGuard guard,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = new DynamoDbApprovalStore(dynamo, settings.stateTable());
        this.ledger = new ApprovalLedger(store, new DynamoDbTrustStore(dynamo, settings.trustTable(), clock),
                new DynamoDbOperationLog(dynamo, settings.stateTable()), clock);
        this.notifier = new Notifier(channels);
        this.approvers = settings.approversFile().<Supplier<ApproverDirectory>>map(file -> {
            ApproverDirectory fixed = ApproverDirectory.parse(read(file));
            return () -> fixed;
        }).orElseGet(() -> new SsmApproverDirectory(AwsClients.ssm(Optional.empty()),
                settings.approversParameter().orElseThrow(), clock));
        this.links = links(settings, clock);
    }

    /** Requests, trust and the operation log: no key, no approvers, no queue. */
    public ApprovalLedger ledger() {
        return ledger;
    }

    /** The people and channels, with this function's links (keyless where it neither issues nor verifies them). */
    public Supplier<ApproverNotices> notices() {
        return () -> notices(links.get());
    }

    private ApproverNotices notices(LinkIssuer issuer) {
        return new ApproverNotices(store, approvers.get(), notifier,
                (incidentId, text) -> guard.check("notification", incidentId, text), issuer, clock);
    }

    /**
     * Everything a function that makes requests or takes decisions needs.
     *
     * @param executions where approved requests are dispatched: the executions queue
     *     ({@code SqsExecutionQueue}) for the functions that dispatch, {@link #NEVER_DISPATCHES}
     *     for one that must not (no SQS client, no queue URL, no right to send: the MCP bridge)
     */
    public Supplier<ApprovalDesk> desks(ExecutionQueue executions) {
        ExecutionDispatch dispatch = new ExecutionDispatch(Objects.requireNonNull(executions, "executions"), store,
                clock);
        return () -> new ApprovalDesk(ledger, notices(links.get()), dispatch);
    }

    /** The executions "queue" of a function that never dispatches: a dispatch there is a bug, and fails. */
    public static final ExecutionQueue NEVER_DISPATCHES = order -> {
        throw new IllegalStateException("this function never dispatches an execution");
    };

    private static Supplier<LinkIssuer> links(Settings settings, Clock clock) {
        if (settings.links() == Links.NONE) {
            LinkIssuer keyless = LinkIssuer.none(clock);
            return () -> keyless;
        }
        Supplier<SigningKeys> keys = settings.linkKey().<Supplier<SigningKeys>>map(k -> {
            SigningKeys fixed = SigningKeys.of(k, Optional.empty());
            return () -> fixed;
        }).orElseGet(() -> new SecretsManagerSigningKeys(AwsClients.secretsManager(Optional.empty()),
                settings.linkKeySecretArn().orElseThrow(), clock));
        return () -> new LinkIssuer(new LinkSigner(keys.get(), clock), settings.publicBaseUrl());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("approvers file " + file + " cannot be read", e);
        }
    }
}
