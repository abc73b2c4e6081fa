package io.awoooi.local;

import io.awoooi.testing.LocalResources;
import io.awoooi.testing.SamTemplate;
import io.awoooi.testing.TemplatePolicies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM of the local runtime (ADR 0013): every function of the template gets credentials of its own
 * ({@link #accessKeyId}), and the local AWS endpoints ask {@link #denial} whether the caller named by
 * a request's SigV4 {@code Authorization} header may perform an action on a resource, by the
 * function's {@code Policies} as the template writes them (intrinsics evaluated to the local ARNs):
 * its inline statements and those of the template's managed policies it attaches by {@code !Ref}
 * (a policy attached under {@code !If} or with a Condition only when that Condition holds locally),
 * and for a function with an SQS event the AWS managed policy SAM adds for it
 * ({@link #SQS_QUEUE_EXECUTION_ROLE}: receive and delete on every queue, which its own Deny narrows).
 * Deny statements win, anything not allowed is denied. A caller whose key is no function's (tests,
 * the control plane, the SQS pollers acting as the Lambda service) is the administrator: allowed.
 *
 * <p>Signatures are not verified: the key id in the Credential is trusted. Statement {@code Condition}s
 * are not evaluated: a conditional Allow grants nothing locally, a conditional Deny always applies
 * (the template's only condition is on ses:SendEmail, which no local endpoint serves).
 */
public final class LocalIam {

    /**
     * One statement, evaluated: Effect, Action and Resource patterns; with {@code notResource} the
     * patterns are its NotResource (it applies to every resource they do not match).
     */
    record Statement(boolean allow, List<String> actions, List<String> resources, boolean conditional,
            boolean notResource) {

        Statement(boolean allow, List<String> actions, List<String> resources, boolean conditional) {
            this(allow, actions, resources, conditional, false);
        }

        boolean matches(String action, String resource) {
            return actions.stream().anyMatch(a -> wildcard(a, action, true))
                    && notResource != resources.stream().anyMatch(r -> wildcard(r, resource, false));
        }
    }

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private final Map<String, String> functionByKey;
    private final Map<String, List<Statement>> statements;

    LocalIam(Map<String, List<Statement>> statementsByFunction) {
        this.statements = Collections.unmodifiableMap(new LinkedHashMap<>(statementsByFunction));
        Map<String, String> keys = new LinkedHashMap<>();
        statementsByFunction.keySet().forEach(id -> keys.put(accessKeyId(id), id));
        this.functionByKey = Collections.unmodifiableMap(keys);
    }

    /** The policies of every AWS::Serverless::Function of the template, evaluated with the local resources. */
    public static LocalIam fromTemplate(SamTemplate template, LocalResources resources) {
        Map<String, List<Statement>> all = new LinkedHashMap<>();
        for (String function : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            all.put(function, statements(template, resources, function));
        }
        return new LocalIam(all);
    }

    static List<Statement> statements(SamTemplate template, LocalResources resources, String function) {
        List<Statement> out = new ArrayList<>();
        // the inline document and the managed policies (AWS::IAM::ManagedPolicy) the function attaches by
        // !Ref, each under the Conditions it is attached with (TemplatePolicies.documents); anything else,
        // a managed policy by name or a SAM policy template, is refused there
        List<TemplatePolicies.Attached> documents;
        try {
            documents = TemplatePolicies.documents(template, function);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the local IAM knows inline policy documents and the template's managed policies "
                            + "only (write the statements out): " + e.getMessage(),
                    e);
        }
        for (TemplatePolicies.Attached document : documents) {
            if (!document.conditions().stream().allMatch(c -> template.condition(c, resources))) {
                continue; // a policy attached under a Condition that does not hold locally
            }
            Object evaluated = template.evaluate(document.document().get("Statement"), resources);
            for (Object statement : TemplatePolicies.list(evaluated)) {
                if (!(statement instanceof Map<?, ?> s)) {
                    continue; // an Fn::If that chose AWS::NoValue
                }
                if (s.containsKey("NotAction") || s.containsKey("Principal")
                        || s.containsKey("NotResource") == s.containsKey("Resource")) {
                    throw new IllegalArgumentException(
                            function + ": the local IAM evaluates Action with either Resource or NotResource, "
                                    + "no NotAction or Principal: " + s);
                }
                boolean not = s.containsKey("NotResource");
                out.add(new Statement(!"Deny".equals(s.get("Effect")), strings(s.get("Action")),
                        strings(s.get(not ? "NotResource" : "Resource")), s.get("Condition") != null, not));
            }
        }
        if (!template.eventProperties(function, "SQS").isEmpty()) {
            out.add(SQS_QUEUE_EXECUTION_ROLE);
        }
        return List.copyOf(out);
    }

    /**
     * The statement of AWSLambdaSQSQueueExecutionRole, the AWS managed policy SAM attaches to the role
     * of every function with an SQS event (its trigger's poller acts with it): on every queue.
     */
    static final Statement SQS_QUEUE_EXECUTION_ROLE = new Statement(true,
            List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"), List.of("*"), false);

    /** AKLOCAL + 13 hex digits of the function's logical id: the function's AWS_ACCESS_KEY_ID. */
    public static String accessKeyId(String functionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(functionId.getBytes(StandardCharsets.UTF_8));
            return "AKLOCAL" + HexFormat.of().withUpperCase().formatHex(hash).substring(0, 13);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The function's AWS_SECRET_ACCESS_KEY (not checked: signatures are not verified locally). */
    public static String secretAccessKey(String functionId) {
        return "local-secret-" + accessKeyId(functionId);
    }

    /** The function whose key signed the request, empty for the administrator (any other key or none). */
    public Optional<String> caller(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = CREDENTIAL.matcher(authorization);
        return m.find() ? Optional.ofNullable(functionByKey.get(m.group(1))) : Optional.empty();
    }

    /** Whether the function may perform the action on the resource, by its policy. */
    public boolean allowed(String function, String action, String resource) {
        List<Statement> own = statements.get(function);
        if (own == null) {
            return true;
        }
        boolean allowed = false;
        for (Statement s : own) {
            if (!s.matches(action, resource)) {
                continue;
            }
            if (!s.allow()) {
                return false; // an explicit Deny wins, conditional or not
            }
            allowed |= !s.conditional();
        }
        return allowed;
    }

    /**
     * Null when the request's caller may perform the action on every resource, else AWS's message of
     * the AccessDeniedException for the first one it may not.
     */
    public String denial(String authorization, String action, List<String> resources) {
        Optional<String> caller = caller(authorization);
        if (caller.isEmpty()) {
            return null;
        }
        for (String resource : resources) {
            if (!allowed(caller.get(), action, resource)) {
                return "User: arn:aws:sts::" + LocalStack.ACCOUNT_ID + ":assumed-role/" + caller.get() + "Role/"
                        + caller.get() + " is not authorized to perform: " + action + " on resource: " + resource
                        + " because no identity-based policy allows the " + action + " action";
            }
        }
        return null;
    }

    public String denial(String authorization, String action, String resource) {
        return denial(authorization, action, List.of(resource));
    }

    /** The evaluated statements of a function (for tests and messages). */
    List<Statement> statementsOf(String function) {
        return statements.getOrDefault(function, List.of());
    }

    /** IAM's wildcards: * any run, ? one character; actions compare case-insensitively. */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            pattern = pattern.toLowerCase(Locale.ROOT);
            value = value.toLowerCase(Locale.ROOT);
        }
        return PATTERNS.computeIfAbsent(pattern, LocalIam::compile).matcher(value).matches();
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<String> strings(Object node) {
        return TemplatePolicies.list(node).stream().map(String::valueOf).toList();
    }

}
