package io.awoooi.core.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NarrativeParserTest {
    private final NarrativeParser parser = new NarrativeParser();

    private ParseResult parse(String answer) {
        return parser.parse(answer, Requests.ALLOWED, "ollama");
    }

    private static String rejection(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) result).reason();
    }

    @Test
    void parse_validJson_acceptedWithAllFields() {
        // GIVEN / WHEN
        ParseResult result = parse(Requests.VALID_ANSWER);
        // THEN
        assertThat(result).isInstanceOf(ParseResult.Accepted.class);
        Narrative n = ((ParseResult.Accepted) result).narrative();
        assertThat(n.summary()).startsWith("The database shop/postgres-db crash-loops");
        assertThat(n.hypotheses()).hasSize(2);
        assertThat(n.recommendation()).get().satisfies(r -> {
            assertThat(r.actionId()).isEqualTo("restart_pod");
            assertThat(r.params()).containsExactly(Map.entry("namespace", "shop"), Map.entry("pod", "postgres-db-0"));
        });
        assertThat(n.confidence()).isEqualTo(0.8);
        assertThat(n.narrator()).isEqualTo("ollama");
    }

    @Test
    void parse_jsonInCodeFenceWithProseAround_accepted() {
        // GIVEN a chatty model answer
        String answer = "Sure! Here is the analysis:\n```json\n" + Requests.VALID_ANSWER
                + "\n```\nLet me know {if} you need more.";
        // WHEN / THEN
        assertThat(parse(answer).accepted()).isTrue();
    }

    @Test
    void parse_jsonAfterProseWithBraces_accepted() {
        assertThat(parse("I looked at {the graph}. " + Requests.VALID_ANSWER).accepted()).isTrue();
    }

    @Test
    void parse_nullOrMissingRecommendation_acceptedWithoutRecommendation() {
        // GIVEN
        ParseResult explicitNull = parse(
                "{\"summary\":\"s\",\"hypotheses\":[],\"recommended_action\":null,\"confidence\":0.3}");
        ParseResult missing = parse("{\"summary\":\"s\",\"confidence\":0}");
        // THEN
        assertThat(explicitNull).isInstanceOfSatisfying(ParseResult.Accepted.class,
                a -> assertThat(a.narrative().recommendation()).isEmpty());
        assertThat(missing).isInstanceOfSatisfying(ParseResult.Accepted.class,
                a -> assertThat(a.narrative().hypotheses()).isEmpty());
    }

    @Test
    void parse_numberAndBooleanParams_acceptedAsStrings() {
        ParseResult result = parse("""
                {"summary":"s","confidence":1,"recommended_action":{"id":"scale_deployment",
                 "params":{"namespace":"shop","deployment":"web","replicas":3,"dryRun":true}}}""");
        assertThat(result).isInstanceOfSatisfying(ParseResult.Accepted.class, a -> assertThat(
                a.narrative().recommendation().orElseThrow().params()).containsEntry("replicas", "3")
                .containsEntry("dryRun", "true"));
    }

    @Test
    void parse_unknownActionId_rejected() {
        // GIVEN an action that is not in the allowed ids
        String answer = "{\"summary\":\"s\",\"confidence\":0.9,\"recommended_action\":{\"id\":\"delete_namespace\",\"params\":{\"namespace\":\"prod\"}}}";
        // WHEN / THEN
        assertThat(rejection(parse(answer))).contains("delete_namespace").contains("not an allowed action id");
    }

    @Test
    void parse_actionIdDiffersOnlyInCaseOrSpacing_rejected() {
        assertThat(rejection(
                parse("{\"summary\":\"s\",\"confidence\":0.9,\"recommended_action\":{\"id\":\"Restart_Pod\"}}")))
                .contains("not an allowed action id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-0.1", "7", "\"0.8\"", "null"})
    void parse_confidenceOutOfRangeOrNotANumber_rejected(String confidence) {
        assertThat(rejection(parse("{\"summary\":\"s\",\"confidence\":" + confidence + "}"))).contains("confidence");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The database is down, restart it.",
            "",
            "   ",
            "[\"summary\", \"confidence\"]",
            "{\"summary\": \"s\", \"confidence\": 0.5",
            "```json\n```"})
    void parse_notAJsonObject_rejected(String answer) {
        assertThat(parse(answer)).isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void parse_fieldOutsideTheSchema_rejected() {
        assertThat(rejection(parse("{\"summary\":\"s\",\"confidence\":0.5,\"action\":\"delete_namespace\"}")))
                .contains("unknown field");
        assertThat(rejection(parse(
                "{\"summary\":\"s\",\"confidence\":0.5,\"recommended_action\":{\"id\":\"restart_pod\",\"command\":\"rm -rf\"}}")))
                .contains("unknown field in recommended_action");
    }

    @Test
    void parse_twoJsonObjects_rejectedAsAmbiguous() {
        String second = "{\"summary\":\"t\",\"confidence\":0.5}";
        assertThat(rejection(parse(Requests.VALID_ANSWER + "\nor maybe\n" + second)))
                .contains("more than one JSON object");
    }

    @Test
    void parse_duplicateKey_rejected() {
        // GIVEN a second recommended_action that would silently win in a lenient parser
        String answer = "{\"summary\":\"s\",\"confidence\":0.5,\"recommended_action\":{\"id\":\"restart_pod\"},"
                + "\"recommended_action\":{\"id\":\"scale_deployment\"}}";
        // WHEN / THEN
        assertThat(rejection(parse(answer))).contains("duplicate");
    }

    @Test
    void parse_summaryEmptyOrTooLong_rejected() {
        assertThat(rejection(parse("{\"summary\":\"  \",\"confidence\":0.5}"))).contains("summary is empty");
        String longSummary = "a".repeat(NarrativeParser.MAX_SUMMARY_CHARS + 1);
        assertThat(rejection(parse("{\"summary\":\"" + longSummary + "\",\"confidence\":0.5}")))
                .contains("summary longer");
        assertThat(rejection(parse("{\"summary\":42,\"confidence\":0.5}"))).contains("summary");
    }

    @Test
    void parse_sixHypotheses_rejected() {
        String answer = "{\"summary\":\"s\",\"confidence\":0.5,\"hypotheses\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}";
        assertThat(rejection(parse(answer))).contains("more than 5 hypotheses");
    }

    @Test
    void parse_nestedParamValue_rejected() {
        String answer = "{\"summary\":\"s\",\"confidence\":0.5,\"recommended_action\":{\"id\":\"restart_pod\",\"params\":{\"pod\":{\"name\":\"x\"}}}}";
        assertThat(rejection(parse(answer))).contains("not a scalar");
    }

    @Test
    void parse_hugeAnswer_rejectedWithoutParsing() {
        assertThat(rejection(parse("x".repeat(NarrativeParser.MAX_ANSWER_CHARS + 1)))).contains("longer than");
    }

    @Test
    void check_narrativeFromElsewhereWithForbiddenAction_rejected() {
        // GIVEN a narrative that did not go through parse
        Narrative n = new Narrative("s", List.of(),
                java.util.Optional.of(new Recommendation("delete_namespace", Map.of())), 0.9, "x");
        // WHEN / THEN
        assertThat(parser.check(n, Requests.ALLOWED)).isInstanceOf(ParseResult.Rejected.class);
    }
}
