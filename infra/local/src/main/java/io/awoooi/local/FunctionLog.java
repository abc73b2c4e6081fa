package io.awoooi.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The log of one function: its JVM's stdout and stderr plus the runtime's START/END/REPORT lines.
 * Every line goes to the console prefixed {@code [Name] } or to a file, and is kept in memory (the
 * last {@value #KEPT_LINES} lines) for tests to look at.
 */
final class FunctionLog implements AutoCloseable {

    static final int KEPT_LINES = 50_000;

    private final String name;
    private final PrintStream console;
    private final Writer file;
    private final ArrayDeque<String> kept = new ArrayDeque<>();

    private FunctionLog(String name, PrintStream console, Writer file) {
        this.name = name;
        this.console = console;
        this.file = file;
    }

    /** Lines go to {@code console} as {@code [name] line}. */
    static FunctionLog toConsole(String name, PrintStream console) {
        return new FunctionLog(name, console, null);
    }

    /** Lines are appended to {@code file} (its folder is created). */
    static FunctionLog toFile(String name, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new FunctionLog(name, null, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log file " + file, e);
        }
    }

    /** Lines are only kept in memory. */
    static FunctionLog inMemory(String name) {
        return new FunctionLog(name, null, null);
    }

    String name() {
        return name;
    }

    synchronized void line(String line) {
        if (kept.size() == KEPT_LINES) {
            kept.removeFirst();
        }
        kept.addLast(line);
        if (console != null) {
            console.println("[" + name + "] " + line);
        }
        if (file != null) {
            try {
                file.write(line);
                file.write('\n');
                file.flush();
            } catch (IOException e) {
                // a full disk must not stop the function; the line is still kept in memory
            }
        }
    }

    /** The kept lines, oldest first. */
    synchronized List<String> lines() {
        return List.copyOf(kept);
    }

    /** The kept lines joined by newlines. */
    String text() {
        return String.join("\n", lines());
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // nothing left to write to
            }
        }
    }
}
