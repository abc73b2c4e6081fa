package io.awoooi.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.narrative.GraphFacts;
import io.awoooi.core.narrative.NarrationRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Requests, model answers and stub bodies shared by the adapter tests. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String CATALOG = """
            restart_pod: delete one pod so its controller recreates it. params: namespace, pod
            scale_deployment: set the replica count. params: namespace, deployment, replicas""";
    static final List<String> ALLOWED = List.of("restart_pod", "scale_deployment");
    static final List<String> FACTS = List.of(
            GraphFacts.rootCause("shop/postgres-db", "DATABASE", 1, "pod postgres-db-0 CrashLoopBackOff"),
            GraphFacts.blastRadius("shop/checkout", "SERVICE", 1));
    /** Pseudonymized, as the Privacy Shield hands it on. */
    static final String INCIDENT = """
            alert PostgresDown severity=critical namespace=shop pod=postgres-db-0
            summary: connection refused from [IP_1] to [IP_2]:5432; owner [EMAIL_1]; key [AWS_KEY_1]""";

    static final String VALID_ANSWER = """
            {"summary": "shop/postgres-db crash-loops, so checkout fails; [IP_1] cannot reach [IP_2].",
             "hypotheses": ["postgres-db-0 crash-loops after a config change"],
             "recommended_action": {"id": "restart_pod", "params": {"namespace": "shop", "pod": "postgres-db-0"}},
             "confidence": 0.75}""";

    private Fixtures() {
    }

    static NarrationRequest request() {
        return new NarrationRequest("inc_01AI", INCIDENT, FACTS, CATALOG, ALLOWED);
    }

    /** An Ollama {@code /api/chat} (non-streaming) response whose message content is {@code content}. */
    static String ollamaResponse(String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "llama3.1");
        root.put("created_at", "2026-11-25T10:00:00.000Z");
        root.putObject("message").put("role", "assistant").put("content", content);
        root.put("done", true);
        root.put("done_reason", "stop");
        root.put("total_duration", 123456789L);
        root.put("prompt_eval_count", 900);
        root.put("eval_count", 120);
        return root.toString();
    }

    /** A Bedrock Converse response whose assistant text is {@code text}. */
    static String converseResponse(String text) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", text);
        root.put("stopReason", "end_turn");
        root.putObject("usage").put("inputTokens", 900).put("outputTokens", 120).put("totalTokens", 1020);
        root.putObject("metrics").put("latencyMs", 850);
        return root.toString();
    }

    static final class RecordingSink implements AiTraceSink {
        final List<AiTrace> traces = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void record(AiTrace trace) {
            traces.add(trace);
        }

        List<String> outcomes() {
            synchronized (traces) {
                return traces.stream().map(AiTrace::outcome).toList();
            }
        }
    }
}
