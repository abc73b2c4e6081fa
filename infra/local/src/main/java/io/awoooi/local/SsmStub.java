package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.awoooi.testing.LocalResources;
import io.awoooi.testing.RepoRoot;
import io.awoooi.testing.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
final class SsmStub implements AutoCloseable {

  static final String PARAMETER_TYPE = "AWS::SSM::Parameter";
  private static final String JSON_1_1 = "application/x-amz-json-1.1";

  /** One parameter: its name, ARN, type (String, StringList, SecureString) and value. */
  record Parameter(String logicalId, String name, String arn, String type, String value, Instant modified) {
    @Override
    public String toString() {
      return "Parameter[" + name + "]"; // never the value
    }
  }

  private final Map<String, Parameter> parameters; // by name and by ARN
  private final List<String> logicalIds = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;

  SsmStub(Iterable<Parameter> parameters) throws IOException {
    this.parameters = new LinkedHashMap<>();
    for (Parameter parameter : parameters) {
      this.parameters.put(parameter.name(), parameter);
      this.parameters.put(parameter.arn(), parameter);
      logicalIds.add(parameter.logicalId());
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    this.executor = Executors.newCachedThreadPool(Threads.daemon("ssm"));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
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
      String type = properties.get("Type") == null ? "String" : template.evaluateToString(properties.get("Type"), resources);
      String value = SecretsManagerStub.awoooiLocal(template, id, "ValueFromFile")
          .map(SsmStub::read)
          .orElseGet(() -> properties.get("Value") == null ? "" : template.evaluateToString(properties.get("Value"), resources));
      parameters.add(new Parameter(id, resources.parameterName(id), resources.parameterArn(id), type, value, now));
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
        parameters.add(new Parameter(stackParameter, name, arn, "String", read(String.valueOf(e.getValue())), now));
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

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int port() {
    return server.getAddress().getPort();
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
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }


  /** Checks every call against the caller's policy (ADR 0013); null: everyone is allowed. */
  private volatile LocalIam iam;

  /** Enforces the functions' policies from now on (null: no checks). */
  void enforce(LocalIam iam) {
    this.iam = iam;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      byte[] body = HttpExchanges.readBody(exchange, 1024 * 1024);
      if (!"POST".equals(exchange.getRequestMethod()) || target == null) {
        error(exchange, "ValidationException", "expected a POST with an X-Amz-Target header");
        return;
      }
      if (!target.equals("AmazonSSM.GetParameter")) {
        error(exchange, "UnknownOperationException", "the local SSM only knows GetParameter, not "
            + target.substring(target.indexOf('.') + 1));
        return;
      }
      JsonNode request;
      try {
        request = Json.parse(body == null ? new byte[0] : body);
      } catch (IllegalArgumentException e) {
        error(exchange, "ValidationException", "the request body is not JSON");
        return;
      }
      String name = request.path("Name").asText("");
      Parameter parameter = parameters.get(name);
      LocalIam checks = iam;
      if (checks != null) {
        String resource = parameter != null ? parameter.arn() : name.startsWith("arn:") ? name
            : "arn:aws:ssm:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":parameter"
                + (name.startsWith("/") ? name : "/" + name);
        String denial = checks.denial(exchange.getRequestHeaders().getFirst("Authorization"), "ssm:GetParameter",
            resource);
        if (denial != null) {
          error(exchange, "AccessDeniedException", denial);
          return;
        }
      }
      if (parameter == null) {
        error(exchange, "ParameterNotFound", "");
        return;
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
      HttpExchanges.send(exchange, 200, JSON_1_1, Json.bytes(response));
    }
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    ObjectNode error = Json.object();
    error.put("__type", type);
    error.put("message", message);
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    HttpExchanges.send(exchange, 400, JSON_1_1, Json.bytes(error));
  }
}
