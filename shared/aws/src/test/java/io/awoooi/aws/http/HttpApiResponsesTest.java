package io.awoooi.aws.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.core.failure.ApproversUnavailableException;
import io.awoooi.core.failure.DependencyUnavailableException;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.failure.SecretUnavailableException;
import io.awoooi.core.failure.StoreUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one answer to the "dependency unavailable" family (#13 point 5). */
class HttpApiResponsesTest {

    @Test
    void unavailable_anyMemberOfTheFamily_503WithRetryAfterNamingTheDependencyNotTheCause() {
        // GIVEN failures of different dependencies whose messages carry details a client must not see
        List<DependencyUnavailableException> failures = List.of(
                new StoreUnavailableException("state table is unavailable: SdkClientException at 10.0.0.7", null),
                new SecretUnavailableException("secret arn:aws:secretsmanager:eu-west-1:1:secret:x could not be read",
                        null),
                new ApproversUnavailableException("approvers parameter /prod/approvers could not be read", null),
                new QueueUnavailableException("executions queue is unavailable: ThrottlingException", null));
        for (DependencyUnavailableException failure : failures) {
            // WHEN it is answered
            APIGatewayV2HTTPResponse r = HttpApiResponses.unavailable(failure);
            // THEN 503, Retry-After, what is unavailable in our words, and nothing of the message
            assertThat(r.getStatusCode()).isEqualTo(503);
            assertThat(r.getHeaders()).containsEntry("retry-after", "5");
            assertThat(r.getBody()).contains("\"error\":\"unavailable\"").contains(failure.dependency())
                    .doesNotContain("10.0.0.7", "arn:aws", "/prod/approvers", "Throttling");
        }
    }
}
