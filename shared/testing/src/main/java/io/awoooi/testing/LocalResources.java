package io.awoooi.testing;

import static io.awoooi.testing.SamTemplate.FUNCTION;
import static io.awoooi.testing.SamTemplate.QUEUE;
import static io.awoooi.testing.SamTemplate.TABLE;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The local names of the template's resources, and the {@link SamTemplate.Resolver} that gives
 * Ref and GetAtt their local values, so a function's environment can be evaluated from the
 * template exactly as CloudFormation would, but pointing at the local servers. A parameter's local
 * value is its entry in the template's {@code Metadata.AwoooiLocal.ParameterValues}, else its Default.
 */
public final class LocalResources implements SamTemplate.Resolver {

    public static final String STACK_NAME = "awoooi-local";
    static final String SECRET = "AWS::SecretsManager::Secret";
    static final String KMS_KEY = "AWS::KMS::Key";
    static final String HTTP_API = "AWS::Serverless::HttpApi";
    static final String SSM_PARAMETER = "AWS::SSM::Parameter";
    static final String MANAGED_POLICY = TemplatePolicies.MANAGED_POLICY;

    private final SamTemplate template;
    private final Map<String, String> tables;
    private final Map<String, String> queueUrls;
    private final Map<String, String> parameterValues;

    /** {@code queueUrls}: logical id -> URL of the queues that exist (none yet while provisioning). */
    LocalResources(SamTemplate template, Map<String, String> queueUrls) {
        this(template, queueUrls, Map.of());
    }

    /** The local names of a template's resources, no queue provisioned (for reading its IAM, for instance). */
    public static LocalResources of(SamTemplate template) {
        return new LocalResources(template, Map.of());
    }

    private LocalResources(SamTemplate template, Map<String, String> queueUrls, Map<String, String> parameterValues) {
        this.template = template;
        this.parameterValues = Map.copyOf(parameterValues);
        this.queueUrls = Collections.unmodifiableMap(new LinkedHashMap<>(queueUrls));
        Map<String, String> names = new LinkedHashMap<>();
        template.logicalIdsOfType(TABLE).forEach(id -> names.put(id, nameOf(id, "TableName", id)));
        this.tables = Collections.unmodifiableMap(names);
    }

    public SamTemplate template() {
        return template;
    }

    /**
     * The same resources with some parameters given values, as a deployer would pass them (e.g.
     * {@code LabelKubernetesNames=true}): they win over {@code Metadata.AwoooiLocal.ParameterValues}
     * and Defaults, in environment variables and in Conditions (so IAM statements follow) alike.
     *
     * @throws IllegalArgumentException for a name that is no parameter of the template
     */
    public LocalResources withParameterValues(Map<String, String> values) {
        values.keySet().forEach(name -> {
            if (!(template.parameters().get(name) instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(name + " is no parameter of " + template.file().getFileName());
            }
        });
        Map<String, String> all = new LinkedHashMap<>(parameterValues);
        all.putAll(values);
        return new LocalResources(template, queueUrls, all);
    }

    /** Properties.TableName if set, else the logical id. */
    public String tableName(String logicalId) {
        expectType(logicalId, TABLE);
        // null only while the constructor computes the names (a TableName may Ref another table)
        return tables != null ? tables.get(logicalId) : nameOf(logicalId, "TableName", logicalId);
    }

    public String tableArn(String logicalId) {
        return arn("dynamodb", "table/" + tableName(logicalId));
    }

    public String queueUrl(String logicalId) {
        expectType(logicalId, QUEUE);
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalStateException("queue " + logicalId + " is not provisioned yet");
        }
        return url;
    }

    /** arn:aws:sqs:us-east-1:000000000000:NAME, which is also what ElasticMQ reports. */
    public String queueArn(String logicalId) {
        return arn("sqs", queueName(logicalId));
    }

    /** Properties.QueueName if set, else the logical id (+ ".fifo" for a FIFO queue). */
    public String queueName(String logicalId) {
        expectType(logicalId, QUEUE);
        Object fifo = template.properties(logicalId).get("FifoQueue");
        return nameOf(logicalId, "QueueName", logicalId + (Provisioner.isTrue(fifo) ? ".fifo" : ""));
    }

    public String secretArn(String logicalId) {
        expectType(logicalId, SECRET);
        return arn("secretsmanager", "secret:" + logicalId);
    }

    /**
     * Properties.Name if set, else the logical id (CloudFormation would make one up; locally the
     * logical id is stable and readable). What Ref of an AWS::SSM::Parameter gives.
     */
    public String parameterName(String logicalId) {
        expectType(logicalId, SSM_PARAMETER);
        return nameOf(logicalId, "Name", logicalId);
    }

