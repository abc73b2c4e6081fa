package io.awoooi.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS clients as the functions use them (the settings of {@link AwsClients}). Apart from
 * {@link AwsClients}, so that a function that sends to no queue (the MCP bridge) names no SQS class
 * and its zip carries no SQS SDK (FunctionZipsTest checks what each zip's code names).
 */
public final class SqsClients {
    private SqsClients() {
    }

    public static SqsClient of(Optional<URI> endpointOverride) {
        var b = SqsClient.builder().httpClient(AwsClients.http()).overrideConfiguration(AwsClients.overrides());
        endpointOverride.ifPresent(b::endpointOverride);
        return b.build();
    }
}
