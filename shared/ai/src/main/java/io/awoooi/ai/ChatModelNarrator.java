package io.awoooi.ai;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.awoooi.core.narrative.LanguageModelNarrator;
import io.awoooi.core.narrative.NarratorException;
import io.awoooi.core.narrative.Prompt;
import io.awoooi.core.narrative.PromptGuard;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;

/**
 * A {@link LanguageModelNarrator} over any langchain4j {@link ChatModel}: sends the system and user
 * message, returns the answer text, and turns every failure into a typed {@link NarratorException}
 * (timeouts as {@link NarratorException.Kind#TIMEOUT}, everything else as
 * {@link NarratorException.Kind#UNAVAILABLE}); nothing is swallowed, nothing is retried here.
 */
public abstract class ChatModelNarrator extends LanguageModelNarrator {
    private final ChatModel chatModel;

    protected ChatModelNarrator(ChatModel chatModel, PromptGuard guard) {
        super(guard);
        this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
    }

    @Override
    protected final String complete(Prompt prompt) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .build();
        ChatResponse response;
        try {
            response = chatModel.chat(request);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        if (response == null || response.aiMessage() == null) {
            throw new NarratorException(NarratorException.Kind.UNAVAILABLE, model() + " returned no message", null);
        }
        String text = response.aiMessage().text();
        return text == null ? "" : text;
    }

    static NarratorException translate(RuntimeException e) {
        NarratorException.Kind kind = isTimeout(e) ? NarratorException.Kind.TIMEOUT
                : NarratorException.Kind.UNAVAILABLE;
        // the message of a provider exception may carry the provider's error body; the type is enough
        Throwable cause = meaningful(e);
        return new NarratorException(kind, kind == NarratorException.Kind.TIMEOUT
                ? "the model did not answer in time" : "the model call failed: "
                        + (cause instanceof io.awoooi.core.narrative.NamedFailure named ? named.failureName()
                                : cause.getClass().getSimpleName()),
                cause);
    }

    /**
     * Skips generic wrappers (a bare {@code RuntimeException} or {@code LangChain4jException} around
     * a {@code ConnectException}, say), so that the trace outcome names what went wrong.
     */
    static Throwable meaningful(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t.getClass() == RuntimeException.class
                        || t.getClass() == dev.langchain4j.exception.LangChain4jException.class
                        || t instanceof java.io.UncheckedIOException
                        || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof InterruptedException
                    || t instanceof InterruptedIOException
                    || t instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException
                    || t instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
