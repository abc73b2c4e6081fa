package io.awoooi.aws.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each line Metrics prints is a CloudWatch embedded metric format document as the specification
 * requires: a JSON object whose _aws member holds a numeric Timestamp and CloudWatchMetrics, an array
 * of directives each with a Namespace, Dimensions (an array of dimension sets, each an array of at
 * most 30 member names) and Metrics (at most 100, each with a Name and a standard Unit); every
 * member a directive refers to is on the root, dimensions as strings and metrics as numbers.
 */
class MetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> UNITS = List.of("Seconds", "Microseconds", "Milliseconds", "Bytes",
            "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits",
            "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
            "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
            "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    private final List<String> lines = new ArrayList<>();
    private Consumer<String> previous;

    @BeforeEach
    void capture() {
        previous = Metrics.redirect(lines::add);
    }

    @AfterEach
    void restore() {
        Metrics.redirect(previous);
    }

    @Test
    void everyLineIsAValidEmfDocument() throws Exception {
        long before = System.currentTimeMillis();
        Metrics.count("intake", "AlertsReceived", 3);
        Metrics.count("redaction", "LabelsCreated", "Type", "EMAIL", 2);
        Metrics.milliseconds("analysis", "NarratorLatencyMs", 1234);
        Metrics.count("approval", "ApprovalsByStatus", "Status", "APPROVED", 1);
        Metrics.count("executor", "ExecutionsByResult", "Result", null, 1);

        assertThat(lines).hasSize(5);
        for (String line : lines) {
            assertThat(line).doesNotContain("\n");
            JsonNode root = JSON.readTree(line);
            assertEmf(root, before);
        }
        JsonNode labels = JSON.readTree(lines.get(1));
        assertThat(labels.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").get(0).toString())
                .isEqualTo("[\"Function\",\"Type\"]");
        assertThat(labels.get("Function").asText()).isEqualTo("redaction");
        assertThat(labels.get("Type").asText()).isEqualTo("EMAIL");
        assertThat(labels.get("LabelsCreated").asLong()).isEqualTo(2);
        JsonNode latency = JSON.readTree(lines.get(2));
        assertThat(latency.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText())
                .isEqualTo("Milliseconds");
        assertThat(latency.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText()).isEqualTo("AWOOOI");
        assertThat(JSON.readTree(lines.get(4)).get("Result").asText()).isEqualTo("unknown");
    }

    @Test
    void aFailingSinkNeverFailsTheCaller() {
        Metrics.redirect(line -> {
            throw new IllegalStateException("closed");
        });
        Metrics.count("intake", "AlertsReceived", 1);
    }

    /** The specification's required structure, member by member. */
    static void assertEmf(JsonNode root, long notBefore) {
        assertThat(root.isObject()).isTrue();
        JsonNode aws = root.get("_aws");
        assertThat(aws).as("_aws metadata").isNotNull();
        assertThat(aws.isObject()).isTrue();
        assertThat(aws.get("Timestamp").isIntegralNumber()).as("Timestamp in ms since the epoch").isTrue();
        assertThat(aws.get("Timestamp").asLong()).isGreaterThanOrEqualTo(notBefore);
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertThat(directives.isArray()).isTrue();
        assertThat(directives.size()).isPositive();
        for (JsonNode directive : directives) {
            assertThat(directive.get("Namespace").isTextual()).isTrue();
            assertThat(directive.get("Namespace").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
            JsonNode dimensions = directive.get("Dimensions");
            assertThat(dimensions.isArray()).isTrue();
            for (JsonNode set : dimensions) {
                assertThat(set.isArray()).isTrue();
                assertThat(set.size()).isBetween(1, 30);
                for (JsonNode name : set) {
                    assertThat(name.isTextual()).isTrue();
                    JsonNode member = root.get(name.asText());
                    assertThat(member).as("dimension member " + name).isNotNull();
                    assertThat(member.isTextual()).as("dimension values are strings").isTrue();
                    assertThat(member.asText()).isNotEmpty().hasSizeLessThanOrEqualTo(1024);
                }
            }
            JsonNode metrics = directive.get("Metrics");
            assertThat(metrics.isArray()).isTrue();
            assertThat(metrics.size()).isBetween(1, 100);
            for (JsonNode metric : metrics) {
                String name = metric.get("Name").asText();
                assertThat(name).isNotBlank().hasSizeLessThanOrEqualTo(1024);
                if (metric.has("Unit")) {
                    assertThat(UNITS).contains(metric.get("Unit").asText());
                }
                assertThat(root.get(name)).as("metric member " + name).isNotNull();
                assertThat(root.get(name).isNumber()).isTrue();
            }
        }
    }
}