    /** arn:aws:ssm:us-east-1:000000000000:parameter/NAME (a hierarchical /a/b name keeps one slash). */
    public String parameterArn(String logicalId) {
        String name = parameterName(logicalId);
        return arn("ssm", "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    /** Logical id -> table name, in template order. */
    public Map<String, String> tables() {
        return tables;
    }

    /** Logical id -> queue URL, in template order. */
    public Map<String, String> queueUrls() {
        return queueUrls;
    }

    @Override
    public String ref(String name) {
        switch (name) {
            case "AWS::Region" :
                return Local.REGION;
            case "AWS::AccountId" :
                return Local.ACCOUNT_ID;
            case "AWS::Partition" :
                return "aws";
            case "AWS::URLSuffix" :
                return "amazonaws.com";
            case "AWS::StackName" :
                return STACK_NAME;
            case "AWS::StackId" :
                return arn("cloudformation", "stack/" + STACK_NAME + "/" + fakeId(STACK_NAME));
            default :
                break;
        }
        if (template.parameters().get(name) instanceof Map<?, ?> parameter) {
            if (parameterValues.containsKey(name)) {
                return parameterValues.get(name);
            }
            Object local = localParameterValues().get(name);
            if (local != null) {
                return String.valueOf(local);
            }
            if (parameter.get("Default") == null) {
                throw new IllegalArgumentException("parameter " + name + " has no Default, so no local value");
            }
            return String.valueOf(parameter.get("Default"));
        }
        if (!template.resources().containsKey(name)) {
            throw new IllegalArgumentException("Ref " + name + ": no such parameter or resource in "
                    + template.file().getFileName());
        }
        String type = template.typeOf(name);
        return switch (type) {
            case TABLE -> tableName(name);
            case QUEUE -> queueUrl(name);
            case SECRET -> secretArn(name);
            case SSM_PARAMETER -> parameterName(name);
            case KMS_KEY -> fakeId(name);
            case FUNCTION -> name;
            case HTTP_API -> "local";
            // what CloudFormation's Ref gives: the policy's ARN (IAM is global: no Region)
            case MANAGED_POLICY -> "arn:aws:iam::" + Local.ACCOUNT_ID + ":policy/" + name;
            default -> throw new IllegalArgumentException("Ref " + name + ": no local value for a " + type);
        };
    }

    /**
     * The template's {@code Metadata.AwoooiLocal.ParameterValues}: parameter values the local runtime
     * uses instead of the Default (what CloudFormation would get from the deployer), e.g.
     * {@code ClusterAuth: auto}. Empty when the template has none.
     */
    public Map<String, Object> localParameterValues() {
        return SamTemplate.section(SamTemplate.section(SamTemplate.section(template.root(), "Metadata"), "AwoooiLocal"),
                "ParameterValues");
    }

    @Override
    public String getAtt(String logicalId, String attribute) {
        String type = template.typeOf(logicalId);
        return switch (type + "." + attribute) {
            case TABLE + ".Arn" -> tableArn(logicalId);
            // dynalite has no streams: a well-formed ARN that nothing serves
            case TABLE + ".StreamArn" -> tableArn(logicalId) + "/stream/1970-01-01T00:00:00.000";
            case QUEUE + ".Arn" -> queueArn(logicalId);
            case QUEUE + ".QueueName" -> queueName(logicalId);
            case QUEUE + ".QueueUrl" -> queueUrl(logicalId);
            case KMS_KEY + ".Arn" -> arn("kms", "key/" + fakeId(logicalId));
            case KMS_KEY + ".KeyId" -> fakeId(logicalId);
            case FUNCTION + ".Arn" -> arn("lambda", "function:" + logicalId);
            default -> throw new IllegalArgumentException(
                    "GetAtt " + logicalId + "." + attribute + ": no local value for a " + type);
        };
    }

    @Override
    public String toString() {
        return "LocalResources[tables=" + tables + ", queues=" + queueUrls + "]";
    }

    /** A Name property (evaluated: it may be a !Sub of the stack name) or the fallback. */
    private String nameOf(String logicalId, String property, String fallback) {
        Object name = template.properties(logicalId).get(property);
        return name == null ? fallback : template.evaluateToString(name, this);
    }

    private void expectType(String logicalId, String type) {
        if (!type.equals(template.typeOf(logicalId))) {
            throw new IllegalArgumentException(logicalId + " is a " + template.typeOf(logicalId) + ", not a " + type);
        }
    }

    private static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + Local.REGION + ":" + Local.ACCOUNT_ID + ":" + resource;
    }

    /** Same logical id, same id: stable across runs, so nothing local depends on randomness. */
    private static String fakeId(String logicalId) {
        return UUID.nameUUIDFromBytes(("awoooi-local/" + logicalId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
