package io.awoooi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test functions from this module's test classes, run by the real runtime interface client. */
final class TestFunctions {

    static final String ECHO = "io.awoooi.local.testfunctions.EchoHandler::handleRequest";
    static final String BATCH = "io.awoooi.local.testfunctions.BatchFailureHandler::handleRequest";

    private TestFunctions() {
    }

    /** target/test-classes, the CodeUri of the test functions. */
    static Path testClasses() {
        try {
            return Path.of(TestFunctions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FunctionSpec spec(String name, String handler, int timeoutSeconds) {
        return new FunctionSpec(name, testClasses(), handler, "java21", 256, timeoutSeconds,
                Map.of("GREETING", "hello"), List.of());
    }

    /** A host of a test function; close it. */
    static FunctionHost host(String name, String handler, int timeoutSeconds, Path workDir) {
        RuntimeInterfaceClient ric = RuntimeInterfaceClient.locate(workDir);
        FunctionLauncher launcher = new FunctionLauncher(ric, Map.of());
        return new FunctionHost(spec(name, handler, timeoutSeconds), launcher, workDir,
                FunctionLog.inMemory(name), java.time.Duration.ofSeconds(30));
    }

    static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
