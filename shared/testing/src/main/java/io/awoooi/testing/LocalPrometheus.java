package io.awoooi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus}, on the PATH) on the loopback interface,
 * whose TSDB is backfilled before it starts: {@code promtool tsdb create-blocks-from openmetrics}
 * turns the given OpenMetrics text (samples with timestamps, in seconds) into blocks in the data
 * directory. It scrapes nothing, so it answers queries over exactly the backfilled samples.
 *
 * <p>Plain JDK (no AWS SDK on the classpath needed): modules that exclude this module's dependencies use it.
 */
public final class LocalPrometheus implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "local-prometheus-reaper"));
    }

    private final int port;
    private final Process process;
    private final Path logFile;

    private LocalPrometheus(int port, Process process, Path logFile) {
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /** Whether prometheus and promtool are installed (a test may say what to install otherwise). */
    public static boolean installed() {
        return onPath("prometheus") && onPath("promtool");
    }

    private static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Backfills {@code openMetrics} (which must end with {@code # EOF}) into {@code workDir/data} and
     * starts Prometheus on a free port; returns once it is ready.
     *
     * @param openMetrics samples in OpenMetrics text format; null or empty starts an empty server
     */
    public static LocalPrometheus start(Path workDir, String openMetrics) {
        try {
            Files.createDirectories(workDir);
            Path data = workDir.resolve("data");
            Files.createDirectories(data);
            Path log = workDir.resolve("prometheus.log");
            if (openMetrics != null && !openMetrics.isEmpty()) {
                Path input = workDir.resolve("backfill.om");
                Files.writeString(input, openMetrics, StandardCharsets.UTF_8);
                // 24h blocks: 8 days of samples in a handful of blocks, not a hundred 2h ones
                run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=24h",
                        input.toString(), data.toString()), workDir.resolve("promtool.log"));
            }
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1m\n", StandardCharsets.UTF_8);
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=60d",
                    "--web.listen-address=" + HOST + ":" + port, "--log.level=warn"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile())).start();
            LIVE.add(p);
            LocalPrometheus prometheus = new LocalPrometheus(port, p, log);
            prometheus.awaitReady();
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Prometheus in " + workDir, e);
        }
    }

    private static void run(List<String> cmd, Path log) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd.subList(0, 3)) + " failed (exit " + p.exitValue()
                    + "): " + Files.readString(log, StandardCharsets.UTF_8).lines().reduce("", (a, b) -> b));
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited (" + process.exitValue() + "); see " + logFile);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUrl().resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        close();
        throw new IllegalStateException("Prometheus did not get ready within " + START_TIMEOUT + "; see " + logFile);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return URI.create("http://" + HOST + ":" + port);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LIVE.remove(process);
    }
}
