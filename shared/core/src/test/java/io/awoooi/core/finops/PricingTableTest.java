package io.awoooi.core.finops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTableTest {

    @Test
    void defaults_loadWithTheirDateAndCommonTypes() {
        // WHEN
        PricingTable table = PricingTable.defaults();
        // THEN
        assertThat(table.asOf()).hasToString("2026-12-01");
        assertThat(table.instance("m5.large")).get().satisfies(i -> {
            assertThat(i.vcpu()).isEqualTo(2);
            assertThat(i.hourly()).isEqualByComparingTo("0.096");
        });
        assertThat(table.storageGibMonth("gp3")).get().satisfies(p -> assertThat(p).isEqualByComparingTo("0.08"));
        assertThat(table.label()).contains("as of 2026-12-01, USD");
    }

    @Test
    void ratesOf_splitTheInstancePriceInTheTablesRatio() {
        // GIVEN vCPU-hour 0.04 : GiB-hour 0.005 = 8 : 1, and an m.large (2 vCPU, 8 GiB) at $0.10/h
        PricingTable table = FinOpsFixtures.prices();
        // WHEN
        PricingTable.NodeRates rates = table.ratesOf(table.instance("m.large").orElseThrow());
        // THEN GiB-hour = 0.10 / (2 x 8 + 8) = 0.0041667, vCPU-hour = 0.0333333, and the whole node costs its price
        assertThat(rates.gibHour().setScale(7, RoundingMode.HALF_UP)).isEqualByComparingTo("0.0041667");
        assertThat(rates.cpuHour().setScale(7, RoundingMode.HALF_UP)).isEqualByComparingTo("0.0333333");
        assertThat(rates.hourly(2, 8 * FinOpsFixtures.GIB).setScale(6, RoundingMode.HALF_UP))
                .isEqualByComparingTo(new BigDecimal("0.100000"));
    }

    @Test
    void instancesCheapestFirst_orderedByPrice() {
        assertThat(FinOpsFixtures.prices().instancesCheapestFirst()).extracting(InstancePrice::type)
                .containsExactly("s.small", "m.large", "m.xlarge");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json                                                                      | FINOPS_PRICING: not JSON",
            "[]                                                                            | FINOPS_PRICING: must be a JSON object",
            "{\"asOf\":\"2026-12-01\"}                                                      | FINOPS_PRICING.source: must be a non-empty string",
            "{\"source\":\"x\",\"asOf\":\"yesterday\"}                                      | FINOPS_PRICING.asOf: must be a date (YYYY-MM-DD)",
            "{\"source\":\"x\",\"asOf\":\"2026-12-01\",\"vcpuHour\":\"-1\"}                 | FINOPS_PRICING.vcpuHour: must be a positive number below 1,000,000",
            "{\"source\":\"x\",\"asOf\":\"2026-12-01\",\"vcpuHour\":1,\"gibHour\":\"cheap\"} | FINOPS_PRICING.gibHour: must be a positive number",
            "{\"source\":\"x\",\"asOf\":\"2026-12-01\",\"vcpuHour\":1,\"gibHour\":1,\"instanceTypes\":{\"m5.large\":{\"vcpu\":2.5,\"memoryGib\":8,\"hourly\":1}},\"storageClasses\":{}} | FINOPS_PRICING.instanceTypes.m5.large.vcpu: must be a positive whole number",
            "{\"source\":\"x\",\"asOf\":\"2026-12-01\",\"vcpuHour\":1,\"gibHour\":1,\"instanceTypes\":{\"m5.large\":{\"vcpu\":2,\"memoryGib\":8}},\"storageClasses\":{}} | FINOPS_PRICING.instanceTypes.m5.large.hourly: must be a positive number",
            "{\"source\":\"x\",\"asOf\":\"2026-12-01\",\"vcpuHour\":1,\"gibHour\":1,\"instanceTypes\":{},\"storageClasses\":{\"gp3\":0}} | FINOPS_PRICING.storageClasses.gp3: must be a positive number below 1,000,000",
    })
    void parse_malformedTable_failsNamingTheField(String json, String message) {
        assertThatThrownBy(() -> PricingTable.parse(json, "FINOPS_PRICING"))
                .isInstanceOf(InvalidFinOpsSettingException.class)
                .hasMessage(message);
    }
}
