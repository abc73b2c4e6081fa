package io.awoooi.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IAM statements of the template's functions, read as written (unevaluated): what tests need to
 * say "the executor may Query the vault table and nothing else". A statement wrapped in
 * {@code Fn::If} counts with its true branch (it is granted under some parameters).
 */
public final class TemplatePolicies {

  private TemplatePolicies() {}

  /** Every statement of the function's inline policy documents, conditional ones included. */
  public static List<Map<String, Object>> statements(SamTemplate template, String functionId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object policy : list(template.functionProperties(functionId).get("Policies"))) {
      if (!(policy instanceof Map<?, ?> document)) {
        throw new IllegalArgumentException(functionId + " uses a managed policy name, not an inline document: " + policy);
      }
      for (Object statement : list(document.get("Statement"))) {
        if (statement instanceof Map<?, ?> s && s.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
          statement = branches.get(1);
        }
        if (statement instanceof Map<?, ?> s && s.containsKey("Action")) {
          out.add(SamTemplate.asMap(s));
        }
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

  private static List<Object> list(Object node) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return List.of(node);
  }
}
