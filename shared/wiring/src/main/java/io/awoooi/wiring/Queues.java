package io.awoooi.wiring;

import io.awoooi.aws.SqsClients;
import io.awoooi.aws.SqsExecutionQueue;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client of the functions that send to a queue. Its own class: the MCP bridge carries no SQS
 * SDK, and ArC drops this class there (nothing injects a client).
 */
@Singleton
public class Queues {

    @Produces
    @Singleton
    SqsClient sqs(AwsEndpoints endpoints) {
        return SqsClients.of(endpoints.sqs());
    }

    /** EXECUTIONS_QUEUE_URL: where the functions that can meet a quorum dispatch approved requests. */
    @Produces
    @Singleton
    SqsExecutionQueue executions(SqsClient sqs, ApprovalAssembly approvals) {
        return new SqsExecutionQueue(sqs, approvals.executionsQueueUrl());
    }
}
