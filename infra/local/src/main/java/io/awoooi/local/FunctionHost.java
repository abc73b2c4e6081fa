package io.awoooi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one function the way Lambda runs one instance of it: a JVM of its own under the runtime
 * interface client, fed one invocation at a time (the others wait in order) through a
 * {@link RuntimeApiServer}. A process that dies is reported and started again for the next
 * invocation; an invocation that outlives the function's Timeout fails and its process is killed.
 * Writes Lambda's START / END / REPORT lines to the function's log.
 */
final class FunctionHost implements HttpApiGateway.Integration, AutoCloseable {

    static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** Function JVMs of this process not yet gone: a safety net ends them when this JVM exits. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    /** Set once this JVM is exiting: the processes dying then are no news. */
    private static volatile boolean jvmExiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jvmExiting = true;
            LIVE.forEach(p -> Processes.destroyTree(p, Duration.ZERO));
        }, "function-reaper"));
    }

    private final FunctionSpec spec;
    private final FunctionLauncher launcher;
    private final Path runDir;
    private final FunctionLog log;
    private final Duration initTimeout;
    private final LinkedBlockingDeque<Invocation> queue = new LinkedBlockingDeque<>();
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private Path taskRoot;
    private Instance current;
    private boolean closed;
    private int processStarts;
    private long lastInitMillis = -1;

    /** {@code runDir}: where a zipped CodeUri is unzipped (into runDir/LogicalId). */
    FunctionHost(FunctionSpec spec, FunctionLauncher launcher, Path runDir, FunctionLog log, Duration initTimeout) {
        this.spec = spec;
        this.launcher = launcher;
        this.runDir = runDir;
        this.log = log;
        this.initTimeout = initTimeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("timer-" + spec.logicalId()));
    }

    FunctionSpec spec() {
        return spec;
    }

    FunctionLog log() {
        return log;
    }

    /** Unzips the code and starts the JVM now instead of at the first invocation. */
    void start() {
        synchronized (lock) {
            try {
                ensureRunning();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + spec.logicalId(), e);
            }
        }
    }

    /** Invokes the function and waits for the result (which always comes: timeouts bound it). */
    InvocationResult invoke(byte[] event) {
        return invokeAsync(event).join();
    }

    @Override
    public CompletableFuture<InvocationResult> invokeAsync(byte[] event) {
        Invocation invocation = new Invocation(event);
        synchronized (lock) {
            if (closed) {
                invocation.complete(InvocationResult.crash(spec.logicalId() + " is stopped"));
                return invocation.result();
            }
            queue.addLast(invocation);
            try {
                ensureRunning();
            } catch (IOException | RuntimeException e) {
                queue.remove(invocation);
                String message = spec.logicalId() + " cannot start: " + e.getMessage();
                log.line(message);
                invocation.complete(InvocationResult.crash(message));
            }
        }
        return invocation.result();
    }

    /**
     * Waits until the running JVM finished its init (asked for its first invocation); empty when it
     * did, else what went wrong (it exited, or is still busy after {@code timeout}).
     */
    Optional<String> awaitReady(Duration timeout) {
        Instance instance;
        synchronized (lock) {
            instance = current;
        }
        if (instance == null) {
            return Optional.of("its process is not running");
        }
        try {
            return Optional.ofNullable(instance.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.of("its init is still running after " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (ExecutionException e) {
            return Optional.of(e.getCause().getMessage());
        }
    }

    /** The init duration of the latest JVM in ms (process start to its first invocation/next), -1 if unknown. */
    long lastInitMillis() {
        synchronized (lock) {
            return lastInitMillis;
        }
    }

    boolean isRunning() {
        synchronized (lock) {
            return current != null && current.process.isAlive();
        }
    }

    /** The pid of the function's JVM, if one runs. */
    OptionalLong pid() {
        synchronized (lock) {
            return current != null && current.process.isAlive() ? OptionalLong.of(current.process.pid())
                    : OptionalLong.empty();
        }
    }

    /** How many JVMs this host has started (cold starts). */
    int processStarts() {
        synchronized (lock) {
            return processStarts;
        }
    }

    @Override
    public void close() {
        Instance instance;
        List<Invocation> pending = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            instance = current;
            current = null;
            queue.drainTo(pending);
        }
        pending.forEach(i -> i.complete(InvocationResult.crash("the local stack is stopping")));
        if (instance != null) {
            instance.killReason = "stopped";
            Processes.destroyTree(instance.process, STOP_GRACE);
            instance.api.close();
            instance.inFlight().forEach(i -> i.complete(InvocationResult.crash("the local stack is stopping")));
        }
        timer.shutdownNow();
        log.close();
    }

    /** Starts a JVM unless one is up (or just died and is being cleaned up). Call with the lock. */
    private void ensureRunning() throws IOException {
        if (closed) {
            throw new IllegalStateException(spec.logicalId() + " is stopped");
        }
        if (current != null) {
            return;
        }
        if (taskRoot == null) {
            taskRoot = TaskRoot.prepare(spec, runDir);
        }
        Instance instance = new Instance();
        try {
            instance.process = launcher.processBuilder(spec, taskRoot, instance.api.address()).start();
        } catch (IOException | RuntimeException e) {
            instance.api.close();
            throw e;
        }
        current = instance;
        processStarts++;
        Process process = instance.process;
        LIVE.add(process);
        instance.pumps.add(Processes.pump(process.getInputStream(), spec.logicalId() + "-stdout", log::line));
        instance.pumps.add(Processes.pump(process.getErrorStream(), spec.logicalId() + "-stderr", log::line));
        // on a thread of its own: onExit waits for the last output and may start the next JVM
        process.onExit().thenRun(() -> Threads.startDaemon("exit-" + spec.logicalId(), () -> onExit(instance)));
        timer.schedule(() -> initWatchdog(instance), initTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void initWatchdog(Instance instance) {
        if (instance.firstNextNanos == 0 && instance.process.isAlive()) {
            instance.killReason = "init timeout";
            log.line("init did not finish within " + initTimeout.toSeconds() + " s: stopping the process");
            Threads.startDaemon("kill-" + spec.logicalId(),
                    () -> Processes.destroyTree(instance.process, Duration.ZERO));
        }
    }

    private void timedOut(Instance instance, Invocation invocation) {
        String seconds = String.format(Locale.ROOT, "%.2f", (double) spec.timeoutSeconds());
        InvocationResult result = InvocationResult.timeout(
                "RequestId: " + invocation.requestId() + " Error: Task timed out after " + seconds + " seconds");
        if (invocation.complete(result, () -> {
            log.line(Instant.now() + " " + invocation.requestId() + " Task timed out after " + seconds + " seconds");
            report(instance, invocation, result);
        })) {
            instance.killReason = "timeout";
            Threads.startDaemon("kill-" + spec.logicalId(),
                    () -> Processes.destroyTree(instance.process, Duration.ZERO));
        }
    }

    private void onExit(Instance instance) {
        for (Thread pump : instance.pumps) {
            try {
                pump.join(2000); // let the last lines out before saying it is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(instance.process);
        int code = instance.process.exitValue();
        boolean initFailed = instance.firstNextNanos == 0;
        instance.ready.complete("it exited with code " + code + " during init"
                + (instance.initError != null ? " (" + instance.initError + ")" : ""));
        List<Invocation> failed = new ArrayList<>();
        boolean restart;
        synchronized (lock) {
            boolean wasCurrent = current == instance;
            if (wasCurrent) {
                current = null;
            }
            if (!closed && !jvmExiting && instance.killReason == null) {
                log.line("process exited with code " + code + (initFailed ? " during init" : "")
                        + (instance.initError != null ? " (" + instance.initError + ")" : ""));
            }
            if (wasCurrent && initFailed && !closed) {
                queue.drainTo(failed); // as Lambda: an init failure fails the invocations that waited for it
            }
            restart = wasCurrent && !closed && !initFailed && !queue.isEmpty();
        }
        instance.api.close();
        String exitMessage = "Runtime exited with error: exit status " + code;
        for (Invocation invocation : instance.inFlight()) {
            InvocationResult result = InvocationResult
                    .crash("RequestId: " + invocation.requestId() + " Error: " + exitMessage);
            invocation.complete(result, () -> report(instance, invocation, result));
        }
        String initMessage = "init timeout".equals(instance.killReason)
                ? spec.logicalId() + " did not finish its init within " + initTimeout.toSeconds() + " s"
                : instance.initError != null ? spec.logicalId() + " failed its init: " + instance.initError
                        : spec.logicalId() + " exited during init: " + exitMessage;
        failed.forEach(i -> i.complete(InvocationResult.crash(initMessage)));
        if (restart) {
            synchronized (lock) {
                if (!closed && current == null && !queue.isEmpty()) {
                    try {
                        ensureRunning();
                    } catch (IOException | RuntimeException e) {
                        String message = spec.logicalId() + " cannot start again: " + e.getMessage();
                        log.line(message);
                        List<Invocation> waiting = new ArrayList<>();
                        queue.drainTo(waiting);
                        waiting.forEach(i -> i.complete(InvocationResult.crash(message)));
                    }
                }
            }
        }
    }

    private void report(Instance instance, Invocation invocation, InvocationResult result) {
        double durationMs = (System.nanoTime() - invocation.dispatchedNanos()) / 1e6;
        long maxMemory = Processes.maxMemoryUsedMb(instance.process.pid()).orElse(instance.lastMaxMemoryMb);
        instance.lastMaxMemoryMb = maxMemory;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "REPORT RequestId: %s Duration: %.2f ms Billed Duration: %d ms Memory Size: %d MB Max Memory Used: %d MB",
                invocation.requestId(), durationMs, (long) Math.ceil(durationMs), spec.memoryMb(), maxMemory));
        if (!instance.initReported) {
            instance.initReported = true;
            line.append(String.format(Locale.ROOT, " Init Duration: %.2f ms",
                    (instance.firstNextNanos - instance.startNanos) / 1e6));
        }
        if (!result.succeeded()) {
            line.append(" Status: ").append(result.kind() == InvocationResult.Kind.ERROR ? "error" : result.kind()
                    .name().toLowerCase(Locale.ROOT)).append(" Error Type: ").append(result.errorType());
        }
        log.line("END RequestId: " + invocation.requestId());
        log.line(line.toString());
    }

    /** One JVM of the function and its Runtime API server. */
    private final class Instance implements RuntimeApiServer.Listener {
        final long startNanos = System.nanoTime();
        final RuntimeApiServer api;
        final List<Thread> pumps = new ArrayList<>(2);
        final CompletableFuture<String> ready = new CompletableFuture<>();
        volatile Process process;
        volatile long firstNextNanos;
        volatile boolean initReported;
        volatile String initError;
        volatile String killReason;
        volatile long lastMaxMemoryMb;

        Instance() throws IOException {
            this.api = new RuntimeApiServer(spec.logicalId(), queue, this);
        }

        List<Invocation> inFlight() {
            return api.inFlight();
        }

        @Override
        public void nextRequested() {
            if (firstNextNanos == 0) {
                firstNextNanos = System.nanoTime();
                synchronized (lock) {
                    lastInitMillis = (firstNextNanos - startNanos) / 1_000_000;
                }
                ready.complete(null);
            }
        }

        @Override
        public long dispatching(Invocation invocation) {
            invocation.dispatched(System.nanoTime());
            log.line("START RequestId: " + invocation.requestId() + " Version: $LATEST");
            long deadline = System.currentTimeMillis() + spec.timeoutSeconds() * 1000L;
            try {
                invocation.timeoutTask(
                        timer.schedule(() -> timedOut(this, invocation), spec.timeoutSeconds(), TimeUnit.SECONDS));
            } catch (RejectedExecutionException e) {
                // the host is closing: the invocation is failed by close()
            }
            return deadline;
        }

        @Override
        public void completed(Invocation invocation, InvocationResult result) {
            invocation.complete(result, () -> report(this, invocation, result));
        }

        @Override
        public void initError(String errorType, String errorMessage) {
            initError = errorType + ": " + errorMessage;
        }
    }
}
