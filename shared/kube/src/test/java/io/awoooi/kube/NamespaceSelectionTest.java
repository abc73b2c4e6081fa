package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamespaceSelectionTest {
    @Test
    void parse_blankOrStar_isAllNamespaces() {
        assertThat(NamespaceSelection.parse(null).isAll()).isTrue();
        assertThat(NamespaceSelection.parse(" ").isAll()).isTrue();
        assertThat(NamespaceSelection.parse("*")).isEqualTo(NamespaceSelection.all());
    }

    @Test
    void parse_commaSeparatedList_isThoseNamespacesTrimmedWithoutDuplicates() {
        NamespaceSelection selection = NamespaceSelection.parse("shop, payments,,shop");
        assertThat(selection.isAll()).isFalse();
        assertThat(selection.namespaces()).containsExactly("shop", "payments");
        assertThat(selection).hasToString("namespaces shop,payments");
    }

    @Test
    void of_nothing_isRejected() {
        assertThatThrownBy(NamespaceSelection::of).isInstanceOf(IllegalArgumentException.class);
    }
}
