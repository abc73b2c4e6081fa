package io.awoooi.local;

import io.awoooi.testing.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One AWS::Serverless::Function of the template, merged with Globals.Function and with its
 * intrinsic functions evaluated against the local resources.
 *
 * @param codeUri     the function.zip (or a folder of classes), absolute
 * @param environment Environment.Variables with local names, URLs and ARNs
 * @param events      Events, each with its evaluated Properties
 */
record FunctionSpec(String logicalId, Path codeUri, String handler, String runtime, int memoryMb,
        int timeoutSeconds, Map<String, String> environment, List<EventSpec> events) {

    static final int DEFAULT_MEMORY_MB = 128;
    static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /** One entry of a function's Events. */
    record EventSpec(String name, String type, Map<String, Object> properties) {
    }

    FunctionSpec {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        events = List.copyOf(events);
    }

    /** The function's name without the Function suffix, lower case: IntakeFunction -> intake. */
    String shortName() {
        String name = logicalId.endsWith("Function") && logicalId.length() > "Function".length()
                ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
        return name.toLowerCase(Locale.ROOT);
    }

    List<EventSpec> eventsOfType(String... types) {
        List<String> wanted = List.of(types);
        return events.stream().filter(e -> wanted.contains(e.type())).toList();
    }

    static List<FunctionSpec> fromTemplate(SamTemplate template, SamTemplate.Resolver resolver) {
        List<FunctionSpec> functions = new ArrayList<>();
        for (String id : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            functions.add(of(template, resolver, id));
        }
        return functions;
    }

    static FunctionSpec of(SamTemplate template, SamTemplate.Resolver resolver, String id) {
        Map<String, Object> props = template.functionProperties(id);
        String where = id + " in " + template.file().getFileName();
        if ("Image".equals(props.get("PackageType"))) {
            throw new IllegalArgumentException(where + ": container image functions cannot run locally");
        }
        String runtime = string(template, resolver, props.get("Runtime"), "java21");
        if (!runtime.startsWith("java")) {
            throw new IllegalArgumentException(
                    where + ": Runtime " + runtime + " cannot run locally (Java runtimes only)");
        }
        Object code = template.evaluate(props.get("CodeUri"), resolver);
        if (!(code instanceof String codePath) || codePath.isBlank()) {
            throw new IllegalArgumentException(where + ": CodeUri must be a local path (got " + code + ")");
        }
        String handler = string(template, resolver, props.get("Handler"), null);
        if (handler == null || handler.isBlank()) {
            throw new IllegalArgumentException(where + ": no Handler");
        }
        int memory = number(template, resolver, props.get("MemorySize"), DEFAULT_MEMORY_MB, where + " MemorySize");
        int timeout = number(template, resolver, props.get("Timeout"), DEFAULT_TIMEOUT_SECONDS, where + " Timeout");

        Map<String, String> environment = new LinkedHashMap<>();
        if (props.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((name, value) -> environment.put(String.valueOf(name),
                    template.evaluateToString(value, resolver)));
        }
        List<EventSpec> events = new ArrayList<>();
        if (props.get("Events") instanceof Map<?, ?> eventMap) {
            eventMap.forEach((name, event) -> {
                if (!(event instanceof Map<?, ?> e)) {
                    throw new IllegalArgumentException(where + ": event " + name + " is not a map");
                }
                Object evaluated = template.evaluate(e.get("Properties") == null ? Map.of() : e.get("Properties"),
                        resolver);
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) evaluated;
                events.add(new EventSpec(String.valueOf(name), String.valueOf(e.get("Type")), properties));
            });
        }
        Path codeUri = template.directory().resolve(codePath).normalize();
        return new FunctionSpec(id, codeUri, handler, runtime, memory, timeout, environment, events);
    }

    private static String string(SamTemplate template, SamTemplate.Resolver resolver, Object node, String fallback) {
        return node == null ? fallback : template.evaluateToString(node, resolver);
    }

    private static int number(SamTemplate template, SamTemplate.Resolver resolver, Object node, int fallback,
            String what) {
        if (node == null) {
            return fallback;
        }
        String text = template.evaluateToString(node, resolver);
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a whole number: " + text);
        }
    }
}
