package io.awoooi.finops;

import io.awoooi.aws.SqsExecutionQueue;
import io.awoooi.aws.DynamoDbFinOpsReportStore;
import io.awoooi.aws.SecretValue;
import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsSettings;
import io.awoooi.core.finops.InvalidFinOpsSettingException;
import io.awoooi.core.finops.PricingTable;
import io.awoooi.core.finops.RequestSavings;
import io.awoooi.core.finops.ScanForWaste;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.wiring.ApprovalAssembly;
import io.awoooi.wiring.ApprovalParts;
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
import io.awoooi.wiring.Environment;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
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

    /** Where usage is read: PROMETHEUS_URL with PROMETHEUS_AUTH = none | bearer | sigv4. */
    @ConfigMapping(prefix = "")
    public interface UsageSettings {
        @WithName("prometheus.url")
        Optional<String> url();

        @WithName("prometheus.auth")
        @WithDefault("none")
        String auth();

        @WithName("prometheus.bearer.token.secret.arn")
        Optional<String> tokenSecretArn();

        /** Given directly (AWOOOI_PROMETHEUS_BEARER_TOKEN): tests use it instead of Secrets Manager. */
        @WithName("awoooi.prometheus.bearer.token")
        Optional<String> token();

        @WithName("prometheus.region")
        Optional<String> region();

        @WithName("aws.region")
        Optional<String> awsRegion();
    }

    /** The prices: FINOPS_PRICING, refreshed from the AWS Price List API with FINOPS_PRICING_REFRESH=aws. */
    @ConfigMapping(prefix = "")
    public interface PricingSettings {
        @WithName("finops.pricing")
        Optional<String> table();

        /** none (the table as configured) or aws (refreshed from the AWS Price List API each day). */
        @WithName("finops.pricing.refresh")
        @WithDefault("none")
        String refresh();

        /** The Region whose prices are refreshed; AWS_REGION when not set. */
        @WithName("finops.price.region")
        Optional<String> region();

        /** Tests only: the Price List API's URL (WireMock). */
        @WithName("awoooi.price.list.url")
        Optional<URI> priceListUrl();

        @WithName("aws.region")
        Optional<String> awsRegion();
    }

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
        var lookup = Environment.lookup();
        for (String name : SETTINGS) {
            Optional.ofNullable(lookup.apply(name)).ifPresent(v -> env.put(name, v));
        }
        return FinOpsSettings.fromEnvironment(env);
    }

    @Produces
    @Singleton
    PricingTable prices(PricingSettings pricing) {
        return pricing.table().filter(p -> !p.isBlank()).map(p -> PricingTable.parse(p, "FINOPS_PRICING"))
                .orElseGet(PricingTable::defaults);
    }

    /** The prices of each scan: the table, refreshed from the AWS Price List API when asked (never at the cold start). */
    @Produces
    @Singleton
    ScanPrices scanPrices(PricingTable prices, PricingSettings pricing) {
        Optional<AwsPriceList> priceList = switch (pricing.refresh().strip().toLowerCase(Locale.ROOT)) {
            case "", "none" -> Optional.empty();
            case "aws" -> Optional.of(new AwsPriceList(pricing.priceListUrl().orElse(AwsPriceList.ENDPOINT),
                    pricing.region().or(pricing::awsRegion).filter(r -> !r.isBlank())
                            .orElseThrow(() -> new InvalidFinOpsSettingException("FINOPS_PRICE_REGION",
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
    UsageSource usage(UsageSettings prometheus) {
        Optional<String> url = prometheus.url().filter(u -> !u.isBlank());
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
        PrometheusAuth auth = switch (prometheus.auth().strip().toLowerCase(Locale.ROOT)) {
            case "", "none" -> PrometheusAuth.none();
            case "bearer" -> {
                var token = SecretValue.directOrSecret(prometheus.token(), prometheus.tokenSecretArn(),
                        "PROMETHEUS_BEARER_TOKEN_SECRET_ARN (with PROMETHEUS_AUTH=bearer)");
                yield (request, method, uri, body) -> request.header("Authorization", "Bearer " + token.get().strip());
            }
            case "sigv4" -> new SigV4PrometheusAuth(
                    prometheus.region().or(prometheus::awsRegion).filter(r -> !r.isBlank())
                            .orElseThrow(() -> new InvalidFinOpsSettingException("PROMETHEUS_REGION",
                                    "needed with PROMETHEUS_AUTH=sigv4 when AWS_REGION is not set")),
                    DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
            default -> throw new InvalidFinOpsSettingException("PROMETHEUS_AUTH", "must be none, bearer or sigv4");
        };
        return new PrometheusUsage(base, auth);
    }

    /** Savings into approval requests with signed links, then the summary (the analysis's approval side). */
    @Produces
    @Singleton
    RequestSavings requestSavings(KubernetesDryRun dryRun, FinOpsSettings settings, ApprovalAssembly approvals,
            SqsExecutionQueue executions) {
        // the dry-run asks whether the executor (EXECUTOR_KUBERNETES_USER), not this function, may act
        return new RequestSavings(approvals.parts(ApprovalParts.Links.ISSUE).desks(executions), dryRun,
                new RiskPolicy(), approvals.ttl(), settings.top());
    }

    @Produces
    @Singleton
    ScanForWaste scan(KubernetesClient kubernetes, UsageSource usage, ScanPrices prices, FinOpsSettings settings,
            DynamoDbFinOpsReportStore reports, RequestSavings savings) {
        List<Consumer<FinOpsReport>> after = List.of(savings);
        return new ScanForWaste(new KubernetesInventory(kubernetes), usage,
                () -> new WasteAnalysis(prices.get(), settings),
                settings, reports, after, Clock.systemUTC());
    }

}
