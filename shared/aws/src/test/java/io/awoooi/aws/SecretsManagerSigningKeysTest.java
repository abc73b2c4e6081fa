package io.awoooi.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.aws.api.AwsJsonApi;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.failure.SecretUnavailableException;
import io.awoooi.core.approval.SigningKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signing keys from Secrets Manager's version stages, against WireMock answering the AWS JSON
 * 1.1 protocol: the local Secrets Manager stub (infra/local) serves one version per secret and is
 * not reachable from this module.
 */
class SecretsManagerSigningKeysTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ApprovalLinkKeySecret";
    private static final String CURRENT = "current-key-0123456789abcdef-0123456789";
    private static final String PREVIOUS = "previous-key-0123456789abcdef-012345678";
    private static WireMockServer secretsManager;
    private AwsJsonApi client;

    @BeforeAll
    static void start() {
        secretsManager = new WireMockServer(options().dynamicPort());
        secretsManager.start();
    }

    @AfterAll
    static void stop() {
        secretsManager.stop();
    }

    @BeforeEach
    void reset() {
        secretsManager.resetAll();
        client = ApprovalFixtures.api(AwsJsonApi.Service.SECRETS_MANAGER, URI.create(secretsManager.baseUrl()));
    }

    @Test
    void load_rotatedSecret_currentSignsAndPreviousVerifies() {
        // GIVEN a secret rotated once
        answer("AWSCURRENT", 200, version(CURRENT, "AWSCURRENT"));
        answer("AWSPREVIOUS", 200, version(PREVIOUS, "AWSPREVIOUS"));
        // WHEN
        SigningKeys keys = SecretsManagerSigningKeys.load(client, ARN);
        // THEN
        assertThat(keys).isEqualTo(SigningKeys.of(CURRENT, Optional.of(PREVIOUS)));
        assertThat(keys.previous()).isPresent();
        secretsManager.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(ARN))));
    }

    @Test
    void load_neverRotated_hasNoPreviousKey() {
        // GIVEN a secret with only its first version: no version holds AWSPREVIOUS
        answer("AWSCURRENT", 200, version(CURRENT, "AWSCURRENT"));
        answer("AWSPREVIOUS", 400, error("ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS"));
        // WHEN / THEN
        assertThat(SecretsManagerSigningKeys.load(client, ARN)).isEqualTo(SigningKeys.of(CURRENT, Optional.empty()));
    }

    @Test
    void load_currentMissing_throwsSecretUnavailable() {
        answer("AWSCURRENT", 400,
                error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
        assertThatThrownBy(() -> SecretsManagerSigningKeys.load(client, ARN))
                .isInstanceOf(SecretUnavailableException.class).hasMessageNotContaining(CURRENT);
    }

    @Test
    void load_previousDenied_throwsSecretUnavailable() {
        // GIVEN the previous version cannot be read for another reason than its absence
        answer("AWSCURRENT", 200, version(CURRENT, "AWSCURRENT"));
        answer("AWSPREVIOUS", 400, error("AccessDeniedException", "not authorized"));
        // WHEN / THEN (a missing key would break links quietly: better to fail loudly)
        assertThatThrownBy(() -> SecretsManagerSigningKeys.load(client, ARN))
                .isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void load_serviceFailing_throwsSecretUnavailable() {
        answer("AWSCURRENT", 500, error("InternalServiceError", "boom"));
        assertThatThrownBy(() -> SecretsManagerSigningKeys.load(client, ARN))
                .isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void get_afterTheCacheTime_readsTheRotatedKeys() {
        // GIVEN keys read once
        answer("AWSCURRENT", 200, version(CURRENT, "AWSCURRENT"));
        answer("AWSPREVIOUS", 400, error("ResourceNotFoundException", "no such label"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T03:00:00Z"));
        SecretsManagerSigningKeys keys = new SecretsManagerSigningKeys(client, ARN, clock);
        assertThat(keys.get().previous()).isEmpty();
        // WHEN the secret is rotated, then the cache time passes
        answer("AWSCURRENT", 200, version(PREVIOUS + "-next", "AWSCURRENT"));
        answer("AWSPREVIOUS", 200, version(CURRENT, "AWSPREVIOUS"));
        SigningKeys cached = keys.get();
        clock.advance(SecretValue.CACHE_FOR.plusSeconds(1));
        SigningKeys fresh = keys.get();
        // THEN the cache served the old keys, the next read the rotated ones
        assertThat(cached).isEqualTo(SigningKeys.of(CURRENT, Optional.empty()));
        assertThat(fresh).isEqualTo(SigningKeys.of(PREVIOUS + "-next", Optional.of(CURRENT)));
    }

    private static void answer(String stage, int status, String body) {
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.VersionStage", equalTo(stage)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private static String version(String value, String stage) {
        return "{\"ARN\":\"" + ARN + "\",\"Name\":\"ApprovalLinkKeySecret\",\"SecretString\":\"" + value
                + "\",\"VersionId\":\"" + java.util.UUID.nameUUIDFromBytes(value.getBytes())
                + "\",\"VersionStages\":[\""
                + stage + "\"],\"CreatedDate\":1764039600}";
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
