package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.awoooi.testing.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast subset of {@code ./awoooi stress} in the test command, on one stress stack (the real
 * template and function.zip files, fault proxies, the model stub): 300 hostile webhook bodies and 20
 * innocent notifications with every fuzz property (no 5xx, no write before a refusal, every 202
 * analysed or visibly failed, the innocent ones analysed), then DynamoDB stopped mid-flow with the
 * faults run's properties (every accepted alert analysed, no action twice, none unapproved), each
 * ending with the leak scan of logs, queues, tables, outbox, API answers and model prompts. A few
 * minutes on a loaded 2-core machine; the full runs are {@code ./awoooi stress fuzz} (10,000 bodies)
 * and {@code ./awoooi stress faults} (every fault). No verdict depends on the machine's speed: the
 * waits are polls with deadlines far beyond what a loaded machine needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StressSuiteTest {

    @TempDir
    static Path stateDir; // static: an instance field is injected only after @BeforeAll

    private StressStack stack;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeAll
    void start() {
        Path root = RepoRoot.find();
        List<Path> zips = List.of("intake", "redaction", "analysis", "approval", "executor").stream()
                .map(f -> root.resolve("functions/" + f + "/target/function.zip")).toList();
        assumeTrue(zips.stream().allMatch(Files::isRegularFile), "the function.zip files are not built (" + zips
                + "); build them with mvn -DskipTests install (or ./awoooi build) to run the stress subset");
        stack = StressStack.start(new StressStack.Options(stateDir));
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        System.out.print(printed.toString(StandardCharsets.UTF_8)); // the figures, in the test's output
    }

    @Test
    @Order(1)
    void fuzz_300HostileBodiesAnd20Innocent_noViolation() {
        // GIVEN 300 hostile bodies of the fixed seed and 20 innocent notifications among them
        StressFuzz.Settings settings = new StressFuzz.Settings(300, 20, 0x5EED_F022L, 300, 4, Duration.ofMinutes(5));

        // WHEN they are posted and the pipeline works through them
        StressReport report = new StressFuzz(stack, settings, out).run();

        // THEN no property is violated: no 5xx, no write before a refusal, every 202 analysed or failed
        // visibly, the innocent ones analysed, no planted value anywhere outside the vault
        report.print(out);
        assertThat(report.violations()).as(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(report.figure("5xx or no answer")).isEqualTo("0");
        assertThat(report.figure("writes before refusal")).isEqualTo("0");
        assertThat(report.figure("innocent analysed")).isEqualTo("20 / 20");
        assertThat(report.figure("leaks")).isEqualTo("0");
    }

    @Test
    @Order(2)
    void faults_dynamoDbStoppedMidFlow_everyAlertAnalysedNothingTwiceNoLeak() {
        // GIVEN alerts arriving while DynamoDB stops for 8 s and starts again (the intake answers 503 and
        // is retried as Alertmanager does; the redaction and analysis under way fail and are retried)
        StressFaults faults = new StressFaults(stack, out, EnumSet.of(StressFaults.Phase.DYNAMODB_DOWN));

        // WHEN the pipeline has settled
        StressReport report = faults.run();

        // THEN every accepted alert is analysed, nothing ran twice or unapproved, nothing leaked
        report.print(out);
        assertThat(report.violations()).as(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(report.figure("faults survived")).isEqualTo("1 / 1");
        assertThat(report.figure("leaks")).isEqualTo("0");
    }
}
