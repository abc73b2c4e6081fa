package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.privacy.PiiType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameLabelsTest {
    private final Vault vault = new Vault(new InMemoryVaultStore(), new LocalKeyRing(), Clock.systemUTC());

    private NameLabels names() {
        LabelBook book = vault.open("inc_1");
        book.labelFor(PiiType.NAMESPACE, "shop");
        book.labelFor(PiiType.POD, "orders-db-0");
        vault.seal(book);
        Map<String, PiiType> known = new LinkedHashMap<>();
        known.put("shop", PiiType.NAMESPACE);
        known.put("orders-db", PiiType.WORKLOAD);
        known.put("orders-db-0", PiiType.POD);
        known.put("node-a", PiiType.NODE);
        known.put("api", PiiType.SERVICE);
        return NameLabels.of(vault.open("inc_1"), known);
    }

    @Test
    void real_labelsTheVaultHoldsForKnownNames_readBackWithoutDecrypting() {
        NameLabels n = names();
        assertThat(n.real("[NAMESPACE_1]")).contains("shop");
        assertThat(n.real("[POD_1]")).contains("orders-db-0");
        assertThat(n.real("[POD_2]")).isEmpty();
        assertThat(n.unmaskLabels(Map.of("namespace", "[NAMESPACE_1]", "job", "x")))
                .containsEntry("namespace", "shop").containsEntry("job", "x");
    }

    @Test
    void mask_wordsAndDnsPartsAndPrefixes_newNamesGetNewLabels() {
        NameLabels n = names();
        String masked = n.mask("statefulset shop/orders-db: pod orders-db-0 on node-a; dns orders-db.shop.svc:5432;"
                + " replica orders-db-7d9f8-x2kqp; BackOff in api, not in rapid or api2 or apis");
        assertThat(masked).isEqualTo("statefulset [NAMESPACE_1]/[WORKLOAD_1]: pod [POD_1] on [NODE_1]; dns"
                + " [WORKLOAD_1].[NAMESPACE_1].svc:5432; replica [WORKLOAD_1]-7d9f8-x2kqp; BackOff in [SERVICE_1],"
                + " not in rapid or api2 or apis");
        // the labels handed out are sealed, and reveal their values
        vault.seal(n.book().orElseThrow());
        assertThat(new Rehydrator(vault).rehydrate("inc_1", "[WORKLOAD_1] [NODE_1] [SERVICE_1]"))
                .isEqualTo("orders-db node-a api");
    }

    @Test
    void maskAction_onlyNameParameters() {
        NameLabels n = names();
        ProposedAction real = new ProposedAction(ActionType.SET_RESOURCES,
                Map.of("namespace", "shop", "workload", "orders-db",
                        "kind", "statefulset", "container", "api", "resource", "memory", "value", "768Mi"));
        ProposedAction masked = n.mask(real);
        // a container called like a service keeps its name: the catalog takes no label there
        assertThat(masked.params()).containsEntry("namespace", "[NAMESPACE_1]")
                .containsEntry("workload", "[WORKLOAD_1]")
                .containsEntry("container", "api").containsEntry("value", "768Mi");
        assertThat(n.unmask(masked)).isEqualTo(real);
    }

    @Test
    void pseudonym_sameRealTextSameInEveryIncident_differentTextsDiffer_noNameInIt() {
        // GIVEN two incidents where [NAMESPACE_1] stands for different namespaces
        NameLabels one = NameLabels.of(vault.open("inc_1"), Map.of("shop", PiiType.NAMESPACE), vault::stableHash);
        NameLabels two = NameLabels.of(vault.open("inc_2"), Map.of("prod", PiiType.NAMESPACE), vault::stableHash);
        // THEN a pseudonym follows the real text, not the label: trust patterns never mix two targets
        assertThat(one.pseudonym("shop/orders-db")).isEqualTo(two.pseudonym("shop/orders-db"))
                .isNotEqualTo(one.pseudonym("prod/orders-db")).startsWith("#").doesNotContain("shop", "orders");
        assertThat(NameLabels.plain().pseudonym("shop/orders-db")).isEqualTo("shop/orders-db");
    }

    @Test
    void maskHeld_namesTheBookHolds_replacedNothingNewLabelled() {
        // GIVEN an incident whose vault holds the namespace, the pod and (from the analysis) the workload
        LabelBook book = vault.open("inc_1");
        book.labelFor(PiiType.NAMESPACE, "shop");
        book.labelFor(PiiType.WORKLOAD, "postgres-db");
        book.labelFor(PiiType.IP, "10.0.0.7");
        vault.seal(book);
        // WHEN the executor masks what the cluster said
        String masked = NameLabels.maskHeld("statefulset shop/postgres-db 1/1 ready; pod postgres-db-0 on node-b,"
                + " Ready; dns postgres-db.shop.svc", vault.open("inc_1"));
        // THEN the held names are labels, a pod by its owner's label; unknown words and non-names stay
        assertThat(masked).isEqualTo("statefulset [NAMESPACE_1]/[WORKLOAD_1] 1/1 ready; pod [WORKLOAD_1]-0 on node-b,"
                + " Ready; dns [WORKLOAD_1].[NAMESPACE_1].svc");
        assertThat(vault.open("inc_1").size()).isEqualTo(3);
    }

    @Test
    void plain_isTheIdentity() {
        NameLabels plain = NameLabels.plain();
        assertThat(plain.mask("shop/orders-db")).isEqualTo("shop/orders-db");
        assertThat(plain.real("[POD_1]")).isEmpty();
        assertThat(plain.labelling()).isFalse();
    }
}
