package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's table of environment variables says what the template sets, function by
 * function: a variable added to, moved between or removed from functions fails here until the table
 * says so too (issue #13 point 7: the docs in line with the code).
 */
class EnvironmentDocsTest {
    private static final Pattern ROW = Pattern.compile("^\\| ((?:`[A-Z0-9_]+`(?:, )?)+) \\| ([^|]+) \\|",
            Pattern.MULTILINE);
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z0-9_]+)`");

    @Test
    void table_listsEveryVariableOfEveryFunction_asTheTemplateSetsIt() throws IOException {
        Path root = RepoRoot.find();
        SamTemplate template = SamTemplate.load(root.resolve("infra/sam/template.yaml"));
        Map<String, Set<String>> actual = new TreeMap<>();
        Set<String> functions = new TreeSet<>();
        for (String id : template.logicalIdsOfType("AWS::Serverless::Function")) {
            String function = kebab(id.replaceAll("Function$", ""));
            functions.add(function);
            Object environment = template.functionProperties(id).get("Environment");
            Object variables = environment instanceof Map<?, ?> e ? e.get("Variables") : null;
            Map<?, ?> env = variables instanceof Map<?, ?> m ? m : Map.of();
            env.keySet().forEach(v -> actual.computeIfAbsent(String.valueOf(v), k -> new TreeSet<>()).add(function));
        }

        String docs = Files.readString(root.resolve("docs/architecture.md"));
        String table = docs.substring(docs.indexOf("### Environment variables"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("| variable |")));
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            String who = row.group(2).strip();
            Set<String> whom = who.startsWith("all") ? functions
                    : new TreeSet<>(Arrays.stream(who.split(",")).map(String::strip).toList());
            Matcher v = VARIABLE.matcher(row.group(1));
            while (v.find()) {
                documented.put(v.group(1), whom);
            }
        }

        assertThat(documented).as("docs/architecture.md, Environment variables: variable -> functions")
                .isEqualTo(actual);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
                .replace("fin-ops", "finops");
    }
}
