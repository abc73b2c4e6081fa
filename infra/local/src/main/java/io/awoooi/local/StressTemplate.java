package io.awoooi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template a stress run starts: infra/sam/template.yaml as it is, with three settings changed
 * for one machine and a run of minutes, written as a copy into the run's state folder.
 *
 * <ul>
 *   <li>every queue's {@code VisibilityTimeout} becomes {@code visibilitySeconds} (the template's 180
 *       and 360 s, six times the consumers' timeouts, would make every retry after a fault wait minutes):
 *       a message a function failed comes back after that long, and after 5 receives the redrive
 *       policy dead-letters it. The executions queue gets at least {@value #EXECUTIONS_VISIBILITY} s: an
 *       order that meets an execution's claim lease (2 minutes, held by an attempt that failed or died)
 *       must still be received once after the lease ended, and its 5 receives are 4 timeouts apart;
 *   <li>the analysis function gets {@code AWOOOI_LLM_TIMEOUT_MS} (the narrator's per-attempt timeout, 20 s
 *       by default), so a model that hangs costs seconds per incident, not 40 s;
 *   <li>{@code CodeUri} paths become absolute (the copy lives elsewhere).
 * </ul>
 * Everything else (functions, handlers, memory, timeouts, events, tables, redrive policies) is the
 * template's.
 */
final class StressTemplate {

    /** The analysis function's narrator timeout, when the template sets one. */
    private static final Pattern LLM_TIMEOUT = Pattern.compile("(?m)^(\\s+AWOOOI_LLM_TIMEOUT_MS:\\s*)(\\S+)\\s*$");
    private static final Pattern VISIBILITY = Pattern.compile("(?m)^(\\s+VisibilityTimeout:\\s*)\\d+\\s*$");
    /** A resource's logical id: a key at two spaces under Resources. */
    private static final Pattern RESOURCE = Pattern.compile("(?m)^  ([A-Za-z0-9]+):\\s*$");
    /** The executions queue's least visibility timeout, in seconds (see the class comment). */
    static final int EXECUTIONS_VISIBILITY = 45;
    private static final Pattern CODE_URI = Pattern.compile("(?m)^(\\s+CodeUri:\\s*)(\\.\\./\\S+)\\s*$");
    private static final Pattern LLM = Pattern.compile("(?m)^(\\s+)AWOOOI_LLM:.*$");

    private StressTemplate() {
    }

    /** Writes the derived template to {@code target} and returns it. */
    static Path write(Path source, Path target, int visibilitySeconds, int llmTimeoutMillis) {
        if (visibilitySeconds < 1 || visibilitySeconds > 43_200) {
            throw new IllegalArgumentException("the visibility timeout must be within 1..43200 s");
        }
        try {
            String text = derive(Files.readString(source, StandardCharsets.UTF_8), source.toAbsolutePath().getParent(),
                    visibilitySeconds, llmTimeoutMillis);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stress template " + target, e);
        }
    }

    static String derive(String template, Path templateDir, int visibilitySeconds, int llmTimeoutMillis) {
        Matcher visibility = VISIBILITY.matcher(template);
        StringBuilder shortened = new StringBuilder();
        int found = 0;
        while (visibility.find()) {
            found++;
            String queue = resourceBefore(template, visibility.start());
            int seconds = queue.equals("ExecutionsQueue") ? executionsVisibility(visibilitySeconds) : visibilitySeconds;
            visibility.appendReplacement(shortened, Matcher.quoteReplacement(visibility.group(1) + seconds));
        }
        if (found == 0) {
            throw new IllegalStateException("the template has no VisibilityTimeout to shorten");
        }
        visibility.appendTail(shortened);
        String text = shortened.toString();
        Matcher code = CODE_URI.matcher(text);
        StringBuilder absolute = new StringBuilder();
        while (code.find()) {
            code.appendReplacement(absolute, Matcher.quoteReplacement(code.group(1)
                    + templateDir.resolve(code.group(2)).normalize()));
        }
        code.appendTail(absolute);
        text = absolute.toString();
        Matcher timeout = LLM_TIMEOUT.matcher(text);
        if (timeout.find()) { // the template sets one already: replace its value
            return text.substring(0, timeout.start(2)) + "'" + llmTimeoutMillis + "'" + text.substring(timeout.end(2));
        }
        Matcher llm = LLM.matcher(text);
        if (!llm.find()) {
            throw new IllegalStateException("the template sets no AWOOOI_LLM for the analysis function");
        }
        return text.substring(0, llm.end()) + "\n" + llm.group(1) + "AWOOOI_LLM_TIMEOUT_MS: '" + llmTimeoutMillis + "'"
                + text.substring(llm.end());
    }

    /** The executions queue's visibility timeout in a stress template of {@code visibilitySeconds}. */
    static int executionsVisibility(int visibilitySeconds) {
        return Math.max(visibilitySeconds, EXECUTIONS_VISIBILITY);
    }

    /** The logical id of the resource whose properties hold {@code offset}. */
    private static String resourceBefore(String template, int offset) {
        Matcher resource = RESOURCE.matcher(template);
        String last = "";
        while (resource.find() && resource.start() < offset) {
            last = resource.group(1);
        }
        return last;
    }
}
