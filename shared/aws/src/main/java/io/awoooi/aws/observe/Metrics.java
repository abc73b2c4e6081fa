package io.awoooi.aws.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * CloudWatch metrics in the embedded metric format (EMF): one JSON object per line on stdout, which
 * Lambda sends to the function's log group and CloudWatch Logs turns into metrics in the
 * {@value #NAMESPACE} namespace. Each line is one metric directive: the dimension set is
 * {@code ["Function"]} or {@code ["Function", <dimension>]}; dimension values are enum names or the
 * function's name, never a value from an alert.
 *
 * <pre>{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"AWOOOI",
 *   "Dimensions":[["Function","Status"]],"Metrics":[{"Name":"ApprovalsByStatus","Unit":"Count"}]}]},
 *  "Function":"analysis","Status":"PENDING","ApprovalsByStatus":1}</pre>
 *
 * A line that cannot be written is dropped: a metric never fails an invocation.
 */
public final class Metrics {
    public static final String NAMESPACE = "AWOOOI";
    public static final String FUNCTION = "Function";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Consumer<String> out = System.out::println;

    private Metrics() {
    }

    public static void count(String function, String metric, long count) {
        emit(function, metric, "Count", count, null, null);
    }

    public static void count(String function, String metric, String dimension, String dimensionValue, long count) {
        emit(function, metric, "Count", count, dimension, dimensionValue);
    }

    public static void milliseconds(String function, String metric, long millis) {
        emit(function, metric, "Milliseconds", millis, null, null);
    }

    /** Sends the lines to {@code sink} instead of stdout (tests); answers the sink it replaces. */
    public static Consumer<String> redirect(Consumer<String> sink) {
        Consumer<String> previous = out;
        out = Objects.requireNonNull(sink, "sink");
        return previous;
    }

    static void emit(String function, String metric, String unit, long value, String dimension, String dimensionValue) {
        try {
            out.accept(line(System.currentTimeMillis(), function, metric, unit, value, dimension, dimensionValue));
        } catch (RuntimeException e) {
            // never fail the work for a metric
        }
    }

    /** One EMF document: the _aws metadata, the dimension members, the metric's value. */
    static String line(long timestampMillis, String function, String metric, String unit, long value,
            String dimension, String dimensionValue) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(metric, "metric");
        List<String> dimensionSet = new ArrayList<>(List.of(FUNCTION));
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", List.of(dimensionSet));
        directive.put("Metrics", List.of(Map.of("Name", metric, "Unit", unit)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("Timestamp", timestampMillis);
        metadata.put("CloudWatchMetrics", List.of(directive));
        root.put("_aws", metadata);
        root.put(FUNCTION, function);
        if (dimension != null) {
            dimensionSet.add(dimension);
            root.put(dimension, dimensionValue == null || dimensionValue.isBlank() ? "unknown" : dimensionValue);
        }
        root.put(metric, value);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
