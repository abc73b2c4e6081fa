package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.testing.LocalResources;
import io.awoooi.testing.RepoRoot;
import io.awoooi.testing.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SSM Parameter Store's GetParameter for the template's AWS::SSM::Parameter resources, on
 * 127.0.0.1 and a free port (the functions get it as AWS_ENDPOINT_URL_SSM). A parameter answers to
 * its name (what Ref gives locally: {@link LocalResources#parameterName}) and its ARN. Its value is
 * the file named by {@code Metadata.AwoooiLocal.ValueFromFile} (relative to the repository root,
 * read at start), else its {@code Properties.Value}. Parameters the stack only reads (created by the
 * operator, named by a stack parameter) are served from the template's
 * {@code Metadata.AwoooiLocal.SsmParameters}: stack parameter -> file; their logical id is the stack
 * parameter's name.
 */
final class SsmStub extends AwsJsonStub {

    static final String PARAMETER_TYPE = "AWS::SSM::Parameter";

    /** One parameter: its name, ARN, type (String, StringList, SecureString) and value. */
    record Parameter(String logicalId, String name, String arn, String type, String value, Instant modified) {
        @Override
        public String toString() {
            return "Parameter[" + name + "]"; // never the value
        }
    }

    private final Map<String, Parameter> parameters; // by name and by ARN
    private final List<String> logicalIds = new ArrayList<>();
    SsmStub(Iterable<Parameter> parameters) throws IOException {
        super("the local SSM", "ssm", "AmazonSSM", "ValidationException");
        this.parameters = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            this.parameters.put(parameter.name(), parameter);
            this.parameters.put(parameter.arn(), parameter);
            logicalIds.add(parameter.logicalId());
        }
    }

    /**
     * The template's parameters with their local values.
     *
     * @throws IllegalStateException when a ValueFromFile names a file that cannot be read
     */
    static SsmStub fromTemplate(SamTemplate template, LocalResources resources) throws IOException {
        Instant now = Instant.now();
        List<Parameter> parameters = new ArrayList<>();
        for (String id : template.logicalIdsOfType(PARAMETER_TYPE)) {
            Map<String, Object> properties = template.properties(id);
            String type = properties.get("Type") == null ? "String"
                    : template.evaluateToString(properties.get("Type"), resources);
            String value = SecretsManagerStub.awoooiLocal(template, id, "ValueFromFile")
                    .map(SsmStub::read)
                    .orElseGet(() -> properties.get("Value") == null ? ""
                            : template.evaluateToString(properties.get("Value"), resources));
            parameters
                    .add(new Parameter(id, resources.parameterName(id), resources.parameterArn(id), type, value, now));
        }
        // Parameters the stack reads but does not own (Metadata.AwoooiLocal.SsmParameters): the stack
        // parameter that names one -> the file of its local value
        if (template.root().get("Metadata") instanceof Map<?, ?> metadata
                && metadata.get("AwoooiLocal") instanceof Map<?, ?> local
                && local.get("SsmParameters") instanceof Map<?, ?> external) {
            for (Map.Entry<?, ?> e : external.entrySet()) {
                String stackParameter = String.valueOf(e.getKey());
                String name = resources.ref(stackParameter);
                String arn = "arn:aws:ssm:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":parameter"
                        + (name.startsWith("/") ? name : "/" + name);
                parameters.add(
                        new Parameter(stackParameter, name, arn, "String", read(String.valueOf(e.getValue())), now));
            }
        }
        return new SsmStub(parameters);
    }

    private static String read(String file) {
        Path path = RepoRoot.find().resolve(file).normalize();
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the local value of an SSM parameter (Metadata.AwoooiLocal.ValueFromFile) "
                    + "cannot be read from " + path + ": " + e.getClass().getSimpleName(), new UncheckedIOException(e));
        }
    }

    /** The logical ids of the parameters served, in template order. */
    List<String> logicalIds() {
        return List.copyOf(logicalIds);
    }

    /** The value of a parameter by name or ARN; IllegalArgumentException if there is none. */
    String value(String nameOrArn) {
        Parameter parameter = parameters.get(nameOrArn);
        if (parameter == null) {
            throw new IllegalArgumentException("no SSM parameter " + nameOrArn + " in the template");
        }
        return parameter.value();
    }

    @Override
    ObjectNode call(String operation, JsonNode request, String authorization) {
        if (!operation.equals("GetParameter")) {
            throw new Failure("UnknownOperationException", "the local SSM only knows GetParameter, not " + operation);
        }
        String name = request.path("Name").asText("");
        Parameter parameter = parameters.get(name);
        String resource = parameter != null ? parameter.arn() : name.startsWith("arn:") ? name
                : "arn:aws:ssm:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":parameter"
                        + (name.startsWith("/") ? name : "/" + name);
        authorize(authorization, "ssm:GetParameter", resource);
        if (parameter == null) {
            throw new Failure("ParameterNotFound", "");
        }
        ObjectNode response = Json.object();
        ObjectNode p = response.putObject("Parameter");
        p.put("Name", parameter.name());
        p.put("Type", parameter.type());
        p.put("Value", parameter.value());
        p.put("Version", 1);
        p.put("LastModifiedDate", parameter.modified().getEpochSecond());
        p.put("ARN", parameter.arn());
        p.put("DataType", "text");
        return response;
    }
}
