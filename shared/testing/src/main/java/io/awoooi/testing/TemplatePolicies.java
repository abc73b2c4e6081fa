package io.awoooi.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IAM statements of the template's functions, read as written (unevaluated): what tests need to
 * say "the executor may Query the vault table and nothing else". A function's role holds its own
 * inline policy document and the customer managed policies (AWS::IAM::ManagedPolicy) it attaches by
 * {@code !Ref} in its Policies, possibly under {@code !If [Condition, !Ref P, !Ref AWS::NoValue]}
 * (ADR one-source-per-infrastructure-concern). A statement or a policy wrapped in {@code Fn::If}, or
 * a policy with a Condition, counts with its true branch (it is granted under some parameters).
 */
public final class TemplatePolicies {

    public static final String MANAGED_POLICY = "AWS::IAM::ManagedPolicy";

    private TemplatePolicies() {
    }

    /**
     * One policy document a function's role holds: its inline one ({@code managedPolicy} null) or the
     * managed policy with that logical id, granted only when every one of {@code conditions} holds.
     */
    public record Attached(String managedPolicy, List<String> conditions, Map<String, Object> document) {

        public boolean inline() {
            return managedPolicy == null;
        }
    }

    /**
     * The function's policy documents in the order its Policies list them. Anything else than an inline
     * document or a !Ref to a managed policy of the template (an AWS managed policy by name, a SAM policy
     * template) is an IllegalArgumentException: neither the local IAM nor the Terraform parity knows it.
     */
    public static List<Attached> documents(SamTemplate template, String functionId) {
        List<Attached> out = new ArrayList<>();
        for (Object policy : list(template.functionProperties(functionId).get("Policies"))) {
            attach(template, functionId, policy, List.of(), out);
        }
        return out;
    }

    private static void attach(SamTemplate template, String functionId, Object policy, List<String> conditions,
            List<Attached> out) {
        if (policy instanceof Map<?, ?> document && document.containsKey("Statement")) {
            out.add(new Attached(null, conditions, SamTemplate.asMap(document)));
            return;
        }
        if (policy instanceof Map<?, ?> m && m.size() == 1 && m.get("Fn::If") instanceof List<?> branches
                && branches.size() == 3
                && branches.get(2) instanceof Map<?, ?> other && "AWS::NoValue".equals(other.get("Ref"))) {
            List<String> more = new ArrayList<>(conditions);
            more.add(String.valueOf(branches.get(0)));
            attach(template, functionId, branches.get(1), List.copyOf(more), out);
            return;
        }
        if (policy instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String id
                && template.resources().containsKey(id) && MANAGED_POLICY.equals(template.typeOf(id))) {
            List<String> more = new ArrayList<>(conditions);
            if (template.resource(id).get("Condition") instanceof String condition && !more.contains(condition)) {
                more.add(condition);
            }
            Object document = template.properties(id).get("PolicyDocument");
            if (!(document instanceof Map<?, ?> d) || !d.containsKey("Statement")) {
                throw new IllegalArgumentException(id + ": a managed policy needs a PolicyDocument with a Statement");
            }
            out.add(new Attached(id, List.copyOf(more), SamTemplate.asMap(d)));
            return;
        }
        throw new IllegalArgumentException(
                functionId + ": " + policy + " is neither an inline policy document nor a !Ref to an "
                        + MANAGED_POLICY
                        + " of the template (AWS managed policies by name and SAM policy templates are not used here)");
    }

    /** The managed policies of the template a function attaches, by logical id. */
    public static List<String> managedPolicies(SamTemplate template, String functionId) {
        return documents(template, functionId).stream().filter(a -> !a.inline()).map(Attached::managedPolicy).toList();
    }

    /** Every statement of the function's policy documents, inline and managed, conditional ones included. */
    public static List<Map<String, Object>> statements(SamTemplate template, String functionId) {
        List<Map<String, Object>> out = new ArrayList<>();
        documents(template, functionId).forEach(a -> out.addAll(statementsOf(a.document())));
        return out;
    }

    /** The statements the function writes itself (its inline documents). */
    public static List<Map<String, Object>> inlineStatements(SamTemplate template, String functionId) {
        List<Map<String, Object>> out = new ArrayList<>();
        documents(template, functionId).stream().filter(Attached::inline)
                .forEach(a -> out.addAll(statementsOf(a.document())));
        return out;
    }

    /** The statements of one policy document, a statement under Fn::If with its true branch. */
    public static List<Map<String, Object>> statementsOf(Map<String, Object> document) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object statement : list(document.get("Statement"))) {
            if (statement instanceof Map<?, ?> s && s.get("Fn::If") instanceof List<?> branches
                    && branches.size() == 3) {
                statement = branches.get(1);
            }
            if (statement instanceof Map<?, ?> s && s.containsKey("Action")) {
                out.add(SamTemplate.asMap(s));
            }
        }
        return out;
    }

    /** The actions of a statement, as written. */
    public static List<String> actions(Map<String, Object> statement) {
        return list(statement.get("Action")).stream().map(String::valueOf).toList();
    }

    /**
     * The actions the function's statements allow on the resource with this logical id: those whose
     * Resource names it ({@code !Ref X}, {@code !GetAtt X.Arn}, {@code ${X}} or {@code ${X.Arn}} in a
     * {@code !Sub}), excluding its sub-resources such as {@code ${X.Arn}/index/*}.
     */
    public static Set<String> actionsOn(SamTemplate template, String functionId, String logicalId) {
        Set<String> out = new LinkedHashSet<>();
        for (Map<String, Object> statement : statements(template, functionId)) {
            for (Object resource : list(statement.get("Resource"))) {
                if (names(resource, logicalId)) {
                    out.addAll(actions(statement));
                }
            }
        }
        return out;
    }

    /** Whether anything in the node (a property, a statement, an environment) mentions the logical id. */
    public static boolean mentions(Object node, String logicalId) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1 && "Ref".equals(map.keySet().iterator().next())) {
                return logicalId.equals(map.get("Ref"));
            }
            if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> parts && !parts.isEmpty()) {
                return logicalId.equals(parts.get(0));
            }
            if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                Object sub = map.get("Fn::Sub");
                String text = sub instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : String.valueOf(sub);
                if (Pattern.compile("\\$\\{" + Pattern.quote(logicalId) + "[.}]").matcher(text).find()) {
                    return true;
                }
                return sub instanceof List<?> l && l.size() > 1 && mentions(l.get(1), logicalId);
            }
            return map.values().stream().anyMatch(v -> mentions(v, logicalId));
        }
        if (node instanceof List<?> list) {
            return list.stream().anyMatch(v -> mentions(v, logicalId));
        }
        return false;
    }

    private static boolean names(Object resource, String logicalId) {
        if (resource instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Fn::Sub")) {
            String text = String.valueOf(map.get("Fn::Sub") instanceof List<?> l ? l.get(0) : map.get("Fn::Sub"));
            return text.matches("\\$\\{" + Pattern.quote(logicalId) + "(\\.Arn)?}");
        }
        return mentions(resource, logicalId);
    }

    /** A template value that may be one item or a list of them (Action, Resource, Statement), as a list. */
    public static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return List.of(node);
    }
}
