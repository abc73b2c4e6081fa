package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SamTemplate.evaluate with a resolver that says what it was asked. */
class EvaluateTest {

    private static final SamTemplate SMALL = SamTemplate.load(SamTemplateTest.resource("sam/short-tags.yaml"));

    private static final SamTemplate.Resolver ECHO = new SamTemplate.Resolver() {
        @Override
        public String ref(String name) {
            return "ref(" + name + ")";
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return "att(" + logicalId + "," + attribute + ")";
        }
    };

    private static Object variable(String name) {
        return SamTemplateTest.variables(SMALL.properties("Worker")).get(name);
    }

    @Test
    void evaluate_getAttInBothForms_asksTheResolver() {
        // GIVEN !GetAtt Table.Arn and !GetAtt [Table, Arn]
        // WHEN evaluated
        // THEN both ask for the same attribute
        assertThat(SMALL.evaluate(variable("TABLE_ARN"), ECHO)).isEqualTo("att(Table,Arn)");
        assertThat(SMALL.evaluate(variable("TABLE_ARN_LIST"), ECHO)).isEqualTo("att(Table,Arn)");
    }

    @Test
    void evaluate_subStringForm_replacesRefsAndKeepsEscapedLiterals() {
        // GIVEN !Sub with a pseudo parameter, a parameter and ${!Literal}
        // WHEN evaluated
        Object value = SMALL.evaluate(variable("SUBBED"), ECHO);

        // THEN ${X} is a Ref and ${!X} the text ${X}
        assertThat(value).isEqualTo("arn:ref(AWS::Partition):s3:::ref(Stage)-bucket/${NotAVariable}");
    }

    @Test
    void evaluate_subListForm_usesItsVariablesAndGetAttForDottedNames() {
        // GIVEN !Sub [template, {Name: !Ref Stage}] that also uses ${Table.Arn}
        // WHEN evaluated
        Object value = SMALL.evaluate(variable("SUB_WITH_VARS"), ECHO);

        // THEN the variable is evaluated and the dotted name is a GetAtt
        assertThat(value).isEqualTo("ref(Stage)-att(Table,Arn)");
    }

    @Test
    void evaluate_joinSelectSplit_computeStrings() {
        // GIVEN !Join over a Ref, and !Select over !Split
        // WHEN / THEN
        assertThat(SMALL.evaluate(variable("JOINED"), ECHO)).isEqualTo("a,ref(Stage),c");
        assertThat(SMALL.evaluate(variable("SELECTED"), ECHO)).isEqualTo("y");
        assertThat(SMALL.evaluate(Map.of("Fn::Split", List.of(",", "a,,b")), ECHO)).isEqualTo(List.of("a", "", "b"));
    }

    @Test
    void evaluate_plainValuesAndNestedMaps_evaluateOnlyTheIntrinsics() {
        // GIVEN a structure mixing plain values and intrinsics
        Map<String, Object> node = Map.of(
                "Number", 5, "Text", "plain", "Flag", true,
                "Nested", Map.of("Q", Map.of("Ref", "Queue"), "Two", Map.of("A", 1, "B", 2)),
                "List", List.of(Map.of("Ref", "Table"), "x"));

        // WHEN evaluated
        Object value = SMALL.evaluate(node, ECHO);

        // THEN plain values come back unchanged; a two-key map is data, not an intrinsic
        assertThat(value).isEqualTo(Map.of(
                "Number", 5, "Text", "plain", "Flag", true,
                "Nested", Map.of("Q", "ref(Queue)", "Two", Map.of("A", 1, "B", 2)),
                "List", List.of("ref(Table)", "x")));
    }

    @Test
    void evaluate_ifOverACondition_choosesTheBranchAndNoValueDropsTheKey() {
        // GIVEN CONDITIONAL: !If [IsProd, prod-value, !Ref AWS::NoValue] with IsProd: !Equals [!Ref Stage, prod]
        SamTemplate.Resolver prod = new SamTemplate.Resolver() {
            @Override
            public String ref(String name) {
                return name.equals("Stage") ? "prod" : "ref(" + name + ")";
            }

            @Override
            public String getAtt(String logicalId, String attribute) {
                return "att(" + logicalId + "," + attribute + ")";
            }
        };
        // WHEN evaluated with Stage = prod, then with another stage, inside a map
        // THEN the true branch; then the key is left out (AWS::NoValue)
        assertThat(SMALL.evaluate(variable("CONDITIONAL"), prod)).isEqualTo("prod-value");
        assertThat(SMALL.evaluate(Map.of("K", variable("CONDITIONAL")), ECHO)).isEqualTo(Map.of());
        assertThat(SMALL.condition("NotProd", ECHO)).isTrue();
        assertThat(SMALL.condition("NotProd", prod)).isFalse();
    }

    @Test
    void evaluate_unsupportedIntrinsic_throwsNamingIt() {
        // GIVEN !Base64 and !ImportValue, which have no local meaning here
        // WHEN / THEN evaluating them names the function
        assertThatThrownBy(() -> SMALL.evaluate(variable("ENCODED"), ECHO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fn::Base64");
        assertThatThrownBy(() -> SMALL.evaluate(Map.of("Environment", variable("IMPORTED")), ECHO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fn::ImportValue");
    }
}
