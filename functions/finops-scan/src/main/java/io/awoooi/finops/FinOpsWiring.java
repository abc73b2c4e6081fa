package io.awoooi.finops;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.aws.SqsClients;
import io.awoooi.aws.DynamoDbFinOpsReportStore;
import io.awoooi.aws.SecretValue;
import io.awoooi.cluster.ClusterClients;
import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsReportStore;
import io.awoooi.core.finops.FinOpsSettings;
import io.awoooi.core.finops.InvalidFinOpsSettingException;
import io.awoooi.core.finops.PricingTable;
import io.awoooi.core.finops.RequestSavings;
import io.awoooi.core.finops.ScanForWaste;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.notify.ApprovalDesks;
import java.time.Duration;
import io.awoooi.core.finops.UsageSource;
import io.awoooi.core.finops.WasteAnalysis;
import io.awoooi.kube.finops.KubernetesInventory;
import io.awoooi.kube.finops.PrometheusAuth;
import io.awoooi.kube.finops.PrometheusUsage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Builds the scan from the template's environment: STATE_TABLE (reports), the cluster from
 * CLUSTER_AUTH (shared/cluster; read-only), PROMETHEUS_URL with PROMETHEUS_AUTH = none | bearer
 * (PROMETHEUS_BEARER_TOKEN_SECRET_ARN) | sigv4 (Amazon Managed Service for Prometheus, in AWS_REGION or
 * PROMETHEUS_REGION), FINOPS_PRICING (a pricing table as JSON; empty: the bundled defaults) and the
 * thresholds FINOPS_ORPHAN_DAYS, FINOPS_ZOMBIE_DAYS, FINOPS_ZOMBIE_CPU_PERCENT, FINOPS_SAFETY_BUFFER,
 * FINOPS_TOP_RECOMMENDATIONS. A malformed setting fails the start (the cold start's error names it),
 * never a scan halfway.
 */
@ApplicationScoped
public class FinOpsWiring {
    private static final Logger LOG = Logger.getLogger(FinOpsWiring.class);
    static final List<String> SETTINGS = List.of(FinOpsSettings.ORPHAN_DAYS, FinOpsSettings.ZOMBIE_DAYS,
            FinOpsSettings.ZOMBIE_CPU_PERCENT, FinOpsSettings.SAFETY_BUFFER, FinOpsSettings.TOP);

    @ConfigProperty(name = "state.table")
    String stateTable;

    @ConfigProperty(name = "prometheus.url")
    Optional<String> prometheusUrl;

    @ConfigProperty(name = "prometheus.auth", defaultValue = "none")
    String prometheusAuth;

    @ConfigProperty(name = "prometheus.bearer.token.secret.arn")
    Optional<String> prometheusTokenSecretArn;

    /** Given directly (AWOOOI_PROMETHEUS_BEARER_TOKEN): tests use it instead of Secrets Manager. */
    @ConfigProperty(name = "awoooi.prometheus.bearer.token")
    Optional<String> prometheusToken;

    @ConfigProperty(name = "prometheus.region")
    Optional<String> prometheusRegion;

    @ConfigProperty(name = "aws.region")
    Optional<String> awsRegion;

    @ConfigProperty(name = "finops.pricing")
    Optional<String> pricing;

    /** none (the table as configured) or aws (refreshed from the AWS Price List API each day). */
    @ConfigProperty(name = "finops.pricing.refresh", defaultValue = "none")
    String pricingRefresh;

    /** The Region whose prices are refreshed; AWS_REGION when not set. */
    @ConfigProperty(name = "finops.price.region")
    Optional<String> priceRegion;

    /** Tests only: the Price List API's URL (WireMock). */
    @ConfigProperty(name = "awoooi.price.list.url")
    Optional<URI> priceListUrl;

    /** In-JVM tests only: the Kubernetes API's URL, nothing else configured. */
    @ConfigProperty(name = "awoooi.kubernetes.master")
    Optional<String> kubernetesMaster;

    /** In-JVM tests only; deployed and local functions use the SDK's AWS_ENDPOINT_URL_* variables. */
    @ConfigProperty(name = "awoooi.aws.dynamodb.endpoint")
    Optional<URI> dynamoEndpoint;

    /** How many recommendations the summary lists. */
    public record Top(int value) {
    }

    /** Fails the cold start on a malformed setting, naming it. */
    void check(@Observes StartupEvent start, FinOpsSettings settings, PricingTable prices, UsageSource usage,
            ScanPrices scanPrices) {
        LOG.infof("finops settings: orphan after %s, zombie window %s, buffer %.2f; prices: %s",
                settings.orphanAfter(), settings.zombieWindow(), settings.buffer().factor(), prices.label());
    }

    @Produces
    @Singleton
    FinOpsSettings settings() {
        Map<String, String> env = new HashMap<>();
        for (String name : SETTINGS) {
            ConfigProvider.getConfig().getOptionalValue(name.toLowerCase(Locale.ROOT).replace('_', '.'), String.class)
                    .ifPresent(v -> env.put(name, v));
        }
        return FinOpsSettings.fromEnvironment(env);
    }

    @Produces
    @Singleton
    PricingTable prices() {
        return pricing.filter(p -> !p.isBlank()).map(p -> PricingTable.parse(p, "FINOPS_PRICING"))
                .orElseGet(PricingTable::defaults);
    }

    /** The prices of each scan: the table, refreshed from the AWS Price List API when asked (never at the cold start). */
    @Produces
    @Singleton
    ScanPrices scanPrices(PricingTable prices) {
        Optional<AwsPriceList> priceList = switch (pricingRefresh.strip().toLowerCase(Locale.ROOT)) {
            case "", "none" -> Optional.empty();
            case "aws" -> Optional.of(new AwsPriceList(priceListUrl.orElse(AwsPriceList.ENDPOINT),
                    priceRegion.or(() -> awsRegion).filter(r -> !r.isBlank()).orElseThrow(() ->
                            new InvalidFinOpsSettingException("FINOPS_PRICE_REGION",
                                    "needed with FINOPS_PRICING_REFRESH=aws when AWS_REGION is not set")),
                    DefaultCredentialsProvider.builder().build(), Clock.systemUTC(), Duration.ofSeconds(10)));
            default -> throw new InvalidFinOpsSettingException("FINOPS_PRICING_REFRESH", "must be none or aws");
        };
        return new ScanPrices(prices, priceList, Clock.systemUTC());
    }

    @Produces
    @Singleton
    Top top(FinOpsSettings settings) {
        return new Top(settings.top());
    }

    @Produces
    @Singleton
    KubernetesClient kubernetes() {
        return kubernetesMaster.map(ClusterClients::forApiServer).orElseGet(ClusterClients::fromEnvironment);
    }

    @Produces
    @Singleton
    FinOpsReportStore reports() {
        return new DynamoDbFinOpsReportStore(AwsClients.dynamoDb(dynamoEndpoint), stateTable);
    }

    @Produces
    @Singleton
    UsageSource usage() {
        Optional<String> url = prometheusUrl.filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return (cluster, from, to, step) -> {
                throw new io.awoooi.core.failure.UsageUnavailableException("PROMETHEUS_URL is not set");
            };
        }
        URI base;
        try {
            base = URI.create(url.get().strip());
            if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidFinOpsSettingException("PROMETHEUS_URL", "must be an http(s) URL");
        }
        PrometheusAuth auth = switch (prometheusAuth.strip().toLowerCase(Locale.ROOT)) {
            case "", "none" -> PrometheusAuth.none();
            case "bearer" -> {
                var token = SecretValue.directOrSecret(prometheusToken, prometheusTokenSecretArn,
                        "PROMETHEUS_BEARER_TOKEN_SECRET_ARN (with PROMETHEUS_AUTH=bearer)");
                yield (request, method, uri, body) -> request.header("Authorization", "Bearer " + token.get().strip());
            }
            case "sigv4" -> new SigV4PrometheusAuth(prometheusRegion.or(() -> awsRegion).filter(r -> !r.isBlank())
                    .orElseThrow(() -> new InvalidFinOpsSettingException("PROMETHEUS_REGION",
                            "needed with PROMETHEUS_AUTH=sigv4 when AWS_REGION is not set")),
                    DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
            default -> throw new InvalidFinOpsSettingException("PROMETHEUS_AUTH", "must be none, bearer or sigv4");
        };
        return new PrometheusUsage(base, auth);
    }

    @ConfigProperty(name = "approval.ttl.minutes", defaultValue = "30")
    int approvalTtlMinutes;

    /** The executor's Kubernetes user: the dry-run asks whether it (not this function) may act. */
    @ConfigProperty(name = "executor.kubernetes.user")
    Optional<String> executorUser;

    @ConfigProperty(name = "executor.kubernetes.groups")
    Optional<List<String>> executorGroups;

    @ConfigProperty(name = "awoooi.aws.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    /** Savings into approval requests with signed links, then the summary (the analysis's approval side). */
    @Produces
    @Singleton
    RequestSavings requestSavings(KubernetesClient kubernetes, FinOpsSettings settings) {
        var desks = ApprovalDesks.of(ApprovalDesks.Settings.fromConfig(
                name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), ApprovalDesks.Links.ISSUE),
                AwsClients.dynamoDb(dynamoEndpoint),
                SqsExecutionQueue.fromConfig(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class), SqsClients.of(sqsEndpoint)));
        var dryRun = new KubernetesDryRun(kubernetes, executorUser.filter(u -> !u.isBlank())
                .map(u -> new KubernetesDryRun.Executor(u, executorGroups.orElse(List.of()))));
        return new RequestSavings(desks, dryRun, new RiskPolicy(), Duration.ofMinutes(approvalTtlMinutes), settings.top());
    }

    @Produces
    @Singleton
    ScanForWaste scan(KubernetesClient kubernetes, UsageSource usage, ScanPrices prices, FinOpsSettings settings,
            FinOpsReportStore reports, RequestSavings savings) {
        List<Consumer<FinOpsReport>> after = List.of(savings);
        return new ScanForWaste(new KubernetesInventory(kubernetes), usage, () -> new WasteAnalysis(prices.get(), settings),
                settings, reports, after, Clock.systemUTC());
    }

}
