package io.awoooi.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A SAM/CloudFormation template read as plain maps and lists, with the short-form tags turned into
 * their long form ({@code !Ref X} becomes {@code {"Ref": "X"}}), so the rest of the code deals with
 * one shape only. The loaded tree is unmodifiable: one template is shared by many tests.
 */
public final class SamTemplate {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";

    /** Short tags and the long-form key each one becomes. */
    private static final Map<String, String> SHORT_TAGS = shortTags();

    private static final List<String> EVALUATED = List.of("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select",
            "Fn::Split");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    /** Resolves what {@link #evaluate} cannot know by itself: what a name or attribute is locally. */
    public interface Resolver {
        String ref(String name);

        String getAtt(String logicalId, String attribute);
    }

    public static SamTemplate load(Path templateFile) {
        Path file = templateFile.toAbsolutePath().normalize();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // CloudFormation rejects them too
        // The template's shared blocks (Metadata.AwoooiShared) are merged into many functions and alarms
        // by alias; SnakeYAML's default cap of 50 guards against alias bombs in untrusted input, and
        // this file is our own.
        options.setMaxAliasesForCollections(1000);
        Object loaded;
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded = new Yaml(new CfnConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        if (!(freeze(loaded) instanceof Map<?, ?> map) || !map.containsKey("Resources")) {
            throw new IllegalArgumentException(file + " is not a CloudFormation template (no Resources)");
        }
        return new SamTemplate(file, asMap(map));
    }

    public Path file() {
        return file;
    }

    /** The template's folder: relative paths in it (CodeUri) are relative to this. */
    public Path directory() {
        return file.getParent();
    }

    /** The whole template, unmodifiable. */
    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> parameters() {
        return section(root, "Parameters");
    }

    public Map<String, Object> resources() {
        return section(root, "Resources");
    }

    public Map<String, Object> outputs() {
        return section(root, "Outputs");
    }

    public Map<String, Object> resource(String logicalId) {
        if (!(resources().get(logicalId) instanceof Map<?, ?> resource)) {
            throw new IllegalArgumentException("no resource '" + logicalId + "' in " + file);
        }
        return asMap(resource);
    }

    /**
     * The Properties of the function's events of one Type ({@code SQS}, {@code HttpApi},
     * {@code ScheduleV2}), as written, in the template's order.
     */
    public List<Map<String, Object>> eventProperties(String function, String type) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Object event : section(functionProperties(function), "Events").values()) {
            if (event instanceof Map<?, ?> e && type.equals(e.get("Type"))) {
                out.add(section(asMap(e), "Properties"));
            }
        }
        return out;
    }

    /** The resource's Type, e.g. AWS::SQS::Queue. */
    public String typeOf(String logicalId) {
        return String.valueOf(resource(logicalId).get("Type"));
    }

    /** The resource's Properties, empty if it has none. */
    public Map<String, Object> properties(String logicalId) {
        return section(resource(logicalId), "Properties");
    }

    public List<String> logicalIdsOfType(String type) {
        return resources().entrySet().stream()
                .filter(e -> e.getValue() instanceof Map<?, ?> r && type.equals(r.get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The function's Properties deep-merged over Globals.Function: maps merge key-wise (so
     * Environment.Variables of both survive), scalars and lists of the function win.
     */
    public Map<String, Object> functionProperties(String logicalId) {
        if (!FUNCTION.equals(typeOf(logicalId))) {
            throw new IllegalArgumentException(logicalId + " is a " + typeOf(logicalId) + ", not a " + FUNCTION);
        }
        Map<String, Object> globals = section(section(root, "Globals"), "Function");
        return asMap(freeze(merge(globals, properties(logicalId))));
    }

    /**
     * Evaluates the intrinsic functions in {@code node} (Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
     * Fn::Select, Fn::Split, and Fn::If over the template's Conditions), asking {@code resolver} for names and attributes. Plain values come
     * back as they are; any other intrinsic is an IllegalArgumentException naming it.
     */
    public Object evaluate(Object node, Resolver resolver) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, only.getValue(), resolver);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object value = evaluate(v, resolver);
                if (value != null) {
                    out.put(String.valueOf(k), value);
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(evaluate(v, resolver)));
            return out;
        }
        return node;
    }

    /** {@link #evaluate} for a value that must come out as a string. */
    public String evaluateToString(Object node, Resolver resolver) {
        return text("value", evaluate(node, resolver));
    }

    private Object intrinsic(String function, Object argument, Resolver resolver) {
        if (function.equals("Fn::If")) {
            // lazy: only the chosen branch is evaluated; AWS::NoValue leaves the property out (null)
            List<?> parts = list(function, argument, 3);
            Object chosen = condition(text(function, parts.get(0)), resolver) ? parts.get(1) : parts.get(2);
            if (chosen instanceof Map<?, ?> m && m.size() == 1 && "AWS::NoValue".equals(m.get("Ref"))) {
                return null;
            }
            return evaluate(chosen, resolver);
        }
        if (!EVALUATED.contains(function)) {
            throw new IllegalArgumentException("unsupported intrinsic function " + function
                    + " (evaluate knows " + String.join(", ", EVALUATED) + ")");
        }
        Object arg = evaluate(argument, resolver);
        return switch (function) {
            case "Ref" -> resolver.ref(text(function, arg));
            case "Fn::GetAtt" -> {
                List<?> parts = arg instanceof String s ? splitGetAtt(s) : list(function, arg, 2);
                yield resolver.getAtt(text(function, parts.get(0)), text(function, parts.get(1)));
            }
            case "Fn::Sub" -> {
                if (arg instanceof String s) {
                    yield sub(s, Map.of(), resolver);
                }
                List<?> parts = list(function, arg, 2);
                if (!(parts.get(1) instanceof Map<?, ?> variables)) {
                    throw new IllegalArgumentException("Fn::Sub variables must be a map, got: " + parts.get(1));
                }
                yield sub(text(function, parts.get(0)), variables, resolver);
            }
            case "Fn::Join" -> {
                List<?> parts = list(function, arg, 2);
                List<String> items = list(function, parts.get(1), -1).stream().map(v -> text(function, v)).toList();
                yield String.join(text(function, parts.get(0)), items);
            }
            case "Fn::Select" -> {
                List<?> parts = list(function, arg, 2);
                List<?> items = list(function, parts.get(1), -1);
                int index = Integer.parseInt(text(function, parts.get(0)));
                if (index < 0 || index >= items.size()) {
                    throw new IllegalArgumentException("Fn::Select index " + index + " out of " + items);
                }
                yield items.get(index);
            }
            case "Fn::Split" -> {
                List<?> parts = list(function, arg, 2);
                yield List.of(text(function, parts.get(1)).split(Pattern.quote(text(function, parts.get(0))), -1));
            }
            default -> throw new IllegalStateException(function);
        };
    }

    /** A named condition of the template's Conditions section, evaluated with the parameters' local values. */
    public boolean condition(String name, Resolver resolver) {
        Object definition = section(root, "Conditions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name + " in " + file().getFileName());
        }
        return conditionValue(definition, resolver);
    }

    private boolean conditionValue(Object node, Resolver resolver) {
        if (!(node instanceof Map<?, ?> map) || map.size() != 1) {
            throw new IllegalArgumentException(
                    "a condition must be one of Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition: "
                            + node);
        }
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        String key = String.valueOf(only.getKey());
        return switch (key) {
            case "Condition" -> condition(text(key, only.getValue()), resolver);
            case "Fn::Equals" -> {
                List<?> parts = list(key, only.getValue(), 2);
                yield String.valueOf(evaluate(parts.get(0), resolver))
                        .equals(String.valueOf(evaluate(parts.get(1), resolver)));
            }
            case "Fn::Not" -> !conditionValue(list(key, only.getValue(), 1).get(0), resolver);
            case "Fn::And" -> list(key, only.getValue(), -1).stream().allMatch(c -> conditionValue(c, resolver));
            case "Fn::Or" -> list(key, only.getValue(), -1).stream().anyMatch(c -> conditionValue(c, resolver));
            default -> throw new IllegalArgumentException("unsupported condition function " + key);
        };
    }

    /** ${Name} is a Ref, ${Res.Attr} a GetAtt, ${!Literal} the text ${Literal}; variables win. */
    private static String sub(String template, Map<?, ?> variables, Resolver resolver) {
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = text("Fn::Sub", variables.get(name));
            } else if (name.contains(".")) {
                List<String> parts = splitGetAtt(name);
                value = resolver.getAtt(parts.get(0), parts.get(1));
            } else {
                value = resolver.ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static List<String> splitGetAtt(String dotted) {
        int dot = dotted.indexOf('.');
        if (dot <= 0 || dot == dotted.length() - 1) {
            throw new IllegalArgumentException("GetAtt needs LogicalId.Attribute, got: " + dotted);
        }
        return List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    private static String text(String function, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException(function + " expected a string, got: " + value);
    }

    /** The value as a list, of exactly {@code size} items unless size is -1. */
    private static List<?> list(String function, Object value, int size) {
        if (!(value instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new IllegalArgumentException(function + " expected a list"
                    + (size >= 0 ? " of " + size : "") + ", got: " + value);
        }
        return list;
    }

    static Map<String, Object> section(Map<String, Object> map, String key) {
        return map.get(key) instanceof Map<?, ?> section ? asMap(section) : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((key, value) -> out.merge(key, value,
                (b, o) -> b instanceof Map<?, ?> bm && o instanceof Map<?, ?> om ? merge(asMap(bm), asMap(om)) : o));
        return out;
    }

    /** A deep unmodifiable copy with string keys, keeping the template's order. */
    private static Object freeze(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(freeze(v)));
            return Collections.unmodifiableList(out);
        }
        return node;
    }

    private static Map<String, String> shortTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Ref", "Ref");
        tags.put("Condition", "Condition");
        for (String fn : List.of("GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And",
                "Or", "FindInMap", "Base64", "ImportValue", "GetAZs", "Cidr", "Transform")) {
            tags.put(fn, "Fn::" + fn);
        }
        return Collections.unmodifiableMap(tags);
    }

    /** SnakeYAML's safe constructor plus the CloudFormation short tags. */
    private static final class CfnConstructor extends SafeConstructor {

        CfnConstructor(LoaderOptions options) {
            super(options);
            // CloudFormation reads an unquoted 2010-09-09 as text, not as a date.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            SHORT_TAGS.forEach((tag, longForm) -> yamlConstructors.put(new Tag("!" + tag), new ShortTag(longForm)));
        }

        private final class ShortTag extends AbstractConstruct {
            private final String longForm;

            ShortTag(String longForm) {
                this.longForm = longForm;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                    if (longForm.equals("Fn::GetAtt")) {
                        value = splitGetAtt((String) value); // !GetAtt A.B is the list form [A, B]
                    }
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(longForm, value);
                return intrinsic;
            }
        }
    }
}
