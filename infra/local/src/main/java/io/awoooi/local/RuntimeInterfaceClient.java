package io.awoooi.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The AWS Lambda Java runtime interface client the function JVMs run under: its jars (the build
 * copies them to target/lambda-ric next to this module's jar or classes) and its native library.
 *
 * <p>Left alone, the client copies its JNI library to the fixed path /tmp/.libaws-lambda-jni.so at
 * every start, so two function JVMs starting together may load a half-written file. The library is
 * therefore extracted once, here, and handed to each JVM with the client's system property.
 */
final class RuntimeInterfaceClient {

    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** Overrides where the jars are looked for. */
    static final String DIR_PROPERTY = "awoooi.lambdaRic.dir";

    private final List<Path> jars;
    private final Path nativeLibrary;

    private RuntimeInterfaceClient(List<Path> jars, Path nativeLibrary) {
        this.jars = jars;
        this.nativeLibrary = nativeLibrary;
    }

    /** The jars of target/lambda-ric (or -Dawoooi.lambdaRic.dir), the native library put in {@code workDir}. */
    static RuntimeInterfaceClient locate(Path workDir) {
        Path dir = directory();
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("the Lambda runtime interface client jars are missing (" + dir
                    + "): build the local runtime with mvn -pl infra/local package, or run ./awoooi build");
        }
        Path ric = jars.stream()
                .filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no aws-lambda-java-runtime-interface-client jar in " + dir
                        + ": build the local runtime with mvn -pl infra/local package, or run ./awoooi build"));
        return new RuntimeInterfaceClient(jars, extractNativeLibrary(ric, workDir));
    }

    List<Path> jars() {
        return jars;
    }

    Path nativeLibrary() {
        return nativeLibrary;
    }

    private static Path directory() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        try {
            // target/awoooi-local.jar or target/classes -> target/lambda-ric
            Path codeSource = Path.of(RuntimeInterfaceClient.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return codeSource.getParent().resolve("lambda-ric");
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where the local runtime was loaded from; set -D"
                    + DIR_PROPERTY + " to the folder of the runtime interface client jars", e);
        }
    }

    private static Path extractNativeLibrary(Path ricJar, Path workDir) {
        String entryName = "jni/libaws-lambda-jni." + platform() + ".so";
        Path target = workDir.resolve("libaws-lambda-jni.so");
        try (ZipFile zip = new ZipFile(ricJar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IllegalStateException(ricJar.getFileName() + " has no " + entryName
                        + ": this platform is not supported by the Lambda runtime interface client");
            }
            Files.createDirectories(workDir);
            Path temp = Files.createTempFile(workDir, "libaws-lambda-jni", ".tmp");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the runtime interface client's native library to " + target,
                    e);
        }
    }

    /** linux-x86_64, linux-aarch_64, linux_musl-x86_64 or linux_musl-aarch_64. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase();
        if (!os.contains("linux")) {
            throw new IllegalStateException("the Lambda runtime interface client runs on Linux only (this is "
                    + System.getProperty("os.name") + ")");
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the Lambda runtime interface client has no native library for "
                    + System.getProperty("os.arch"));
        };
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            musl = false;
        }
        return (musl ? "linux_musl-" : "linux-") + arch;
    }
}
