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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.failure.ApproversUnavailableException;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.ApproverDirectory;
import io.awoooi.core.approval.ApproverDirectory.InvalidApproverDirectoryException;
import io.awoooi.core.approval.Role;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approvers directory from SSM, against WireMock answering the AWS JSON 1.1 protocol (the local
 * SSM stub lives in infra/local, which depends on this module; its own test reads the template's
 * parameter through this adapter).
 */
class SsmApproverDirectoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "ApproversParameter";
    private static final String DIRECTORY = """
            {"approvers": [{"id": "alice", "name": "Alice", "roles": ["devops"], "email": "alice@example.com"},
                           {"id": "carol", "roles": ["cto"]}]}""";
    private static WireMockServer ssm;
    private AwsJsonApi client;

    @BeforeAll
    static void start() {
        ssm = new WireMockServer(options().dynamicPort());
        ssm.start();
    }

    @AfterAll
    static void stop() {
        ssm.stop();
    }

    @BeforeEach
    void reset() {
        ssm.resetAll();
        client = ApprovalFixtures.api(AwsJsonApi.Service.SSM, URI.create(ssm.baseUrl()));
    }

    @Test
    void load_parameterHoldsADirectory_parsesIt() throws Exception {
        // GIVEN the parameter holds a directory
        answer(200, JSON.writeValueAsString(Map.of("Parameter", Map.of("Name", NAME, "Type", "String",
                "Value", DIRECTORY, "Version", 1, "DataType", "text"))));
        // WHEN
        ApproverDirectory directory = SsmApproverDirectory.load(client, NAME);
        // THEN
        assertThat(directory.all()).extracting(Approver::id).containsExactly("alice", "carol");
        assertThat(directory.find("carol").orElseThrow().has(Role.CTO)).isTrue();
        ssm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(matchingJsonPath("$.Name", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.WithDecryption", equalTo("true"))));
    }

    @Test
    void load_noSuchParameter_throwsApproversUnavailable() {
        answer(400, "{\"__type\":\"ParameterNotFound\",\"message\":\"\"}");
        assertThatThrownBy(() -> SsmApproverDirectory.load(client, NAME))
                .isInstanceOf(ApproversUnavailableException.class)
                .hasMessageEndingWith("could not be read: ParameterNotFound");
    }

    @Test
    void load_serviceFailing_throwsApproversUnavailable() {
        answer(500, "{\"__type\":\"InternalServerError\",\"message\":\"boom\"}");
        assertThatThrownBy(() -> SsmApproverDirectory.load(client, NAME))
                .isInstanceOf(ApproversUnavailableException.class);
    }

    @Test
    void load_valueIsNotADirectory_throwsInvalidDirectory() throws Exception {
        answer(200, JSON.writeValueAsString(Map.of("Parameter", Map.of("Name", NAME, "Type", "String",
                "Value", "{\"approvers\": [{\"id\": \"alice\", \"roles\": []}]}", "Version", 1))));
        assertThatThrownBy(() -> SsmApproverDirectory.load(client, NAME))
                .isInstanceOf(InvalidApproverDirectoryException.class);
    }

    @Test
    void get_withinTheCacheTime_readsTheParameterOnce() throws Exception {
        // GIVEN a cached directory
        answer(200, JSON.writeValueAsString(Map.of("Parameter", Map.of("Name", NAME, "Type", "String",
                "Value", DIRECTORY, "Version", 1))));
        var clock = new SecretsManagerSigningKeysTest.MutableClock(Instant.parse("2026-11-25T03:00:00Z"));
        SsmApproverDirectory directory = new SsmApproverDirectory(client, NAME, clock);
        // WHEN read twice quickly, then after the cache time
        directory.get();
        directory.get();
        clock.advance(SsmApproverDirectory.CACHE_FOR.plusSeconds(1));
        directory.get();
        // THEN SSM was asked twice
        ssm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    private static void answer(int status, String body) {
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }
}
