package io.awoooi.aws.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/** The signed JSON caller (ADR 0022): endpoints as the SDK resolves them, signing, errors and retries. */
class AwsJsonApiTest {
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private AwsJsonApi ssm() {
        return AwsJsonApi.of(AwsJsonApi.Service.SSM, URI.create(server.baseUrl()), Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    }

    @Test
    void endpointOf_serviceVariableThenGlobalThenRegional() {
        Map<String, String> both = Map.of("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:1", "AWS_ENDPOINT_URL",
                "http://127.0.0.1:2");
        assertThat(AwsJsonApi.endpointOf(AwsJsonApi.Service.SSM, Region.US_EAST_1, both::get))
                .hasToString("http://127.0.0.1:1");
        assertThat(AwsJsonApi.endpointOf(AwsJsonApi.Service.KMS, Region.US_EAST_1, both::get))
                .hasToString("http://127.0.0.1:2");
        Map<String, String> none = Map.of();
        assertThat(AwsJsonApi.endpointOf(AwsJsonApi.Service.SES_V2, Region.EU_WEST_1, none::get))
                .hasToString("https://email.eu-west-1.amazonaws.com");
        assertThat(AwsJsonApi.endpointOf(AwsJsonApi.Service.BEDROCK_RUNTIME, Region.CN_NORTH_1, none::get))
                .hasToString("https://bedrock-runtime.cn-north-1.amazonaws.com.cn");
        // a Region this SDK does not know yet: the commercial partition
        assertThat(AwsJsonApi.endpointOf(AwsJsonApi.Service.SECRETS_MANAGER, Region.of("xx-future-1"), none::get))
                .hasToString("https://secretsmanager.xx-future-1.amazonaws.com");
    }

    @Test
    void call_json11_signedWithTheTargetAndTheAnswerRead() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"Parameter\":{\"Value\":\"v\"}}")));
        assertThat(ssm().call("GetParameter", Map.of("Name", "/p")).at("/Parameter/Value").asText()).isEqualTo("v");
        server.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/ssm/aws4_request.*")));
    }

    @Test
    void call_throttledThenAnswered_retriedUntilItSucceeds() {
        server.stubFor(post(urlEqualTo("/")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400)
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"slow\"}"))
                .willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo("/")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        ssm().call("GetParameter", Map.of("Name", "/p"));
        server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void call_refused_notRetriedAndTheErrorCodeKeptOutOfTheMessage() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withBody(
                        "{\"__type\":\"com.amazonaws.ssm#ParameterNotFound\",\"message\":\"/secret/name not found\"}")));
        assertThatThrownBy(() -> ssm().call("GetParameter", Map.of("Name", "/p")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(AwsJsonApi.describe(e)).isEqualTo("ParameterNotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).doesNotContain("/secret/name");
                });
        server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void call_serverErrorEveryTime_threeAttemptsThenTheError() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500).withBody("{}")));
        assertThatThrownBy(() -> ssm().call("GetParameter", Map.of())).isInstanceOf(AwsServiceException.class);
        server.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void call_nobodyListening_sdkClientException() {
        AwsJsonApi down = AwsJsonApi.of(AwsJsonApi.Service.KMS, URI.create("http://127.0.0.1:1"), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).withAttempts(1);
        assertThatThrownBy(() -> down.call("Decrypt", Map.of())).isInstanceOf(SdkClientException.class);
    }
}
