package io.awoooi.finops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.awoooi.core.finops.PricingTable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The pricing table refreshed from the AWS Price List Query API (pricing:GetProducts), served by
 * WireMock as the API answers: JSON 1.1 with X-Amz-Target, products as JSON strings in PriceList.
 */
class AwsPriceListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T06:00:00Z"), ZoneOffset.UTC);
    private static final String TABLE = """
            {"source": "ours", "asOf": "2026-12-01", "vcpuHour": "0.04048", "gibHour": "0.004445",
             "instanceTypes": {"m5.large": {"vcpu": 2, "memoryGib": 8, "hourly": "0.096"},
                               "m5.xlarge": {"vcpu": 4, "memoryGib": 16, "hourly": "0.192"}},
             "storageClasses": {"gp3": "0.08", "gp2": "0.10", "standard-rwo": "0.17"}}""";

    private WireMockServer api;

    @BeforeEach
    void start() {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    private AwsPriceList priceList() {
        return new AwsPriceList(URI.create(api.baseUrl() + "/"), "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), CLOCK,
                Duration.ofSeconds(10));
    }

    /** A product as the API lists it (a JSON string), with one on-demand price. */
    private static String product(String instanceType, String vcpu, String memory, String unit, String usd) {
        ObjectNode p = JSON.createObjectNode();
        ObjectNode attributes = p.putObject("product").putObject("attributes");
        if (instanceType != null) {
            attributes.put("instanceType", instanceType).put("vcpu", vcpu).put("memory", memory);
        }
        p.putObject("terms").putObject("OnDemand").putObject("SKU.JRTCKXETXF").putObject("priceDimensions")
                .putObject("SKU.JRTCKXETXF.6YS6EN2CT7").put("unit", unit).putObject("pricePerUnit").put("USD", usd);
        return p.toString();
    }

    private void answer(String filterValue, String... products) {
        ObjectNode body = JSON.createObjectNode();
        body.put("FormatVersion", "aws_v1");
        ArrayNode list = body.putArray("PriceList");
        List.of(products).forEach(list::add);
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(AwsPriceList.TARGET))
                .withRequestBody(containing("\"Value\":\"" + filterValue + "\""))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body.toString())));
    }

    @Test
    void refresh_pricedItemsTakeTheApisFigure_unknownOrAmbiguousKeepTheTables() throws Exception {
        // GIVEN the API knows m5.large (now $0.097/h) and gp3 ($0.088/GB-month); not m5.xlarge; gp2 twice
        // over (two prices); standard-rwo is no EBS volume type, so it is not asked about
        answer("m5.large", product("m5.large", "2", "8 GiB", "Hrs", "0.0970000000"));
        answer("m5.xlarge");
        answer("gp3", product(null, null, null, "GB-Mo", "0.0880000000"));
        answer("gp2", product(null, null, null, "GB-Mo", "0.1000000000"),
                product(null, null, null, "GB-Mo", "0.1100000000"));
        // WHEN
        PricingTable refreshed = priceList().refresh(PricingTable.parse(TABLE, "test"));
        // THEN
        assertThat(refreshed.instance("m5.large").orElseThrow().hourly()).isEqualByComparingTo("0.097");
        assertThat(refreshed.instance("m5.xlarge").orElseThrow().hourly()).isEqualByComparingTo("0.192");
        assertThat(refreshed.storageGibMonth("gp3"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.088"));
        assertThat(refreshed.storageGibMonth("gp2"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.10"));
        assertThat(refreshed.storageGibMonth("standard-rwo"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.17"));
        assertThat(refreshed.asOf()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(refreshed.label())
                .isEqualTo("AWS Price List API, eu-west-1 on-demand (2 prices refreshed; m5.xlarge, gp2,"
                        + " standard-rwo as in ours (as of 2026-12-01, USD)) (as of 2026-12-07, USD)");
        // AND every call is signed for the pricing service in us-east-1 and filtered to the Region, Linux, shared
        api.verify(4, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization",
                        containing("Credential=AKIDEXAMPLE/20261207/us-east-1/pricing/aws4_request"))
                .withHeader("Authorization", containing("x-amz-target"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(containing("\"Field\":\"regionCode\",\"Value\":\"eu-west-1\"")));
        api.verify(2,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(containing("\"Field\":\"operatingSystem\",\"Value\":\"Linux\""))
                        .withRequestBody(containing("\"Field\":\"tenancy\",\"Value\":\"Shared\"")));
    }

    @Test
    void refresh_apiRefuses_failsNamingIt_andTheScanPricesWithTheConfiguredTable() {
        // GIVEN the role lacks pricing:GetProducts
        api.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse().withStatus(403).withBody("{\"__type\":\"AccessDeniedException\"}")));
        PricingTable table = PricingTable.parse(TABLE, "test");
        // WHEN / THEN
        assertThatThrownBy(() -> priceList().refresh(table))
                .isInstanceOf(AwsPriceList.PriceListUnavailableException.class)
                .hasMessage("GetProducts answered HTTP 403");
        PricingTable used = new ScanPrices(table, Optional.of(priceList()), CLOCK).get();
        assertThat(used.instance("m5.large").orElseThrow().hourly()).isEqualByComparingTo("0.096");
        assertThat(used.label()).startsWith("ours (as of 2026-12-01, USD); not refreshed from the AWS Price List API:"
                + " GetProducts answered HTTP 403");
    }

    @Test
    void scanPrices_refreshOncePerDay_noneWithoutRefresh() {
        // GIVEN every item priced
        answer("m5.large", product("m5.large", "2", "8 GiB", "Hrs", "0.0970000000"));
        answer("m5.xlarge", product("m5.xlarge", "4", "16 GiB", "Hrs", "0.1940000000"));
        answer("gp3", product(null, null, null, "GB-Mo", "0.0880000000"));
        answer("gp2", product(null, null, null, "GB-Mo", "0.1000000000"));
        PricingTable table = PricingTable.parse(TABLE, "test");
        ScanPrices prices = new ScanPrices(table, Optional.of(priceList()), CLOCK);
        // WHEN two scans on one day
        PricingTable first = prices.get();
        PricingTable second = prices.get();
        // THEN one refresh (4 calls), the same table twice; without refresh the table as configured, no call
        assertThat(second).isSameAs(first);
        assertThat(first.instance("m5.xlarge").orElseThrow().hourly()).isEqualByComparingTo("0.194");
        api.verify(4, postRequestedFor(urlEqualTo("/")));
        assertThat(new ScanPrices(table, Optional.empty(), CLOCK).get()).isSameAs(table);
        api.verify(4, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void gib_readsThePriceListsMemory() {
        assertThat(AwsPriceList.gib("8 GiB")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("8"));
        assertThat(AwsPriceList.gib("0.5 GiB")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.5"));
        assertThat(AwsPriceList.gib("1,024 GiB")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1024"));
        assertThat(AwsPriceList.gib("NA")).isEmpty();
    }
}
