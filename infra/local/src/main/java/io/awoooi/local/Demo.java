package io.awoooi.local;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./awoooi demo}: starts the stack quietly (function logs and the stack's messages go to
 * .awoooi/logs/), runs the tracer bullet, prints one line per step and the summary, stops the
 * stack. Exit code 0 only when every step passed.
 */
final class Demo {

    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    int run(LocalStack.Builder stackSettings, Path logDir) {
        return run(stackSettings, logDir, false);
    }

    /** @param keep leave the stack running after the story (the console stays open) until Ctrl-C */
    int run(LocalStack.Builder stackSettings, Path logDir, boolean keep) {
        out.println("awoooi demo: starting the local stack (logs in " + logDir + ")");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            out.println("awoooi demo: cannot create " + logDir + ": " + e.getMessage());
            return 1;
        }
        try (PrintStream stackLog = new PrintStream(new FileOutputStream(logDir.resolve("stack.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            LocalStack stack;
            try {
                stack = stackSettings.console(stackLog).functionLogs(LocalStack.FunctionLogs.FILES).logDir(logDir)
                        .start();
            } catch (RuntimeException e) {
                out.println("awoooi demo: the local stack did not start: " + e.getMessage());
                return 1;
            }
            try (stack) {
                DemoContext context = new DemoContext(stack);
                int code = runSteps(context, TracerBullet.steps());
                printStory(context);
                printConsole(stack, keep);
                if (keep) {
                    awaitStop(stack);
                }
                return code;
            }
        } catch (IOException e) {
            out.println("awoooi demo: cannot write " + logDir.resolve("stack.log") + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * After the checklist, the story the steps checked, in words (the incident API's view): the alert,
     * the root cause and blast radius, the action and its risk, who was asked and who signed, what ran,
     * whether it helped, and why the second incident was VOIDED. Telling it never fails the demo.
     */
    void printStory(DemoContext context) {
        try {
            java.util.Optional<String> first = context.known(TracerBullet.INCIDENT_ID);
            if (first.isEmpty()) {
                return;
            }
            com.fasterxml.jackson.databind.JsonNode voided = null;
            java.util.Optional<String> second = context.known(TracerBullet.INCIDENT_ID + ".voided");
            if (second.isPresent()) {
                voided = DemoContext
                        .expect(context.get("/v1/incidents/" + second.get(), context.stack().operatorToken()), 200);
            }
            out.println();
            IncidentViews.story(DemoContext.expect(context.get("/v1/incidents/" + first.get(),
                    context.stack().operatorToken()), 200), voided).forEach(out::println);
            context.known(TracerBullet.FINOPS_BOX).ifPresent(box -> {
                out.println();
                out.print(box);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out.println("(the story could not be told: " + e.getClass().getSimpleName() + ")");
        }
    }

    /** Where the story can be read again: the console, and how to keep it running. */
    void printConsole(LocalStack stack, boolean keep) {
        out.println();
        if (keep) {
            out.println("Console: " + stack.apiUrl().resolve("/console") + " (sign in with the operator token "
                    + stack.operatorToken() + "); Ctrl-C stops the stack");
            java.util.Map<String, String> approvers = stack.approverTokens();
            if (!approvers.isEmpty()) {
                out.println("Approvers sign in as themselves to approve or reject from an incident's card:");
                approvers.forEach((id, token) -> out.println("  " + id + ": " + token));
            }
        } else {
            out.println("Console: " + stack.apiUrl().resolve("/console") + " while the stack runs: ./awoooi demo --keep"
                    + " leaves it running (sign in with the operator token it prints, or as a demo approver with their own"
                    + " token, also printed, to approve from an incident's card)");
        }
        out.flush();
    }

    /** Blocks until Ctrl-C / SIGTERM, whose hook stops the stack. */
    private void awaitStop(LocalStack stack) {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("awoooi demo: stopping");
            stack.close();
            stopped.countDown();
        }, "awoooi-demo-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the steps in order (a failed step does not stop the others) and prints the summary. */
    int runSteps(DemoContext context, List<DemoStep> steps) {
        int passed = 0;
        for (DemoStep step : steps) {
            String failure = null;
            try {
                step.action().run(context);
            } catch (DemoStep.StepFailed e) {
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            } catch (Exception e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (failure == null) {
                passed++;
                out.println("[x] [" + step.name() + "] PASS");
            } else {
                out.println("[ ] [" + step.name() + "] FAIL: " + failure);
            }
        }
        int failed = steps.size() - passed;
        out.println("Total Steps: " + steps.size());
        out.println("Passed: " + passed);
        out.println("Failed: " + failed);
        out.println("Status: " + (failed == 0 ? "ALL PASSED" : "FAILED"));
        return failed == 0 ? 0 : 1;
    }
}
