package io.awoooi.core.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds workload objects as the API server returns them, for the drift tests. */
final class Workloads {
    private Workloads() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deployment(String name, String image, int replicas, Map<String, String> env) {
        List<Object> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(new LinkedHashMap<>(Map.of("name", k, "value", v))));
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "app");
        container.put("image", image);
        container.put("env", envList);
        container.put("resources",
                new LinkedHashMap<>(Map.of("limits", new LinkedHashMap<>(Map.of("cpu", "500m", "memory", "1Gi")))));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("containers", new ArrayList<>(List.of(container)));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", new LinkedHashMap<>(Map.of("labels", new LinkedHashMap<>(Map.of("app", name)))));
        template.put("spec", podSpec);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", replicas);
        spec.put("template", template);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", "shop");
        metadata.put("labels", new LinkedHashMap<>(Map.of("app", name)));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", "apps/v1");
        o.put("kind", "Deployment");
        o.put("metadata", metadata);
        o.put("spec", spec);
        return o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> object) {
        Map<String, Object> spec = (Map<String, Object>) object.get("spec");
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        Map<String, Object> pod = (Map<String, Object>) template.get("spec");
        return (Map<String, Object>) ((List<Object>) pod.get("containers")).getFirst();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> annotations(Map<String, Object> object) {
        Map<String, Object> md = (Map<String, Object>) object.get("metadata");
        return (Map<String, Object>) md.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
    }

    /** The object with the API server's defaults added (what a live read shows beyond what was applied). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withDefaults(Map<String, Object> object) {
        Map<String, Object> c = container(object);
        c.put("imagePullPolicy", "IfNotPresent");
        c.put("terminationMessagePath", "/dev/termination-log");
        Map<String, Object> spec = (Map<String, Object>) object.get("spec");
        spec.put("revisionHistoryLimit", 10);
        spec.put("progressDeadlineSeconds", 600);
        return object;
    }

    static String json(Map<String, Object> object) {
        return Canonical.text(object);
    }

    static LiveWorkload live(String name, Map<String, Object> object, boolean hpa, List<ManagedFieldsEntry> fields) {
        return new LiveWorkload(new WorkloadRef("Deployment", "shop", name), "uid-" + name, "101", object, fields, hpa);
    }
}
