package io.awoooi.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Child process chores: ending a process tree, reading its memory, pumping its output. */
final class Processes {

    private Processes() {
    }

    /**
     * Ends {@code process} and everything it started: SIGTERM, then SIGKILL after {@code grace}
     * (at once when grace is zero). Returns once the process is gone.
     */
    static void destroyTree(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList(); // before the parent goes
        try {
            if (grace.isZero()) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            } else {
                descendants.forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The peak resident memory (VmHWM) of a live process in MB, from /proc; empty if unknown. */
    static OptionalLong maxMemoryUsedMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return OptionalLong.of(Math.round(Long.parseLong(kb) / 1024.0));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone already, or not Linux
        }
        return OptionalLong.empty();
    }

    /** Reads {@code in} line by line on a daemon thread until it ends. */
    static Thread pump(InputStream in, String threadName, Consumer<String> lines) {
        return Threads.startDaemon(threadName, () -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process is gone; its output ends here
            }
        });
    }
}
