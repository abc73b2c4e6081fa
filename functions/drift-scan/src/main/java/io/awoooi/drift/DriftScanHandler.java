package io.awoooi.drift;

import com.amazonaws.services.lambda.runtime.Context;
import io.awoooi.aws.observe.LogContext;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The Lambda handler (template.yaml): Funqy's, with the Lambda request id in the MDC. */
public class DriftScanHandler extends FunqyStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LogContext.invocation(context == null ? null : context.getAwsRequestId());
        try {
            super.handleRequest(input, output, context);
        } finally {
            LogContext.clear();
        }
    }
}
