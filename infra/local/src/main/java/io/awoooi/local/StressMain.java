package io.awoooi.local;

import io.awoooi.testing.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./awoooi stress fuzz|faults|concurrency|leaks|all}: each scenario starts a stack of its own
 * ({@link StressStack}: free ports, state under {@code .awoooi/stress-<scenario>} or
 * {@code $AWOOOI_STATE_DIR/stress-<scenario>}, so a stack of {@code ./awoooi up} keeps running), runs,
 * prints its figures and violations, writes them to {@code report.txt} in its state folder, stops the
 * stack and exits 0 only when nothing was violated. ({@code ./awoooi stress load} is the bench
 * module's load driver.)
 *
 * <pre>
 * stress fuzz [--count N (10000)] [--innocent M (N/50, at least 20)] [--seed S] [--replay R (2000)]
 * stress faults
 * stress concurrency [--duplicates N (200)] [--clicks N (50)]
 * stress leaks        the demo's whole loop, then the leak scan of everything
 * stress all          the four, one after the other (fuzz with its defaults)
 * </pre>
 */
public final class StressMain {

    private StressMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("awoooi stress: " + e.getMessage());
            code = 2;
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("awoooi stress: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: stress fuzz [--count N] [--innocent M] [--seed S] [--replay R]"
                    + " | faults | concurrency [--duplicates N] [--clicks N] | leaks | all");
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        Path state = Main.stateDir(RepoRoot.find(), System.getenv("AWOOOI_STATE_DIR"));
        List<String> scenarios = args[0].equals("all") ? List.of("fuzz", "faults", "concurrency", "leaks")
                : List.of(args[0]);
        if (args[0].equals("all") && !options.isEmpty()) {
            throw new IllegalArgumentException("stress all takes no options");
        }
        List<StressReport> reports = new ArrayList<>();
        for (String scenario : scenarios) {
            reports.add(run(scenario, options, state.resolve("stress-" + scenario), out));
        }
        boolean passed = reports.stream().allMatch(StressReport::passed);
        if (reports.size() > 1) {
            reports.forEach(r -> out.println("stress " + r.name() + ": " + (r.passed() ? "PASSED" : "FAILED")));
        }
        return passed ? 0 : 1;
    }

    static StressReport run(String scenario, Map<String, String> options, Path state, PrintStream out) {
        StressStack.Options stackOptions = new StressStack.Options(state);
        Map<String, String> rest = new LinkedHashMap<>(options);
        switch (scenario) {
            case "fuzz", "faults", "leaks" -> {
            }
            case "concurrency" -> stackOptions.instances("IntakeFunction", 2).instances("ApprovalFunction", 2)
                    .instances("ExecutorFunction", 2);
            default -> throw new IllegalArgumentException("unknown stress scenario '" + scenario
                    + "' (fuzz, faults, concurrency, leaks, all; load is ./awoooi stress load)");
        }
        java.util.Set<String> known = switch (scenario) {
            case "fuzz" -> java.util.Set.of("count", "innocent", "seed", "replay");
            case "concurrency" -> java.util.Set.of("duplicates", "clicks");
            default -> java.util.Set.of();
        };
        if (!known.containsAll(rest.keySet())) {
            throw new IllegalArgumentException("stress " + scenario + ": unknown option(s) " + rest.keySet()
                    + (known.isEmpty() ? " (it takes none)" : " (it takes " + known + ")"));
        }
        out.println("stress " + scenario + ": starting a stack of its own (state and logs in " + state + ")");
        long started = System.nanoTime();
        StressReport report;
        try (StressStack stack = StressStack.start(stackOptions)) {
            out.println("stress " + scenario + ": stack up at " + stack.stack().apiUrl() + " after "
                    + StressStack.seconds(started));
            try {
                report = scenario(scenario, stack, rest, out);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                report = new StressReport(scenario);
                report.violation("the run broke off: " + e);
            }
        }
        report.figure("stack and run took", StressStack.seconds(started));
        report.print(out);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            Files.write(state.resolve("report.txt"), text.toByteArray());
        } catch (IOException e) {
            out.println("stress " + scenario + ": cannot write " + state.resolve("report.txt") + ": " + e.getMessage());
        }
        return report;
    }

    private static StressReport scenario(String scenario, StressStack stack, Map<String, String> rest,
            PrintStream out) {
        return switch (scenario) {
            case "fuzz" -> {
                StressFuzz.Settings defaults = StressFuzz.Settings.defaults(number(rest, "count", 10_000));
                yield new StressFuzz(stack, new StressFuzz.Settings(defaults.count(),
                        number(rest, "innocent", defaults.innocent()), seed(rest, defaults.seed()),
                        number(rest, "replay", defaults.replay()), defaults.senders(), defaults.settleMax()), out)
                        .run();
            }
            case "faults" -> new StressFaults(stack, out).run();
            case "concurrency" ->
                new StressConcurrency(stack, number(rest, "duplicates", 200), number(rest, "clicks", 50), out)
                        .run();
            default -> new StressLeaks(stack, out).run();
        };
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option VALUE, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static int number(Map<String, String> options, String name, int fallback) {
        String value = options.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a whole number: " + value);
        }
    }

    private static long seed(Map<String, String> options, long fallback) {
        String value = options.remove("seed");
        if (value == null) {
            return fallback;
        }
        try {
            return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed is not a number: " + value);
        }
    }

}
