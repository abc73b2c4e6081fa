package io.awoooi.executor;

import io.awoooi.wiring.LoggedFunqyHandler;

/** The Lambda handler (template.yaml): Funqy's, with the Lambda request id in the MDC ({@link LoggedFunqyHandler}). */
public class ExecutorHandler extends LoggedFunqyHandler {
}
