package io.awoooi.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB API server on the loopback interface: dynalite, run by Node.js from the repo's
 * node_modules (installed by npm ci from the committed lockfile). It can be stopped and started
 * again on the same port to play a DynamoDB outage; with a data dir the data survives that.
 */
public final class LocalDynamo implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String NPM_HINT = "run npm ci at the repo root (./awoooi test does it)";

    /**
     * Runs dynalite's cli.js (argv[1]) and exits when stdin closes: the JVM holds the other end of
     * that pipe, so node goes away with the JVM even when it is killed too hard for shutdown hooks.
     */
    private static final String WATCHDOG = "process.stdin.on('end', () => process.exit(0))"
            + ".on('error', () => process.exit(0)).resume(); require(process.argv[1]);";

    /** Node processes this JVM started and has not stopped yet; the shutdown hook ends them. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> LIVE.forEach(LocalDynamo::destroyTree), "local-dynamo-reaper"));
    }

    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final List<String> command;
    private Process process;
    private DynamoDbClient client;
    private boolean closed;

    private LocalDynamo(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
        Path target = Path.of(System.getProperty("user.dir"), "target");
        this.logFile = Files.isDirectory(target) ? target.resolve("dynalite-" + port + ".log") : null;
        List<String> cmd = new ArrayList<>(List.of(node(), "-e", WATCHDOG, dynaliteCli().toString(),
                "--host", Local.HOST, "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dataDir != null) {
            cmd.addAll(List.of("--path", dataDir.toString()));
        }
        this.command = List.copyOf(cmd);
    }

    /** A server on a free port that keeps its data in memory. */
    public static LocalDynamo startInMemory() {
        return start(0, null);
    }

    /**
     * A running server. {@code port} 0 picks a free port; {@code dataDir} null keeps the data in
     * memory, else in LevelDB files under it, so they survive {@link #stop()} / {@link #start()}.
     */
    public static LocalDynamo start(int port, Path dataDir) {
        LocalDynamo dynamo = new LocalDynamo(port == 0 ? Local.freePort() : port,
                dataDir == null ? null : dataDir.toAbsolutePath().normalize());
        dynamo.start();
        return dynamo;
    }

    public URI endpoint() {
        return Local.endpoint(port);
    }

    public int port() {
        return port;
    }

    /** Where dynalite's own output goes: target/dynalite-PORT.log when there is a target/ folder. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again) on the same port and data dir; returns once it answers requests. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this LocalDynamo is closed");
        }
        if (isRunning()) {
            return;
        }
        if (process != null) { // it died by itself
            LIVE.remove(process);
            process = null;
        }
        if (Local.listening(port)) {
            throw new IllegalStateException("cannot start dynalite: port " + port + " is already in use");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile == null ? Redirect.DISCARD : Redirect.appendTo(logFile.toFile()));
        try {
            if (dataDir != null) {
                Files.createDirectories(dataDir);
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite (" + String.join(" ", command) + ")", e);
        }
        LIVE.add(process);
        awaitListening();
    }

    /** Kills the server and waits until its port is free; the data dir stays. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        destroyTree(process);
        LIVE.remove(process);
        process = null;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (Local.listening(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dynalite stopped but port " + port + " still answers");
            }
            sleep(20);
        }
    }

    /** The node process id; IllegalStateException while stopped. */
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("dynalite on port " + port + " is not running");
        }
        return process.pid();
    }

    /** A client for this server; it outlives stop()/start() and is closed by close(). */
    public synchronized DynamoDbClient client() {
        if (closed) {
            throw new IllegalStateException("this LocalDynamo is closed");
        }
        if (client == null) {
            client = Local.configure(DynamoDbClient.builder(), endpoint()).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalDynamo[" + endpoint() + (dataDir == null ? ", in memory" : ", " + dataDir) + "]";
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Local.listening(port)) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                LIVE.remove(process);
                process = null;
                throw new IllegalStateException("dynalite exited (code " + code + ") before listening on port "
                        + port + logHint());
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("dynalite did not listen on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s" + logHint());
            }
            sleep(50);
        }
        // dynalite listens before its store is open: a data dir another dynalite holds only shows
        // as a crash on the first request, so make one.
        try {
            client().listTables(r -> r.limit(1));
        } catch (SdkException e) {
            boolean died = !process.isAlive();
            stop();
            throw new IllegalStateException("dynalite on port " + port + (died ? " died" : " failed")
                    + " on its first request" + (dataDir == null ? "" : " (is another dynalite using " + dataDir + "?)")
                    + logHint(), e);
        }
    }

    private String logHint() {
        if (logFile == null) {
            return " (its output is dropped: run from a module folder with a target/ to keep it)";
        }
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "; last lines of " + logFile + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "; see " + logFile;
        }
    }

    /** Ends the process and anything it started, politely first. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList(); // before the parent goes
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }

    private static String node() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("node", "node.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException("node is not on PATH: the local DynamoDB (dynalite) runs on"
                + " Node.js 20+; install it, then " + NPM_HINT);
    }

    private static Path dynaliteCli() {
        Path cli = RepoRoot.find().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed (" + cli + " is missing): " + NPM_HINT);
        }
        return cli;
    }
}
