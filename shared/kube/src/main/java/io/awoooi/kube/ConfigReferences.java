package io.awoooi.kube;

import io.awoooi.core.topology.ServiceId;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Services a workload's configuration names by DNS: container environment values
 * ({@code env[].value}; source {@value #SOURCE_ENV}) and the ConfigMaps its pod template
 * references (by {@code env[].valueFrom.configMapKeyRef}, {@code envFrom[].configMapRef},
 * {@code volumes[].configMap} and projected volumes; source {@value #SOURCE_CONFIG_MAP}), read with
 * {@link HostReferences}. Secrets are never read (neither {@code secretKeyRef} nor secret volumes).
 *
 * <p>Bounded: only ConfigMaps referenced by the topology's pod templates are read, one GET each
 * (in their own namespace, so within the selection), at most {@value #MAX_CONFIG_MAPS} per
 * snapshot. A GET that fails (RBAC) is logged once as a warning and the remaining ConfigMaps are
 * not read; a missing ConfigMap is skipped. Values are read and forgotten: only Service ids leave.
 */
final class ConfigReferences {
    static final String SOURCE_ENV = "env";
    static final String SOURCE_CONFIG_MAP = "configmap";
    static final int MAX_CONFIG_MAPS = 100;
    private static final System.Logger LOG = System.getLogger(KubernetesTopologySource.class.getName());

    /** {@code from}'s configuration names the Service {@code service} (not checked to exist). */
    record Reference(ServiceId from, ServiceId service, String source) {
    }

    /** How a pod template uses a ConfigMap: one key as an env var, every key as env vars, or files. */
    private record Use(ServiceId from, String envName, String key, boolean files) {
    }

    private final KubernetesClient client;

    ConfigReferences(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The references of each node's pod specs, env values first, then ConfigMaps, without repeats. */
    List<Reference> find(Map<ServiceId, List<PodSpec>> specsByNode) {
        Set<Reference> found = new LinkedHashSet<>();
        Map<ServiceId, List<Use>> uses = new LinkedHashMap<>();
        specsByNode.forEach((from, specs) -> {
            for (PodSpec spec : specs) {
                for (Container container : containers(spec)) {
                    for (EnvVar env : list(container.getEnv())) {
                        if (env.getValue() != null) {
                            add(found, from, HostReferences.hosts(env.getName(), env.getValue()), SOURCE_ENV);
                        } else if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                            var ref = env.getValueFrom().getConfigMapKeyRef();
                            use(uses, from, ref.getName(), new Use(from, env.getName(), ref.getKey(), false));
                        }
                    }
                    for (EnvFromSource envFrom : list(container.getEnvFrom())) {
                        if (envFrom.getConfigMapRef() != null) {
                            use(uses, from, envFrom.getConfigMapRef().getName(), new Use(from, null, null, false));
                        }
                    }
                }
                for (Volume volume : list(spec.getVolumes())) {
                    if (volume.getConfigMap() != null) {
                        use(uses, from, volume.getConfigMap().getName(), new Use(from, null, null, true));
                    }
                    if (volume.getProjected() != null) {
                        for (VolumeProjection source : list(volume.getProjected().getSources())) {
                            if (source.getConfigMap() != null) {
                                use(uses, from, source.getConfigMap().getName(), new Use(from, null, null, true));
                            }
                        }
                    }
                }
            }
        });
        readConfigMaps(uses, found);
        return List.copyOf(found);
    }

    private void readConfigMaps(Map<ServiceId, List<Use>> uses, Set<Reference> found) {
        int read = 0;
        for (Map.Entry<ServiceId, List<Use>> entry : uses.entrySet()) {
            if (read++ >= MAX_CONFIG_MAPS) {
                LOG.log(System.Logger.Level.DEBUG, "{0} ConfigMaps referenced, {1} read; the rest is not scanned",
                        uses.size(), MAX_CONFIG_MAPS);
                return;
            }
            ServiceId id = entry.getKey();
            ConfigMap[] configMap = new ConfigMap[1];
            boolean ok = ClusterReads.bestEffort("ConfigMaps", "a namespace of the topology",
                    "no edges from ConfigMaps",
                    () -> configMap[0] = client.configMaps().inNamespace(id.namespace()).withName(id.name()).get());
            if (!ok) {
                return;
            }
            Map<String, String> data = configMap[0] == null || configMap[0].getData() == null ? Map.of()
                    : configMap[0].getData();
            for (Use use : entry.getValue()) {
                if (use.key() != null) {
                    add(found, use.from(), HostReferences.hosts(use.envName(), data.get(use.key())), SOURCE_CONFIG_MAP);
                } else {
                    // env-style entries are hinted by their key; a file's lines by their own keys
                    data.forEach((key, value) -> add(found, use.from(),
                            HostReferences.hosts(use.files() ? null : key, value), SOURCE_CONFIG_MAP));
                }
            }
        }
    }

    private static void use(Map<ServiceId, List<Use>> uses, ServiceId from, String name, Use use) {
        if (name != null && !name.isBlank()) {
            uses.computeIfAbsent(new ServiceId(from.namespace(), name), id -> new ArrayList<>()).add(use);
        }
    }

    private static void add(Set<Reference> found, ServiceId from, Set<String> hosts, String source) {
        for (String host : hosts) {
            HostReferences.service(host, from.namespace())
                    .ifPresent(service -> found.add(new Reference(from, service, source)));
        }
    }

    private static List<Container> containers(PodSpec spec) {
        return Stream.concat(list(spec.getInitContainers()).stream(), list(spec.getContainers()).stream()).toList();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
