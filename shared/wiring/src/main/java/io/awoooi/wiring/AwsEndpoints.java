package io.awoooi.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.net.URI;
import java.util.Optional;

/**
 * Endpoint overrides of the in-JVM tests ({@code awoooi.aws.*.endpoint}): deployed and local functions
 * never set them; the AWS SDK reads its own {@code AWS_ENDPOINT_URL_*} variables there.
 */
@ConfigMapping(prefix = "awoooi.aws")
public interface AwsEndpoints {
    @WithName("dynamodb.endpoint")
    Optional<URI> dynamodb();

    @WithName("sqs.endpoint")
    Optional<URI> sqs();

    @WithName("kms.endpoint")
    Optional<URI> kms();
}
