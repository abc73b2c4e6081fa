package io.awoooi.core.finops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prices the scan uses, as configuration: a vCPU-hour and a GiB-hour price (the ratio in which
 * an instance's price is split between its CPU and its memory), per instance type (the value of the
 * node label {@code node.kubernetes.io/instance-type}) its vCPUs, memory and hourly price, and per
 * storage class a GiB-month price. The defaults ({@link #defaults()}) are AWS us-east-1 on-demand
 * list prices with the date they were taken; every figure in a report names the table it used
 * ({@link #label()}).
 *
 * <p>JSON form (the {@code FINOPS_PRICING} setting, or the defaults' resource
 * {@code finops/default-prices.json}):
 * <pre>
 * {"source": "...", "asOf": "2026-12-01", "currency": "USD", "vcpuHour": "0.04048", "gibHour": "0.004445",
 *  "instanceTypes": {"m5.large": {"vcpu": 2, "memoryGib": 8, "hourly": "0.096"}},
 *  "storageClasses": {"gp3": "0.08"}}
 * </pre>
 * A table that cannot be read is refused as a whole, naming the field ({@link InvalidFinOpsSettingException}).
 */
public final class PricingTable {
    public static final String DEFAULTS_RESOURCE = "/finops/default-prices.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final LocalDate asOf;
    private final String currency;
    private final BigDecimal vcpuHour;
    private final BigDecimal gibHour;
    private final Map<String, InstancePrice> instanceTypes;
    private final Map<String, BigDecimal> storageGibMonth;

    public PricingTable(String source, LocalDate asOf, String currency, BigDecimal vcpuHour, BigDecimal gibHour,
            Map<String, InstancePrice> instanceTypes, Map<String, BigDecimal> storageGibMonth) {
        this.source = Objects.requireNonNull(source, "source");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.vcpuHour = positive(vcpuHour, "vcpuHour");
        this.gibHour = positive(gibHour, "gibHour");
        this.instanceTypes = Collections.unmodifiableMap(new TreeMap<>(instanceTypes));
        this.storageGibMonth = Collections.unmodifiableMap(new TreeMap<>(storageGibMonth));
    }

    /** The bundled defaults: AWS us-east-1 on-demand list prices, dated. */
    public static PricingTable defaults() {
        try (InputStream in = PricingTable.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default pricing table is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "default pricing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param setting the name of the setting the JSON came from; every error names it and the field
     * @throws InvalidFinOpsSettingException when the table is not JSON or a field is missing or wrong
     */
    public static PricingTable parse(String json, String setting) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidFinOpsSettingException(setting, "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFinOpsSettingException(setting, "must be a JSON object");
        }
        String source = text(root, "source", setting);
        LocalDate asOf;
        try {
            asOf = LocalDate.parse(text(root, "asOf", setting));
        } catch (DateTimeParseException e) {
            throw new InvalidFinOpsSettingException(setting + ".asOf", "must be a date (YYYY-MM-DD)");
        }
        String currency = root.path("currency").asText("USD");
        BigDecimal vcpuHour = price(root.get("vcpuHour"), setting + ".vcpuHour");
        BigDecimal gibHour = price(root.get("gibHour"), setting + ".gibHour");
        Map<String, InstancePrice> types = new TreeMap<>();
        JsonNode typesNode = root.path("instanceTypes");
        if (!typesNode.isObject()) {
            throw new InvalidFinOpsSettingException(setting + ".instanceTypes", "must be an object of instance types");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = typesNode.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = setting + ".instanceTypes." + e.getKey();
            JsonNode t = e.getValue();
            if (e.getKey().isBlank() || !t.isObject()) {
                throw new InvalidFinOpsSettingException(at, "must be an object with vcpu, memoryGib and hourly");
            }
            JsonNode vcpu = t.get("vcpu");
            if (vcpu == null || !vcpu.canConvertToInt() || !vcpu.isIntegralNumber() || vcpu.asInt() <= 0) {
                throw new InvalidFinOpsSettingException(at + ".vcpu", "must be a positive whole number");
            }
            types.put(e.getKey(),
                    new InstancePrice(e.getKey(), vcpu.asInt(), price(t.get("memoryGib"), at + ".memoryGib"),
                            price(t.get("hourly"), at + ".hourly")));
        }
        Map<String, BigDecimal> storage = new TreeMap<>();
        JsonNode storageNode = root.path("storageClasses");
        if (!storageNode.isObject()) {
            throw new InvalidFinOpsSettingException(setting + ".storageClasses",
                    "must be an object of GiB-month prices");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = storageNode.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            storage.put(e.getKey(), price(e.getValue(), setting + ".storageClasses." + e.getKey()));
        }
        return new PricingTable(source, asOf, currency, vcpuHour, gibHour, types, storage);
    }

    private static String text(JsonNode root, String field, String setting) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new InvalidFinOpsSettingException(setting + "." + field, "must be a non-empty string");
        }
        return n.asText().strip();
    }

    /** A positive decimal, written as a JSON number or a string ("0.096": no binary rounding). */
    private static BigDecimal price(JsonNode n, String at) {
        if (n == null || !(n.isNumber() || n.isTextual())) {
            throw new InvalidFinOpsSettingException(at, "must be a positive number");
        }
        try {
            BigDecimal v = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().strip());
            if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw new InvalidFinOpsSettingException(at, "must be a positive number below 1,000,000");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidFinOpsSettingException(at, "must be a positive number");
        }
    }

    private static BigDecimal positive(BigDecimal v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return v;
    }

    public Optional<InstancePrice> instance(String type) {
        return Optional.ofNullable(type == null ? null : instanceTypes.get(type));
    }

    /** The GiB-month price of a storage class, if the table knows it. */
    public Optional<BigDecimal> storageGibMonth(String storageClass) {
        return Optional.ofNullable(storageClass == null ? null : storageGibMonth.get(storageClass));
    }

    /** Instance types, cheapest first (then by name): the order a resize looks in. */
    public List<InstancePrice> instancesCheapestFirst() {
        return instanceTypes.values().stream()
                .sorted(Comparator.comparing(InstancePrice::hourly).thenComparing(InstancePrice::type)).toList();
    }

    /**
     * An instance's price split between one vCPU-hour and one GiB-hour in the ratio of the table's
     * {@code vcpuHour : gibHour}, so that {@code vcpu x cpuHour + memoryGib x gibHour = hourly}. A pod's
     * requests priced with these rates are its share of the node it runs on.
     */
    public NodeRates ratesOf(InstancePrice instance) {
        BigDecimal ratio = vcpuHour.divide(gibHour, MathContext.DECIMAL64);
        BigDecimal gib = instance.hourly().divide(
                BigDecimal.valueOf(instance.vcpu()).multiply(ratio).add(instance.memoryGib()), MathContext.DECIMAL64);
        return new NodeRates(ratio.multiply(gib, MathContext.DECIMAL64), gib);
    }

    /** What one vCPU and one GiB cost per hour on a given instance type. */
    public record NodeRates(BigDecimal cpuHour, BigDecimal gibHour) {
        /** The hourly cost of {@code cores} vCPUs and {@code bytes} of memory at these rates. */
        public BigDecimal hourly(double cores, double bytes) {
            return cpuHour.multiply(Money.exact(cores)).add(gibHour.multiply(Money.exact(bytes / Money.GIB)));
        }
    }

    /** {@code AWOOOI defaults: ... (as of 2026-12-01, USD)}: the prices a figure used. */
    public String label() {
        return source + " (as of " + asOf + ", " + currency + ")";
    }

    public LocalDate asOf() {
        return asOf;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal vcpuHour() {
        return vcpuHour;
    }

    public BigDecimal gibHour() {
        return gibHour;
    }

    public Map<String, InstancePrice> instanceTypes() {
        return instanceTypes;
    }

    public Map<String, BigDecimal> storageClasses() {
        return storageGibMonth;
    }
}
