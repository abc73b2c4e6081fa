package io.awoooi.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A test function: answers its event as it got it, unless the event holds a command anywhere (in a
 * body, a path, a query): fail-now throws, sleep-now sleeps 30 s, exit-now ends the JVM, and
 * "env:NAME" answers the variable's value as a JSON string.
 */
public class EchoHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        String text = new String(event, StandardCharsets.UTF_8);
        System.out.println("echo: " + event.length + " bytes, request " + context.getAwsRequestId()
                + ", " + context.getRemainingTimeInMillis() + " ms left");
        if (text.contains("fail-now")) {
            throw new IllegalStateException("asked to fail");
        }
        if (text.contains("sleep-now")) {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (text.contains("exit-now")) {
            System.err.println("echo: exiting as asked");
            System.exit(3);
        }
        int env = text.indexOf("\"env:");
        if (env >= 0) {
            String name = text.substring(env + 5, text.indexOf('"', env + 5));
            String value = System.getenv(name);
            output.write(("\"" + (value == null ? "" : value) + "\"").getBytes(StandardCharsets.UTF_8));
            return;
        }
        output.write(event);
    }
}
