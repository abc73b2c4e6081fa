package io.awoooi.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    @Test
    void matches_rightToken_true() {
        assertThat(BearerToken.matches("Bearer s3cret", "s3cret")).isTrue();
        assertThat(BearerToken.matches("bearer   s3cret ", "s3cret")).isTrue();
    }

    @Test
    void matches_wrongMissingOrOtherScheme_false() {
        assertThat(BearerToken.matches("Bearer s3cre", "s3cret")).isFalse();
        assertThat(BearerToken.matches("Bearer s3cret2", "s3cret")).isFalse();
        assertThat(BearerToken.matches(null, "s3cret")).isFalse();
        assertThat(BearerToken.matches("Basic czNjcmV0", "s3cret")).isFalse();
        assertThat(BearerToken.matches("Bearer ", "s3cret")).isFalse();
    }

    @Test
    void matches_noExpectedTokenConfigured_neverMatches() {
        assertThat(BearerToken.matches("Bearer ", "")).isFalse();
        assertThat(BearerToken.matches("Bearer x", null)).isFalse();
    }
}
