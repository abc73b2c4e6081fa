package io.awoooi.local;

import io.awoooi.testing.RepoRoot;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The local runtime's command line, run by ./awoooi:
 * {@code up}, {@code demo}, {@code invoke FN [--event FILE]}, {@code fault dynamodb down|up},
 * {@code redrive QUEUE}, {@code incidents [filters]}, {@code incident ID}, {@code alert [FILE]}.
 */
public final class Main {

    static final int DEFAULT_PORT = 8000;

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            System.err.println("awoooi: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(
                    "awoooi: usage: up | demo [--keep] | invoke FUNCTION [--event FILE] | fault dynamodb down|up | redrive QUEUE"
                            + " | incidents [--status S] [--since T] [--until T] | incident ID | alert [FILE]");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Path root = RepoRoot.find();
        Path state = stateDir(root, System.getenv("AWOOOI_STATE_DIR"));
        return switch (args[0]) {
            case "up" -> up(state, rest, out, err);
            case "demo" -> demo(state, rest, out, err);
            case "invoke" -> new ControlClient(state, out, err).invoke(rest);
            case "fault" -> new ControlClient(state, out, err).fault(rest);
            case "redrive" -> new ControlClient(state, out, err).redrive(rest);
            case "incidents" -> new ControlClient(state, out, err).incidents(rest);
            case "incident" -> new ControlClient(state, out, err).incident(rest);
            case "alert" -> new ControlClient(state, out, err).alert(rest);
            default -> {
                err.println("awoooi: unknown command '" + args[0]
                        + "' (up, demo, invoke, fault, redrive, incidents, incident, alert)");
                yield 2;
            }
        };
    }

    private static int up(Path state, String[] args, PrintStream out, PrintStream err) {
        Path clusterManifests = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--cluster") && i + 1 < args.length) {
                clusterManifests = Path.of(args[++i]);
                if (!java.nio.file.Files.isRegularFile(clusterManifests)) {
                    err.println("awoooi: --cluster " + clusterManifests
                            + ": no such file (a multi-document YAML of manifests)");
                    return 2;
                }
            } else {
                err.println("awoooi: up takes [--cluster FILE], not '" + args[i] + "'");
                return 2;
            }
        }
        Optional<StackFile> running = StackFile.read(StackFile.path(state)).filter(StackFile::alive);
        if (running.isPresent()) {
            err.println("awoooi: another local stack is running (pid " + running.get().pid() + ", "
                    + running.get().apiUrl() + "); stop it first (Ctrl-C in its terminal)");
            return 2;
        }
        int port = apiPort();
        if (port < 0) {
            err.println("awoooi: AWOOOI_PORT must be a port number (1-65535, or 0 for a free one), not '"
                    + System.getenv("AWOOOI_PORT") + "'");
            return 2;
        }
        LocalStack stack;
        try {
            stack = LocalStack.builder().stateDir(state).apiPort(port).console(out)
                    .functionLogs(LocalStack.FunctionLogs.CONSOLE).controlServer(true).stackFile(true)
                    .cluster(clusterManifests).start();
        } catch (PortInUseException e) {
            err.println("awoooi: port " + e.port() + " is in use: stop what listens there, or pick another"
                    + " port with AWOOOI_PORT=8001 ./awoooi up");
            return 2;
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            err.println("awoooi: the local stack did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("awoooi: stopping");
            stack.close();
            out.println("awoooi: stopped");
            stopped.countDown();
        }, "awoooi-stop"));
        StringBuilder ready = new StringBuilder("awoooi ready api=" + stack.apiUrl() + " console="
                + stack.apiUrl().resolve("/console"));
        stack.localTokens().forEach((name, value) -> ready.append(' ').append(name).append('=').append(value));
        out.println(ready);
        String approvers = stack.approverSignInHint();
        if (!approvers.isEmpty()) {
            out.println(approvers);
        }
        out.flush();
        try {
            stopped.await(); // until Ctrl-C / SIGTERM runs the hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int demo(Path state, String[] args, PrintStream out, PrintStream err) {
        boolean keep = Arrays.asList(args).contains("--keep");
        for (String a : args) {
            if (!a.equals("--keep")) {
                err.println(
                        "awoooi: demo takes only --keep (leave the stack running for the console), not '" + a + "'");
                return 2;
            }
        }
        // its own state folder, so a stack started with ./awoooi up keeps running undisturbed
        LocalStack.Builder settings = LocalStack.builder().stateDir(state.resolve("demo")).apiPort(0);
        return new Demo(out).run(settings, state.resolve("logs"), keep);
    }

    /**
     * Where the stack keeps its state and stack.json: AWOOOI_STATE_DIR (relative to the repository),
     * else .awoooi. Stacks with different state folders run side by side (./awoooi stress load uses
     * .awoooi/stress, so a stack of ./awoooi up keeps running).
     */
    static Path stateDir(Path root, String variable) {
        return variable == null || variable.isBlank() ? root.resolve(".awoooi") : root.resolve(variable.trim());
    }

    /** AWOOOI_PORT or 8000 (0: a free port, printed on the ready line); -1 when the variable is not a port. */
    static int apiPort() {
        String value = System.getenv("AWOOOI_PORT");
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
