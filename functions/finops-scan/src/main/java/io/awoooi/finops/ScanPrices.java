package io.awoooi.finops;

import io.awoooi.core.finops.PricingTable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The prices of one scan: the configured table ({@code FINOPS_PRICING}, else the bundled defaults),
 * or with {@code FINOPS_PRICING_REFRESH=aws} that table refreshed from the AWS Price List API once per
 * UTC day and container (asked at the scan, never at the cold start: a SnapStart snapshot would keep a
 * cold start's prices for as long as the version lives). A refresh that fails prices the scan with the
 * configured table, whose source then says so; the next scan tries again.
 */
final class ScanPrices implements Supplier<PricingTable> {
    private static final Logger LOG = Logger.getLogger(ScanPrices.class);

    private final PricingTable configured;
    private final Optional<AwsPriceList> priceList;
    private final Clock clock;
    private PricingTable refreshed;
    private LocalDate refreshedOn;

    ScanPrices(PricingTable configured, Optional<AwsPriceList> priceList, Clock clock) {
        this.configured = Objects.requireNonNull(configured, "configured");
        this.priceList = Objects.requireNonNull(priceList, "priceList");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized PricingTable get() {
        if (priceList.isEmpty()) {
            return configured;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (refreshed != null && today.equals(refreshedOn)) {
            return refreshed;
        }
        try {
            refreshed = priceList.get().refresh(configured);
            refreshedOn = today;
            LOG.infof("finops prices refreshed: %s", refreshed.label());
            return refreshed;
        } catch (AwsPriceList.PriceListUnavailableException e) {
            LOG.warnf("finops prices not refreshed from the AWS Price List API: %s", e.getMessage());
            return new PricingTable(
                    configured.label() + "; not refreshed from the AWS Price List API: " + e.getMessage(),
                    configured.asOf(), configured.currency(), configured.vcpuHour(), configured.gibHour(),
                    configured.instanceTypes(), configured.storageClasses());
        }
    }
}
