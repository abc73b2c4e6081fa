package io.awoooi.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every action of the catalog in words people read on the approval card. */
class ActionWordsTest {

    @Test
    void sentence_eachActionOfTheCatalog() {
        assertThat(ActionWords.sentence(new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", "postgres-db-0")))).isEqualTo("Restart pod postgres-db-0 in shop");
        assertThat(ActionWords.sentence(new ProposedAction(ActionType.ROLLOUT_UNDO,
                Map.of("namespace", "shop", "deployment", "api"))))
                .isEqualTo("Undo the rollout of deployment api in shop");
        assertThat(ActionWords.sentence(new ProposedAction(ActionType.SET_RESOURCES, Map.of("namespace", "shop",
                "workload", "db", "container", "postgres", "resource", "memory", "value", "768Mi"))))
                .isEqualTo("Raise the memory limit of container postgres of deployment db to 768Mi");
        assertThat(ActionWords.sentence(new ProposedAction(ActionType.CORDON_NODE, Map.of("node", "node-b"))))
                .isEqualTo("Cordon node node-b");
        assertThat(ActionWords.sentence(new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "postgres-db", "kind", "statefulset"))))
                .isEqualTo("Restart every pod of statefulset postgres-db in shop, one by one");
        assertThat(ActionWords.sentence(new ProposedAction(ActionType.SCALE_DEPLOYMENT,
                Map.of("namespace", "shop", "deployment", "api", "replicas", "1"))))
                .isEqualTo("Scale deployment api in shop to 1 replica");
        assertThat(ActionWords.brief(new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", "postgres-db-0")))).isEqualTo("restart pod postgres-db-0");
    }

    @Test
    void restoreFields_sentence_namesFieldsNeverValues() {
        // GIVEN a rollback of three drifted fields / WHEN put in words
        String sentence = ActionWords.sentence(new ProposedAction(ActionType.RESTORE_FIELDS, Map.of("namespace", "shop",
                "workload", "checkout", "kind", "deployment", "resourceVersion", "812", "fields",
                "spec.replicas,spec.template.spec.containers[app].env[API_TOKEN],spec.template.spec.containers[app].image")));
        // THEN each field is named by what it is and whose it is
        assertThat(sentence)
                .isEqualTo("Put back replicas, env var API_TOKEN of container app and image of container app"
                        + " of deployment checkout in shop to the desired state (resourceVersion 812)");
    }

    @Test
    void sentenceAndBrief_everyType_nameTheirTarget() {
        // GIVEN every type with its required parameters / WHEN put in words / THEN no placeholder is left
        Arrays.stream(ActionType.values()).forEach(type -> {
            Map<String, String> params = new java.util.HashMap<>();
            type.parameters().stream().filter(Parameter::required).forEach(p -> params.put(p.name(), switch (p.name()) {
                case "replicas" -> "2";
                case "resource" -> "memory";
                case "value" -> "1Gi";
                case "uid" -> "0f1e2d3c4b5a46978877665544332211";
                case "kind" -> "deployment";
                case "fields" -> "spec.replicas,spec.template.spec.containers[app].image";
                case "resourceVersion" -> "42";
                default -> "x-" + p.name();
            }));
            ProposedAction a = new ProposedAction(type, params);
            assertThat(ActionWords.sentence(a)).as(type.id()).doesNotContain("?").doesNotContain("_");
            assertThat(ActionWords.brief(a)).as(type.id()).doesNotContain("?");
        });
    }
}
