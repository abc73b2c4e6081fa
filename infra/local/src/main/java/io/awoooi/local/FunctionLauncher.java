package io.awoooi.local;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the command and environment of a function JVM: the runtime interface client running the
 * function's Handler, with the environment Lambda gives a java21 function plus endpoint overrides
 * that point the AWS SDK at the local servers. The parent's environment is not inherited (only
 * PATH, HOME and JAVA_HOME).
 */
final class FunctionLauncher {

    private final RuntimeInterfaceClient ric;
    private final String javaBinary;
    /**
     * Template variables a developer may set for the local stack from the calling shell (e.g.
     * AWOOOI_LLM=ollama OLLAMA_BASE_URL=http://127.0.0.1:11434 ./awoooi up); they replace the
     * template's value only in functions whose template environment has them.
     */
    static final List<String> LOCAL_OVERRIDES = List.of("AWOOOI_LLM", "OLLAMA_BASE_URL", "BEDROCK_MODEL_ID",
            "PROMETHEUS_URL", "TOPOLOGY_NAMESPACES");

    /**
     * Local overrides that are stack parameters on AWS: the variable sets the parameter, so the
     * environment, the Conditions and the IAM statements that follow from it agree (e.g. with
     * LABEL_KUBERNETES_NAMES=true the analysis gets the vault statements it needs, as on AWS).
     */
    static final Map<String, String> PARAMETER_OVERRIDES = Map.of("LABEL_KUBERNETES_NAMES", "LabelKubernetesNames");

    /** The stack parameters the caller's environment sets ({@link #PARAMETER_OVERRIDES}). */
    static Map<String, String> parameterOverrides(Map<String, String> callerEnvironment) {
        Map<String, String> out = new LinkedHashMap<>();
        PARAMETER_OVERRIDES.forEach((variable, parameter) -> {
            String value = callerEnvironment.get(variable);
            if (value != null && !value.isBlank()) {
                out.put(parameter, value.strip());
            }
        });
        return out;
    }

    private final Map<String, String> stackEnvironment;
    private final Map<String, String> overrides;
    /** Each function its own access key (LocalIam.accessKeyId), else the shared administrator key "local". */
    private final boolean functionCredentials;

    /** {@code stackEnvironment}: what every function gets, e.g. AWS_ENDPOINT_URL_DYNAMODB. */
    FunctionLauncher(RuntimeInterfaceClient ric, Map<String, String> stackEnvironment) {
        this(ric, stackEnvironment, Map.of());
    }

    /** {@code callerEnvironment}: where {@link #LOCAL_OVERRIDES} are looked up. */
    FunctionLauncher(RuntimeInterfaceClient ric, Map<String, String> stackEnvironment,
            Map<String, String> callerEnvironment) {
        this(ric, stackEnvironment, callerEnvironment, false);
    }

    /** {@code functionCredentials}: each function signs with its own key, which the local endpoints check (ADR 0013). */
    FunctionLauncher(RuntimeInterfaceClient ric, Map<String, String> stackEnvironment,
            Map<String, String> callerEnvironment, boolean functionCredentials) {
        this.ric = ric;
        this.functionCredentials = functionCredentials;
        this.javaBinary = currentJava();
        this.stackEnvironment = Map.copyOf(stackEnvironment);
        Map<String, String> found = new LinkedHashMap<>();
        for (String key : LOCAL_OVERRIDES) {
            String value = callerEnvironment.get(key);
            if (value != null && !value.isBlank()) {
                found.put(key, value);
            }
        }
        this.overrides = Map.copyOf(found);
    }

    ProcessBuilder processBuilder(FunctionSpec spec, Path taskRoot, String runtimeApi) {
        List<String> classpath = new ArrayList<>();
        classpath.add(taskRoot.toString());
        classpath.add(taskRoot.resolve("lib") + File.separator + "*");
        ric.jars().forEach(jar -> classpath.add(jar.toString()));

        List<String> command = new ArrayList<>(List.of(javaBinary,
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx" + heapMb(spec.memoryMb()) + "m",
                // the client loads its JNI library with System.load: say so, rather than be warned on JDK 24+
                "--enable-native-access=ALL-UNNAMED",
                // Quarkus resets thread locals of its worker threads by reflection; on JDK 24+ (our local
                // JDK, not Lambda's java21) that needs java.lang opened, or a worker thread dies at start
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=" + ric.nativeLibrary(),
                "-cp", String.join(File.pathSeparator, classpath),
                RuntimeInterfaceClient.MAIN_CLASS, spec.handler()));

        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (String inherited : List.of("PATH", "HOME", "JAVA_HOME")) {
            String value = System.getenv(inherited);
            if (value != null) {
                env.put(inherited, value);
            }
        }
        env.putAll(environment(spec, taskRoot, runtimeApi));
        return builder;
    }

    /** The function's environment, without the inherited PATH/HOME/JAVA_HOME. */
    Map<String, String> environment(FunctionSpec spec, Path taskRoot, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.putAll(spec.environment());
        overrides.forEach((key, value) -> env.replace(key, value));
        env.putAll(stackEnvironment);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", spec.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
        env.put("AWS_REGION", LocalStack.REGION);
        env.put("AWS_DEFAULT_REGION", LocalStack.REGION);
        env.put("AWS_ACCESS_KEY_ID", functionCredentials ? LocalIam.accessKeyId(spec.logicalId()) : "local");
        env.put("AWS_SECRET_ACCESS_KEY", functionCredentials ? LocalIam.secretAccessKey(spec.logicalId()) : "local");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("TZ", ":UTC");
        return env;
    }

    /** About 80% of the function's memory, as the heap (the rest is metaspace, threads, code). */
    static int heapMb(int memoryMb) {
        return Math.max(64, memoryMb * 4 / 5);
    }

    private static String logStreamName() {
        return LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/')
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
