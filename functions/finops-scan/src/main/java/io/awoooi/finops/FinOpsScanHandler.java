package io.awoooi.finops;

import io.awoooi.wiring.LoggedFunqyHandler;

/** The Lambda handler (template.yaml): Funqy's, with the Lambda request id in the MDC ({@link LoggedFunqyHandler}). */
public class FinOpsScanHandler extends LoggedFunqyHandler {
}
