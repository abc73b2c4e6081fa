package io.awoooi.wiring;

import com.amazonaws.services.lambda.runtime.Context;
import io.awoooi.aws.observe.LogContext;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda handler of the event functions (ADR 0020): Funqy's, with the invocation's Lambda
 * request id in the MDC so every JSON log line of the invocation carries it (Funqy does not hand the
 * Context to the function). Each function names its own subclass in the template, so the handler
 * string says which function it is.
 */
public abstract class LoggedFunqyHandler extends FunqyStreamHandler {
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
