package io.awoooi.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS SDK clients as the functions use them: the JDK's URL connection client (smallest cold start),
 * short timeouts and few retries, because Alertmanager retries a 503 anyway and an HTTP API
 * integration gives up after 30 s. Region, credentials and endpoints come from the standard SDK
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, ...), which is how the local runtime points
 * functions at dynalite and ElasticMQ; {@code endpointOverride} exists for in-JVM tests.
 */
public final class AwsClients {
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private AwsClients() {
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(Duration.ofSeconds(3))
                .build();
    }

    private static ClientOverrideConfiguration overrides() {
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

    public static SqsClient sqs(Optional<URI> endpointOverride) {
        var b = SqsClient.builder().httpClient(http()).overrideConfiguration(overrides());
        endpointOverride.ifPresent(b::endpointOverride);
        return b.build();
    }

    public static KmsClient kms(Optional<URI> endpointOverride) {
        var b = KmsClient.builder().httpClient(http()).overrideConfiguration(overrides());
        endpointOverride.ifPresent(b::endpointOverride);
        return b.build();
    }

    public static SecretsManagerClient secretsManager(Optional<URI> endpointOverride) {
        var b = SecretsManagerClient.builder().httpClient(http()).overrideConfiguration(overrides());
        endpointOverride.ifPresent(b::endpointOverride);
        return b.build();
    }

    public static software.amazon.awssdk.services.ssm.SsmClient ssm(Optional<URI> endpointOverride) {
        var b = software.amazon.awssdk.services.ssm.SsmClient.builder().httpClient(http()).overrideConfiguration(overrides());
        endpointOverride.ifPresent(b::endpointOverride);
        return b.build();
    }
}
