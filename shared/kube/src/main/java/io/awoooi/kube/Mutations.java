package io.awoooi.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the action families ({@link PodActions}, {@link WorkloadActions}, {@link ClaimActions}, {@link NodeActions}) mutate with. */
final class Mutations {
    static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    static final PatchContext JSON_PATCH = PatchContext.of(PatchType.JSON);

    private Mutations() {
    }

    /** The object, or a 404 refusal naming it. */
    static <T> T require(String what, Resource<T> resource) {
        T object = resource.get();
        if (object == null) {
            throw new Refusal(404, what + " not found");
        }
        return object;
    }

    static String json(KubernetesClient client, Object patch) {
        return client.getKubernetesSerialization().asJson(patch);
    }

    /** One operation of a JSON patch (RFC 6902). */
    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    /** The API server (or the re-check before a mutation) refused: becomes {@code ActionResult.Refused}. */
    static final class Refusal extends RuntimeException {
        final int code;
        final String reason;

        Refusal(int code, String reason) {
            super(reason, null, false, false);
            this.code = code;
            this.reason = reason;
        }
    }
}
