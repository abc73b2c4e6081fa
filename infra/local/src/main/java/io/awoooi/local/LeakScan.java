package io.awoooi.local;

import io.awoooi.testing.PlantedValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leak scan of a stress run: every raw value the run sent (the planted personal data and secrets
 * of {@link PlantedValues}) is looked for in everything the stack shows or keeps outside the vault,
 * source by source (log lines, queue messages, table rows, outbox entries, API answers, model
 * prompts). A hit names the source, the place and the value's kind and length, never the value.
 */
final class LeakScan {

    /** Hits shown in full (by place, kind and length); the count goes on. */
    private static final int EXAMPLES = 25;

    /** What was scanned of one source. */
    static final class Source {
        long items;
        long chars;
        long leaks;
    }

    private final Set<String> planted = ConcurrentHashMap.newKeySet();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();

    /** Values of any shape, looked for as they are (few: the demo's own values, say). */
    private final Set<String> exact = ConcurrentHashMap.newKeySet();

    /** Adds values of any shape to look for as they are (each at least 6 characters: shorter ones match by chance). */
    void plantExact(Collection<String> values) {
        values.stream().filter(v -> v.length() >= 6).forEach(exact::add);
    }

    /** Adds values to look for (what a body about to be sent carries). */
    void plant(Collection<String> values) {
        planted.addAll(values);
    }

    int plantedCount() {
        return planted.size() + exact.size();
    }

    /** Declares a source (so that it shows with 0 items if nothing of it came). */
    synchronized void declare(String source) {
        sources.computeIfAbsent(source, s -> new Source());
    }

    /** Scans one item of a source; {@code where} describes it (no content). */
    void text(String source, String where, CharSequence text) {
        if (text == null) {
            return;
        }
        List<PlantedValues.Occurrence> found = new ArrayList<>(PlantedValues.find(text, planted));
        if (!exact.isEmpty()) {
            String t = text.toString();
            for (String value : exact) {
                for (int at = t.indexOf(value); at >= 0; at = t.indexOf(value, at + 1)) {
                    found.add(new PlantedValues.Occurrence(at, value));
                }
            }
        }
        synchronized (this) {
            Source s = sources.computeIfAbsent(source, x -> new Source());
            s.items++;
            s.chars += text.length();
            s.leaks += found.size();
            for (PlantedValues.Occurrence o : found) {
                if (examples.size() < EXAMPLES) {
                    examples.add(source + ": " + where + ": a planted " + o.describe());
                }
            }
        }
    }

    /** Scans a file line by line (each line an item; bytes that are no UTF-8 read as U+FFFD). */
    void lines(String source, Path file) {
        if (!Files.isRegularFile(file)) {
            declare(source);
            return;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(
                new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            long n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                text(source, file.getFileName() + " line " + n, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for the leak scan", e);
        }
    }

    synchronized long leaks() {
        return sources.values().stream().mapToLong(s -> s.leaks).sum();
    }

    synchronized Map<String, Long> leaksBySource() {
        Map<String, Long> out = new LinkedHashMap<>();
        sources.forEach((name, s) -> out.put(name, s.leaks));
        return out;
    }

    synchronized List<String> examples() {
        return List.copyOf(examples);
    }

    synchronized void print(String prefix, PrintStream out) {
        out.printf(Locale.ROOT, "%s: looked for %d raw values sent (planted personal data and secrets)%n", prefix,
                planted.size());
        sources.forEach(
                (name, s) -> out.printf(Locale.ROOT, "%s:   %-28s %8d items %,14d chars  leaks %d%n", prefix, name,
                        s.items, s.chars, s.leaks));
        out.printf(Locale.ROOT, "%s: leaks %d%n", prefix, leaks());
        examples.forEach(e -> out.println(prefix + ":   " + e));
    }
}
