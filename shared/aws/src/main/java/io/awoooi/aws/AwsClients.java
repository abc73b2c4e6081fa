package io.awoooi.aws;

import java.net.URI;
import java.time.Duration;
import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.aws.api.AwsJsonApi.Service;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AWS SDK clients as the functions use them: the JDK's URL connection client (smallest cold start),
 * short timeouts and few retries, because Alertmanager retries a 503 anyway and an HTTP API
 * integration gives up after 30 s. Region, credentials and endpoints come from the standard SDK
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, ...), which is how the local runtime points
 * functions at dynalite and ElasticMQ; {@code endpointOverride} exists for in-JVM tests.
 * SQS clients come from {@link SqsClients} (a function that sends nothing carries no SQS SDK).
 * KMS, Secrets Manager and SSM, of which the functions call one or two operations, are reached
 * through {@link AwsJsonApi} rather than their SDK modules (9 MB less in every zip; ADR 0022).
 */
public final class AwsClients {
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private AwsClients() {
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .build();
    }

    static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build())
                .build();
    }

    public static DynamoDbClient dynamoDb(Optional<URI> endpointOverride) {
        var b = DynamoDbClient.builder().httpClient(http()).overrideConfiguration(overrides());
        endpointOverride.ifPresent(b::endpointOverride);
        return b.build();
    }

    /** KMS (GenerateDataKey, Decrypt: the vault). */
    public static AwsJsonApi kms(Optional<URI> endpointOverride) {
        return AwsJsonApi.of(Service.KMS, endpointOverride, Optional.empty(), CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /** Secrets Manager (GetSecretValue: tokens, keys, the cluster secret). */
    public static AwsJsonApi secretsManager(Optional<URI> endpointOverride) {
        return AwsJsonApi.of(Service.SECRETS_MANAGER, endpointOverride, Optional.empty(), CONNECT_TIMEOUT,
                READ_TIMEOUT);
    }

    /** SSM (GetParameter: the approvers). */
    public static AwsJsonApi ssm(Optional<URI> endpointOverride) {
        return AwsJsonApi.of(Service.SSM, endpointOverride, Optional.empty(), CONNECT_TIMEOUT, READ_TIMEOUT);
    }
}
