package io.awoooi.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApproverTokensTest {
    private static final String ALICE = "alice-console-token-0123456789abcdef";
    private static final String BOB = "bob-console-token-0123456789abcdef00";

    @Test
    void parse_objectOfIdToToken_eachTokenNamesItsApprover() {
        // GIVEN the secret of two approvers
        ApproverTokens tokens = ApproverTokens.parse("{\"alice\": \"" + ALICE + "\", \"bob\": \"" + BOB + "\"}");

        // WHEN / THEN each token names its approver, anything else nobody
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.authenticate(ALICE)).hasValue("alice");
        assertThat(tokens.authenticate(" " + BOB + "\n")).hasValue("bob");
        assertThat(tokens.authenticate(ALICE + "x")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.hashOf("alice")).isPresent();
        assertThat(tokens.hashOf("carol")).isEmpty();
    }

    @Test
    void parse_emptyObjectOrNothing_nobodyMaySignIn() {
        assertThat(ApproverTokens.parse("{}").size()).isZero();
        assertThat(ApproverTokens.parse("  ").size()).isZero();
        assertThat(ApproverTokens.parse("{}").authenticate(ALICE)).isEmpty();
    }

    @Test
    void parse_badSecrets_refusedWithoutRepeatingATokenInTheMessage() {
        assertThatThrownBy(() -> ApproverTokens.parse("{\"alice\": \"short\"}"))
                .hasMessageContaining("shorter than 24").hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> ApproverTokens.parse("{\"alice\": \"" + ALICE + "\", \"bob\": \"" + ALICE + "\"}"))
                .hasMessageContaining("share a token").hasMessageNotContaining(ALICE);
        assertThatThrownBy(() -> ApproverTokens.parse("{\"Alice Smith\": \"" + ALICE + "\"}"))
                .hasMessageContaining("not one").hasMessageNotContaining(ALICE);
        assertThatThrownBy(() -> ApproverTokens.parse("{\"alice\": 42}")).hasMessageContaining("not a string");
        assertThatThrownBy(() -> ApproverTokens.parse("{not json " + ALICE)).hasMessageNotContaining(ALICE);
        assertThatThrownBy(() -> ApproverTokens.parse(ALICE)).hasMessageNotContaining(ALICE);
        assertThatThrownBy(() -> ApproverTokens.parse("[\"" + ALICE + "\"]")).hasMessageContaining("JSON object");
    }
}
