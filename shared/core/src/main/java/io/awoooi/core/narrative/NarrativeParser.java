package io.awoooi.core.narrative;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a model's answer. Tolerates code fences and prose around exactly one JSON
 * object; everything else about the answer is strict:
 * <ul>
 *   <li>only the fields {@code summary, hypotheses, recommended_action, confidence} (and in
 *       {@code recommended_action} only {@code id, params}); duplicate keys are rejected;</li>
 *   <li>{@code summary}: a non-blank string of at most {@value #MAX_SUMMARY_CHARS} chars;</li>
 *   <li>{@code hypotheses}: optional, at most {@value #MAX_HYPOTHESES} non-blank strings of at most
 *       {@value #MAX_HYPOTHESIS_CHARS} chars;</li>
 *   <li>{@code confidence}: a number in [0, 1];</li>
 *   <li>{@code recommended_action}: absent, null, or {@code {id, params}} with {@code id} one of the
 *       request's allowed ids and {@code params} at most {@value #MAX_PARAMS} scalar values.</li>
 * </ul>
 * Thread-safe.
 */
public final class NarrativeParser {
    public static final int MAX_SUMMARY_CHARS = 2000;
    public static final int MAX_HYPOTHESES = 5;
    public static final int MAX_HYPOTHESIS_CHARS = 500;
    public static final int MAX_PARAMS = 10;
    public static final int MAX_PARAM_VALUE_CHARS = 253;
    /** Answers longer than this are not parsed at all. */
    public static final int MAX_ANSWER_CHARS = 32_000;

    private static final Set<String> FIELDS = Set.of("summary", "hypotheses", "recommended_action", "confidence");
    private static final Set<String> ACTION_FIELDS = Set.of("id", "params");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");
    /** How many '{' positions are tried before giving up on finding the object in prose. */
    private static final int MAX_OBJECT_STARTS = 32;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Parses {@code answer} and validates it against {@code allowedActionIds}; {@code narrator} is stamped on the result. */
    public ParseResult parse(String answer, List<String> allowedActionIds, String narrator) {
        if (answer == null || answer.isBlank()) {
            return new ParseResult.Rejected("empty answer");
        }
        if (answer.length() > MAX_ANSWER_CHARS) {
            return new ParseResult.Rejected("answer longer than " + MAX_ANSWER_CHARS + " chars");
        }
        JsonNode root;
        try {
            root = extractObject(answer);
        } catch (Reject r) {
            return new ParseResult.Rejected(r.getMessage());
        }
        try {
            return new ParseResult.Accepted(validate(toNarrative(root, narrator), allowedActionIds));
        } catch (Reject r) {
            return new ParseResult.Rejected(r.getMessage());
        }
    }

    /**
     * Checks a narrative that did not come from {@link #parse} (defence in depth: a narrator that
     * is not a model adapter is held to the same rules).
     */
    public ParseResult check(Narrative narrative, List<String> allowedActionIds) {
        try {
            return new ParseResult.Accepted(validate(narrative, allowedActionIds));
        } catch (Reject r) {
            return new ParseResult.Rejected(r.getMessage());
        }
    }

    private JsonNode extractObject(String answer) {
        String text = stripFences(answer.strip());
        int tried = 0;
        for (int start = text.indexOf('{'); start >= 0
                && tried < MAX_OBJECT_STARTS; start = text.indexOf('{', start + 1), tried++) {
            JsonNode node;
            int end;
            try (JsonParser p = mapper.createParser(text.substring(start))) {
                node = mapper.readTree(p);
                end = start + (int) p.currentLocation().getCharOffset();
            } catch (JsonProcessingException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                    throw new Reject("duplicate field in the JSON object");
                }
                continue;
            } catch (IOException e) {
                continue;
            }
            if (node == null || !node.isObject()) {
                continue;
            }
            if (containsAnotherObject(text.substring(end))) {
                throw new Reject("more than one JSON object in the answer");
            }
            return node;
        }
        throw new Reject("no JSON object in the answer");
    }

    private boolean containsAnotherObject(String rest) {
        int tried = 0;
        for (int start = rest.indexOf('{'); start >= 0
                && tried < MAX_OBJECT_STARTS; start = rest.indexOf('{', start + 1), tried++) {
            try (JsonParser p = mapper.createParser(rest.substring(start))) {
                JsonNode node = mapper.readTree(p);
                if (node != null && node.isObject()) {
                    return true;
                }
            } catch (IOException e) {
                // not an object here
            }
        }
        return false;
    }

    /** Removes a Markdown code fence (```json ... ```) around the answer, if there is one. */
    static String stripFences(String text) {
        int open = text.indexOf("```");
        if (open < 0) {
            return text;
        }
        int lineEnd = text.indexOf('\n', open);
        if (lineEnd < 0) {
            return text;
        }
        int close = text.indexOf("```", lineEnd);
        return close < 0 ? text.substring(lineEnd + 1) : text.substring(lineEnd + 1, close);
    }

    private static Narrative toNarrative(JsonNode root, String narrator) {
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String field = property.getKey();
            if (!FIELDS.contains(field)) {
                throw new Reject("unknown field outside the schema: " + Texts.head(field, 40));
            }
        }
        JsonNode summary = root.get("summary");
        if (summary == null || !summary.isTextual()) {
            throw new Reject("summary missing or not a string");
        }
        List<String> hypotheses = new ArrayList<>();
        JsonNode hyp = root.get("hypotheses");
        if (hyp != null && !hyp.isNull()) {
            if (!hyp.isArray()) {
                throw new Reject("hypotheses is not an array");
            }
            for (JsonNode h : hyp) {
                if (!h.isTextual()) {
                    throw new Reject("a hypothesis is not a string");
                }
                hypotheses.add(h.asText().strip());
                if (hypotheses.size() > MAX_HYPOTHESES) {
                    throw new Reject("more than " + MAX_HYPOTHESES + " hypotheses");
                }
            }
        }
        JsonNode confidence = root.get("confidence");
        if (confidence == null || !confidence.isNumber()) {
            throw new Reject("confidence missing or not a number");
        }
        return new Narrative(summary.asText().strip(), hypotheses, recommendation(root.get("recommended_action")),
                confidence.asDouble(), narrator);
    }

    private static Optional<Recommendation> recommendation(JsonNode action) {
        if (action == null || action.isNull()) {
            return Optional.empty();
        }
        if (!action.isObject()) {
            throw new Reject("recommended_action is not an object");
        }
        for (Map.Entry<String, JsonNode> property : action.properties()) {
            String field = property.getKey();
            if (!ACTION_FIELDS.contains(field)) {
                throw new Reject("unknown field in recommended_action: " + Texts.head(field, 40));
            }
        }
        JsonNode id = action.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new Reject("recommended_action.id missing or not a string");
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = action.get("params");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw new Reject("recommended_action.params is not an object");
            }
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                JsonNode v = e.getValue();
                if (v.isNull()) {
                    continue;
                }
                if (!v.isValueNode()) {
                    throw new Reject("recommended_action.params." + Texts.head(e.getKey(), 40) + " is not a scalar");
                }
                params.put(e.getKey(), v.asText());
            }
        }
        return Optional.of(new Recommendation(id.asText().strip(), params));
    }

    private static Narrative validate(Narrative n, List<String> allowedActionIds) {
        if (n.summary().isBlank()) {
            throw new Reject("summary is empty");
        }
        if (n.summary().length() > MAX_SUMMARY_CHARS) {
            throw new Reject("summary longer than " + MAX_SUMMARY_CHARS + " chars");
        }
        if (n.hypotheses().size() > MAX_HYPOTHESES) {
            throw new Reject("more than " + MAX_HYPOTHESES + " hypotheses");
        }
        for (String h : n.hypotheses()) {
            if (h == null || h.isBlank()) {
                throw new Reject("a hypothesis is empty");
            }
            if (h.length() > MAX_HYPOTHESIS_CHARS) {
                throw new Reject("a hypothesis is longer than " + MAX_HYPOTHESIS_CHARS + " chars");
            }
        }
        if (!(n.confidence() >= 0.0 && n.confidence() <= 1.0)) {
            throw new Reject("confidence " + n.confidence() + " is outside [0, 1]");
        }
        if (n.recommendation().isPresent()) {
            Recommendation r = n.recommendation().get();
            if (!new HashSet<>(allowedActionIds).contains(r.actionId())) {
                throw new Reject(
                        "recommended action '" + Texts.head(r.actionId(), 60) + "' is not an allowed action id");
            }
            if (r.params().size() > MAX_PARAMS) {
                throw new Reject("more than " + MAX_PARAMS + " params");
            }
            for (Map.Entry<String, String> e : r.params().entrySet()) {
                if (!PARAM_NAME.matcher(e.getKey()).matches()) {
                    throw new Reject("param name '" + Texts.head(e.getKey(), 40) + "' is not a plain name");
                }
                if (e.getValue() == null || e.getValue().length() > MAX_PARAM_VALUE_CHARS) {
                    throw new Reject(
                            "param '" + e.getKey() + "' is missing or longer than " + MAX_PARAM_VALUE_CHARS + " chars");
                }
            }
        }
        return n;
    }

    /** Internal control flow: the reason an answer is rejected. */
    private static final class Reject extends RuntimeException {
        Reject(String reason) {
            super(reason, null, false, false);
        }
    }
}
