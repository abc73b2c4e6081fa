package io.awoooi.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.narrative.NamedFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * A langchain4j {@link ChatModel} on Amazon Bedrock's Converse API
 * ({@code POST /model/{modelId}/converse}), called through {@link AwsJsonApi}: the SDK's signer,
 * credentials and HTTP client with our JSON, instead of langchain4j-bedrock and its 1.8 MB Bedrock
 * runtime SDK for this one operation (ADR 0022). Text in, text out: system and user (and earlier
 * assistant) messages as Converse messages, the answer's text blocks joined; temperature and the
 * output token limit as its inference configuration. Converse has no JSON mode: the prompt asks
 * for JSON and the narrator's parser checks it.
 */
final class BedrockConverseModel implements ChatModel {
    private final AwsJsonApi bedrock;
    private final String modelId;
    private final double temperature;
    private final int maxOutputTokens;

    BedrockConverseModel(AwsJsonApi bedrock, String modelId, double temperature, int maxOutputTokens) {
        this.bedrock = Objects.requireNonNull(bedrock, "bedrock");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.temperature = temperature;
        this.maxOutputTokens = maxOutputTokens;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<Map<String, Object>> system = new ArrayList<>();
        List<Map<String, Object>> messages = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            switch (message) {
                case SystemMessage s -> system.add(Map.of("text", s.text()));
                case UserMessage u -> messages.add(message("user", u.singleText()));
                case AiMessage a -> messages.add(message("assistant", a.text() == null ? "" : a.text()));
                default -> throw new IllegalArgumentException("Converse takes system, user and assistant messages, not "
                        + message.type());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", messages);
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.put("inferenceConfig", Map.of("maxTokens", maxOutputTokens, "temperature", temperature));
        JsonNode answer;
        try {
            answer = bedrock.rest(SdkHttpMethod.POST,
                    "/model/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8) + "/converse", body);
        } catch (AwsServiceException e) {
            throw new ModelServiceException(AwsJsonApi.describe(e), e.statusCode(), e);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : answer.at("/output/message/content")) {
            if (block.has("text")) {
                text.append(block.get("text").asText());
            }
        }
        JsonNode usage = answer.path("usage");
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text.toString()))
                .modelName(modelId)
                .tokenUsage(new TokenUsage(usage.path("inputTokens").asInt(0), usage.path("outputTokens").asInt(0)))
                .finishReason(finishReason(answer.path("stopReason").asText("")))
                .build();
    }

    private static Map<String, Object> message(String role, String text) {
        return Map.of("role", role, "content", List.of(Map.of("text", text)));
    }

    static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_EXECUTION;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * Bedrock answered with an error: its code ({@code ThrottlingException}, {@code InternalServerException},
     * {@code ValidationException}, ...) names the failure in traces; its message (which can quote
     * the request) is not kept.
     */
    static final class ModelServiceException extends RuntimeException implements NamedFailure {
        private final String code;

        ModelServiceException(String code, int status, Throwable cause) {
            super("Bedrock answered HTTP " + status + " (" + code + ")", cause);
            this.code = code;
        }

        @Override
        public String failureName() {
            return code;
        }
    }
}
