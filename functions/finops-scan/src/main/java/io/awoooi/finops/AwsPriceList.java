package io.awoooi.finops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.finops.InstancePrice;
import io.awoooi.core.finops.PricingTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * Refreshes the pricing table from the AWS Price List Query API ({@code pricing:GetProducts}; its
 * endpoint is in us-east-1 whatever the Region priced): for each instance type of the table, the
 * on-demand Linux price per hour in the Region (shared tenancy, no pre-installed software, no
 * license, capacity used), with its vCPUs and memory; for each storage class of the table named like
 * an EBS volume type (gp2, gp3, io1, io2, st1, sc1, standard), the price per GB-month. One signed
 * request (SigV4, service {@code pricing}) per item: a few dozen a day.
 *
 * <p>An item the API prices unambiguously (one product, one positive on-demand price) takes its
 * figure; one it does not know, or knows twice over, keeps the table's and is named in the source.
 * The vCPU-hour and GiB-hour rates (which split an instance's price between its CPU and its memory)
 * keep the table's. A failed call (unreachable, refused, not the expected answer) abandons the
 * refresh: {@link PriceListUnavailableException}, and the caller prices with the table as configured.
 */
final class AwsPriceList {
    static final URI ENDPOINT = URI.create("https://api.pricing.us-east-1.amazonaws.com/");
    static final String TARGET = "AWSPriceListService.GetProducts";
    static final Set<String> EBS_VOLUME_TYPES = Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final Clock clock;
    private final AwsJsonApi pricing;

    /** The API does not answer, refuses, or answers what is not a price list. */
    static final class PriceListUnavailableException extends Exception {
        PriceListUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param region the Region whose prices are wanted (regionCode), e.g. {@code eu-west-1}
     */
    AwsPriceList(URI endpoint, String region, AwsCredentialsProvider credentials, Clock clock, Duration timeout) {
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        // signed for the pricing service in us-east-1, where its endpoint is; one attempt (a failed
        // refresh prices the scan with the configured table and tries again the next day)
        this.pricing = AwsJsonApi.of(AwsJsonApi.Service.PRICING, Optional.of(endpoint), Optional.of(Region.US_EAST_1),
                Optional.of(credentials), timeout, timeout).withAttempts(1).withSigningClock(clock);
    }

    /** The table with what the API prices today; the rest as it was. */
    PricingTable refresh(PricingTable table) throws PriceListUnavailableException {
        Map<String, InstancePrice> instances = new LinkedHashMap<>(table.instanceTypes());
        Map<String, BigDecimal> storage = new LinkedHashMap<>(table.storageClasses());
        List<String> kept = new ArrayList<>();
        int refreshed = 0;
        for (String type : table.instanceTypes().keySet()) {
            Optional<InstancePrice> priced = instance(type);
            if (priced.isPresent()) {
                instances.put(type, priced.get());
                refreshed++;
            } else {
                kept.add(type);
            }
        }
        for (String storageClass : table.storageClasses().keySet()) {
            if (!EBS_VOLUME_TYPES.contains(storageClass)) {
                kept.add(storageClass);
                continue;
            }
            Optional<BigDecimal> priced = volume(storageClass);
            if (priced.isPresent()) {
                storage.put(storageClass, priced.get());
                refreshed++;
            } else {
                kept.add(storageClass);
            }
        }
        String source = "AWS Price List API, " + region + " on-demand (" + refreshed + " prices refreshed"
                + (kept.isEmpty() ? "" : "; " + String.join(", ", kept.stream().limit(5).toList())
                        + (kept.size() > 5 ? " and " + (kept.size() - 5) + " more" : "") + " as in " + table.label())
                + ")";
        return new PricingTable(source, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), "USD", table.vcpuHour(),
                table.gibHour(), instances, storage);
    }

    /** The on-demand Linux price of an instance type in the Region, when the API names exactly one. */
    Optional<InstancePrice> instance(String type) throws PriceListUnavailableException {
        List<JsonNode> products = products(
                Map.of("instanceType", type, "regionCode", region, "operatingSystem", "Linux",
                        "tenancy", "Shared", "preInstalledSw", "NA", "capacitystatus", "Used",
                        "licenseModel", "No License required"));
        Set<InstancePrice> found = new HashSet<>();
        for (JsonNode p : products) {
            JsonNode attributes = p.path("product").path("attributes");
            Optional<BigDecimal> hourly = onDemand(p, "Hrs");
            Optional<Integer> vcpu = integer(attributes.path("vcpu").asText(""));
            Optional<BigDecimal> memory = gib(attributes.path("memory").asText(""));
            if (hourly.isEmpty() || vcpu.isEmpty() || memory.isEmpty()
                    || !type.equals(attributes.path("instanceType").asText())) {
                continue;
            }
            found.add(new InstancePrice(type, vcpu.get(), memory.get(), hourly.get()));
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** The GB-month price of an EBS volume type in the Region, when the API names exactly one. */
    Optional<BigDecimal> volume(String volumeType) throws PriceListUnavailableException {
        List<JsonNode> products = products(Map.of("productFamily", "Storage", "volumeApiName", volumeType,
                "regionCode", region));
        Set<BigDecimal> found = new HashSet<>();
        for (JsonNode p : products) {
            onDemand(p, "GB-Mo").ifPresent(found::add);
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /** The one positive USD price of the product's on-demand terms in that unit. */
    private static Optional<BigDecimal> onDemand(JsonNode product, String unit) {
        Set<BigDecimal> prices = new HashSet<>();
        for (JsonNode term : product.path("terms").path("OnDemand")) {
            for (JsonNode dimension : term.path("priceDimensions")) {
                if (!unit.equals(dimension.path("unit").asText())) {
                    continue;
                }
                try {
                    BigDecimal usd = new BigDecimal(dimension.path("pricePerUnit").path("USD").asText("x"))
                            .stripTrailingZeros();
                    if (usd.signum() > 0) {
                        prices.add(usd);
                    }
                } catch (NumberFormatException e) {
                    // not a price: this dimension says nothing
                }
            }
        }
        return prices.size() == 1 ? Optional.of(prices.iterator().next()) : Optional.empty();
    }

    private static Optional<Integer> integer(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            return v > 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 8 GiB}, {@code 0.5 GiB}, {@code 1,024 GiB}. */
    static Optional<BigDecimal> gib(String text) {
        String t = text.strip().replace(",", "");
        if (!t.endsWith(" GiB")) {
            return Optional.empty();
        }
        try {
            BigDecimal v = new BigDecimal(t.substring(0, t.length() - 4).strip());
            return v.signum() > 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every product of AmazonEC2 matching the filters, all pages. */
    private List<JsonNode> products(Map<String, String> filters) throws PriceListUnavailableException {
        List<JsonNode> out = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ObjectNode body = JSON.createObjectNode();
            body.put("ServiceCode", "AmazonEC2");
            body.put("FormatVersion", "aws_v1");
            body.put("MaxResults", 100);
            ArrayNode list = body.putArray("Filters");
            filters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(f -> list.addObject()
                    .put("Type", "TERM_MATCH").put("Field", f.getKey()).put("Value", f.getValue()));
            if (token != null) {
                body.put("NextToken", token);
            }
            JsonNode answer = call(body);
            JsonNode priceList = answer.path("PriceList");
            if (!priceList.isArray()) {
                throw new PriceListUnavailableException("GetProducts answered no PriceList");
            }
            for (JsonNode item : priceList) {
                try {
                    out.add(item.isTextual() ? JSON.readTree(item.asText()) : item);
                } catch (IOException e) {
                    throw new PriceListUnavailableException("GetProducts answered a product that is not JSON");
                }
            }
            token = answer.path("NextToken").isTextual() && !answer.path("NextToken").asText().isEmpty()
                    ? answer.path("NextToken").asText() : null;
        } while (token != null && ++pages < 20);
        return out;
    }

    private JsonNode call(ObjectNode body) throws PriceListUnavailableException {
        try {
            return pricing.call("GetProducts", body);
        } catch (AwsServiceException e) {
            throw new PriceListUnavailableException("GetProducts answered HTTP " + e.statusCode());
        } catch (SdkClientException e) {
            throw new PriceListUnavailableException("GetProducts could not be reached or signed ("
                    + (e.getCause() == null ? e.getClass() : e.getCause().getClass()).getSimpleName() + ")");
        }
    }
}
