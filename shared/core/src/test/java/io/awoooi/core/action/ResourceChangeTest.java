package io.awoooi.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceChangeTest {

    private static Optional<Quantity> q(String text) {
        return text == null ? Optional.empty() : Optional.of(Quantity.parse(text).orElseThrow());
    }

    private static ResourceChange change(String resource, String field, String limit, String request, String wanted) {
        return new ResourceChange("api", ContainerResource.fromId(resource).orElseThrow(),
                ResourceField.fromId(field).orElseThrow(), q(limit), q(request), q(wanted).orElseThrow());
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                // resource, field, current limit, current request, wanted
                Arguments.of("memory", "limit", "512Mi", "256Mi", "1Gi"),
                Arguments.of("memory", "limit", "512Mi", "256Mi", "768Mi"),
                Arguments.of("memory", "limit", "512Mi", null, "513Mi"),
                Arguments.of("memory", "limit", "1G", null, "2G"),
                Arguments.of("memory", "limit", "8Gi", "8Gi", "16Gi"),
                Arguments.of("memory", "limit", "536870912", null, "1073741824"),
                Arguments.of("memory", "limit", "512Mi", null, "1e9"),
                Arguments.of("memory", "request", "1Gi", "256Mi", "512Mi"),
                Arguments.of("memory", "request", null, "256Mi", "300Mi"),
                Arguments.of("memory", "request", "512Mi", "256Mi", "512Mi"),
                Arguments.of("cpu", "limit", "500m", "250m", "1"),
                Arguments.of("cpu", "limit", "1", null, "1500m"),
                Arguments.of("cpu", "limit", "4", "1", "8"),
                Arguments.of("cpu", "limit", "0.5", null, "0.75"),
                Arguments.of("cpu", "request", "2", "100m", "200m"),
                Arguments.of("cpu", "request", null, "1", "1.001"));
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void problem_raiseWithinBounds_none(String resource, String field, String limit, String request, String wanted) {
        ResourceChange c = change(resource, field, limit, request, wanted);
        assertThat(c.problem()).as(c.describe()).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("memory", "limit", "512Mi", null, "512Mi",
                        "memory limit of container api: 512Mi is not larger than the current 512Mi"),
                Arguments.of("memory", "limit", "1Gi", null, "1024Mi", "is not larger than the current 1Gi"),
                Arguments.of("memory", "limit", "1Gi", null, "512Mi", "is not larger than the current 1Gi"),
                Arguments.of("memory", "limit", "512Mi", null, "1025Mi",
                        "memory limit of container api: 1025Mi is more than 2x the current 512Mi (2.00x)"),
                Arguments.of("memory", "limit", "512Mi", null, "2Gi", "is more than 2x the current 512Mi (4.00x)"),
                Arguments.of("memory", "limit", "1G", null, "2Gi", "is more than 2x the current 1G (2.15x)"),
                Arguments.of("memory", "limit", "10Gi", null, "17Gi",
                        "memory limit of container api: 17Gi is above the cap of 16Gi memory"),
                Arguments.of("memory", "limit", "9Gi", null, "16.5Gi", "is above the cap of 16Gi memory"),
                Arguments.of("memory", "limit", null, "256Mi", "512Mi", "memory limit of container api is not set"),
                Arguments.of("memory", "request", "1Gi", null, "512Mi", "memory request of container api is not set"),
                Arguments.of("memory", "request", "300Mi", "256Mi", "400Mi",
                        "memory request of container api: 400Mi would be above the limit 300Mi"),
                Arguments.of("memory", "limit", "128Mi", "512Mi", "200Mi",
                        "memory limit of container api: 200Mi would be below the request 512Mi"),
                Arguments.of("memory", "limit", "512Mi", null, "600000000500m", "is not a whole number of bytes"),
                Arguments.of("memory", "limit", "0", null, "1Mi", "is more than 2x the current 0"),
                Arguments.of("cpu", "limit", "500m", null, "1001m",
                        "cpu limit of container api: 1001m is more than 2x the current 500m"),
                Arguments.of("cpu", "limit", "6", null, "9", "is above the cap of 8 cpu"),
                Arguments.of("cpu", "limit", "500m", null, "0.6005", "is finer than 1m"),
                Arguments.of("cpu", "limit", "500m", null, "500m", "is not larger than the current 500m"),
                Arguments.of("cpu", "limit", "500m", null, "0.5", "is not larger than the current 500m"),
                Arguments.of("cpu", "request", "1", "600m", "1100m", "would be above the limit 1"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void problem_outOfBounds_namesTheRule(String resource, String field, String limit, String request, String wanted,
            String reason) {
        ResourceChange c = change(resource, field, limit, request, wanted);
        assertThat(c.problem()).as(c.describe()).hasValueSatisfying(p -> assertThat(p).contains(reason));
    }

    @Test
    void problem_zeroOrNegativeWanted_refused() {
        // GIVEN quantities the catalog refuses, built directly
        ResourceChange zero = new ResourceChange("api", ContainerResource.MEMORY, ResourceField.LIMIT, q("1Gi"),
                Optional.empty(), q("0").orElseThrow());
        assertThat(zero.problem()).hasValueSatisfying(p -> assertThat(p).contains("not a positive quantity"));
    }

    @Test
    void alreadySet_sameAmountInOtherUnits_true() {
        assertThat(change("memory", "limit", "1Gi", null, "1024Mi").alreadySet()).isTrue();
        assertThat(change("memory", "limit", "1Gi", null, "2Gi").alreadySet()).isFalse();
        assertThat(change("cpu", "request", "2", "500m", "0.5").alreadySet()).isTrue();
        assertThat(change("memory", "limit", null, "1Gi", "1Gi").alreadySet()).isFalse();
    }

    @Test
    void describe_namesTheChangeAndTheBounds() {
        assertThat(change("memory", "limit", "512Mi", "256Mi", "1Gi").describe())
                .isEqualTo("memory limit of container api from 512Mi to 1Gi (2.00x; at most 2x, cap 16Gi)");
        assertThat(change("cpu", "request", "2", null, "1").describe())
                .isEqualTo("cpu request of container api to 1 (at most 2x, cap 8)");
    }

    @Test
    void bounds_areTheDocumentedConstants() {
        assertThat(ResourceChange.MAX_FACTOR).isEqualTo(2);
        assertThat(ContainerResource.MEMORY.cap().text()).isEqualTo("16Gi");
        assertThat(ContainerResource.CPU.cap().text()).isEqualTo("8");
    }
}
