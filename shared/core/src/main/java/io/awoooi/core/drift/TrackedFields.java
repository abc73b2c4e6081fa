package io.awoooi.core.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields the drift scan compares, as paths:
 * <ul>
 *   <li>{@code metadata.labels.<key>}, {@code metadata.annotations.<key>},
 *       {@code spec.template.metadata.labels.<key>}, {@code spec.template.metadata.annotations.<key>}
 *       (without the annotations the API server and controllers write, see {@link #ignoredAnnotation});</li>
 *   <li>{@code spec.replicas};</li>
 *   <li>{@code spec.template.spec.securityContext};</li>
 *   <li>per container and init container, by name:
 *       {@code spec.template.spec.containers[<name>].image|resources|command|args|livenessProbe|readinessProbe|startupProbe|securityContext}
 *       and {@code ...containers[<name>].env[<NAME>]}.</li>
 * </ul>
 * Everything else (status, managedFields, selectors, strategy, defaulted fields the model does not
 * track) is not compared.
 */
public final class TrackedFields {
    public static final String REPLICAS = "spec.replicas";
    static final String POD = "spec.template.spec";
    static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers");
    static final List<String> CONTAINER_FIELDS = List.of("image", "resources", "command", "args",
            "livenessProbe", "readinessProbe", "startupProbe", "securityContext");
    static final List<String> METADATA_MAPS = List.of("metadata.labels", "metadata.annotations",
            "spec.template.metadata.labels", "spec.template.metadata.annotations");
    /** Annotation prefixes owned by the API server, kubectl and controllers. */
    static final Set<String> IGNORED_ANNOTATION_PREFIXES = Set.of("kubectl.kubernetes.io/",
            "deployment.kubernetes.io/", "autoscaling.alpha.kubernetes.io/", "meta.helm.sh/");

    private TrackedFields() {
    }

    /** {@code kubectl.kubernetes.io/restartedAt}, the last-applied annotation, revision counters ... */
    public static boolean ignoredAnnotation(String key) {
        for (String prefix : IGNORED_ANNOTATION_PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The tracked fields of an object (live, or a last-applied configuration), path to raw value. */
    public static Map<String, Object> of(Map<String, Object> object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String mapPath : METADATA_MAPS) {
            Object m = at(object, mapPath);
            if (m instanceof Map<?, ?> map) {
                boolean annotations = mapPath.endsWith("annotations");
                map.forEach((k, v) -> {
                    String key = String.valueOf(k);
                    if (!(annotations && ignoredAnnotation(key))) {
                        out.put(mapPath + "." + key, v);
                    }
                });
            }
        }
        Object replicas = at(object, REPLICAS);
        if (replicas != null) {
            out.put(REPLICAS, replicas);
        }
        Object podSecurity = at(object, POD + ".securityContext");
        if (podSecurity != null) {
            out.put(POD + ".securityContext", podSecurity);
        }
        for (String list : CONTAINER_LISTS) {
            if (at(object, POD + "." + list) instanceof List<?> containers) {
                for (Object c : containers) {
                    if (c instanceof Map<?, ?> container && container.get("name") instanceof String name) {
                        String prefix = POD + "." + list + "[" + name + "]";
                        for (String field : CONTAINER_FIELDS) {
                            Object v = container.get(field);
                            if (v != null) {
                                out.put(prefix + "." + field,
                                        field.equals("resources") ? Canonical.normaliseQuantities(v) : v);
                            }
                        }
                        if (container.get("env") instanceof List<?> env) {
                            for (Object e : env) {
                                if (e instanceof Map<?, ?> var && var.get("name") instanceof String varName) {
                                    Map<String, Object> value = new LinkedHashMap<>();
                                    var.forEach((k, v) -> {
                                        if (!"name".equals(k) && v != null) {
                                            value.put(String.valueOf(k), v);
                                        }
                                    });
                                    out.put(prefix + ".env[" + varName + "]", value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The category of a tracked path. */
    public static DriftCategory category(String path) {
        if (path.equals(REPLICAS)) {
            return DriftCategory.REPLICAS;
        }
        if (path.startsWith("metadata.") || path.startsWith("spec.template.metadata.")) {
            return DriftCategory.METADATA;
        }
        if (path.contains(".env[")) {
            return DriftCategory.ENV;
        }
        if (path.endsWith(".image")) {
            return DriftCategory.IMAGE;
        }
        if (path.endsWith(".resources")) {
            return DriftCategory.RESOURCES;
        }
        if (path.endsWith(".command") || path.endsWith(".args")) {
            return DriftCategory.COMMAND;
        }
        if (path.endsWith("Probe")) {
            return DriftCategory.PROBES;
        }
        return DriftCategory.SECURITY_CONTEXT;
    }

    /**
     * The tracked path a raw field path (from {@code fieldsV1}, see {@link FieldsV1}) falls under, if
     * any: {@code spec.template.spec.containers[app].livenessProbe.httpGet.port} is
     * {@code spec.template.spec.containers[app].livenessProbe}.
     */
    public static Optional<String> trackedOf(String rawPath) {
        for (String mapPath : METADATA_MAPS) {
            if (rawPath.startsWith(mapPath + ".")) {
                String key = rawPath.substring(mapPath.length() + 1);
                return mapPath.endsWith("annotations") && ignoredAnnotation(key) ? Optional.empty()
                        : Optional.of(rawPath);
            }
        }
        if (rawPath.equals(REPLICAS)) {
            return Optional.of(REPLICAS);
        }
        if (rawPath.equals(POD + ".securityContext") || rawPath.startsWith(POD + ".securityContext.")) {
            return Optional.of(POD + ".securityContext");
        }
        String container = containerOf(rawPath);
        if (container != null) {
            String rest = rawPath.substring(container.length());
            if (rest.startsWith(".env[")) {
                int close = rest.indexOf(']');
                return close < 0 ? Optional.empty() : Optional.of(container + rest.substring(0, close + 1));
            }
            for (String field : CONTAINER_FIELDS) {
                if (rest.equals("." + field) || rest.startsWith("." + field + ".")) {
                    return Optional.of(container + "." + field);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The part of the object a path belongs to, for field ownership: the container for a container's
     * field, {@code metadata} for the object's labels and annotations, {@code spec.template.metadata}
     * for the pod template's, {@code spec} otherwise.
     */
    public static String scopeOf(String rawPath) {
        String container = containerOf(rawPath);
        if (container != null) {
            return container;
        }
        if (rawPath.startsWith("metadata.")) {
            return "metadata";
        }
        if (rawPath.startsWith("spec.template.metadata.")) {
            return "spec.template.metadata";
        }
        return "spec";
    }

    /** {@code spec.template.spec.containers[app]} for a path inside that container, else null. */
    static String containerOf(String rawPath) {
        for (String list : CONTAINER_LISTS) {
            String prefix = POD + "." + list + "[";
            if (rawPath.startsWith(prefix)) {
                int close = rawPath.indexOf(']', prefix.length());
                return close < 0 ? null : rawPath.substring(0, close + 1);
            }
        }
        return null;
    }

    static Object at(Map<String, Object> object, String dotted) {
        Object node = object;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(part);
        }
        return node;
    }
}
