package io.awoooi.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.awoooi.testing.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One way to read configuration (ADR 0024): the production code of every function and shared
 * module reads its settings through the typed mappings and producers of shared/wiring; only
 * {@code io.awoooi.wiring.Environment} talks to MicroProfile Config directly, and nothing reads the
 * process environment behind Config's back. The rules run on the compiled classes of the modules
 * (target/classes, built before this module), so a new function is covered without a list.
 */
class ConfigurationRulesTest {
    private static final JavaClasses PRODUCTION = production();

    private static JavaClasses production() {
        Path root = RepoRoot.find();
        List<Path> classes;
        try (Stream<Path> modules = Stream.concat(Files.list(root.resolve("functions")),
                Files.list(root.resolve("shared")))) {
            classes = modules.map(m -> m.resolve("target/classes")).filter(Files::isDirectory)
                    // test helpers that start local servers read PATH; they never ship in a zip
                    .filter(p -> !p.startsWith(root.resolve("shared/testing")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClassFileImporter().importPaths(classes);
    }

    @Test
    void modules_areImported() {
        // guards the rules against passing on an empty import (a moved target directory)
        assertThat(PRODUCTION.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.awoooi.intake", "io.awoooi.analysis", "io.awoooi.executor", "io.awoooi.approval",
                        "io.awoooi.mcp", "io.awoooi.finops", "io.awoooi.drift", "io.awoooi.redaction",
                        "io.awoooi.wiring", "io.awoooi.notify", "io.awoooi.cluster");
    }

    @Test
    void noModule_injectsConfigPropertiesOrCallsConfigProvider_butTheWiringsEnvironment() {
        noClasses().that().doNotHaveFullyQualifiedName("io.awoooi.wiring.Environment")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.microprofile.config.ConfigProvider")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.eclipse.microprofile.config.inject.ConfigProperty")
                .because("settings are read through one typed @ConfigMapping per concern (shared/wiring, ADR 0024)")
                .check(PRODUCTION);
    }

    @Test
    void noModule_readsTheProcessEnvironment_butTheAwsEndpointResolution() {
        noClasses().that().doNotHaveFullyQualifiedName("io.awoooi.aws.api.AwsJsonApi")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("a variable read behind Config's back cannot be set by a test or a profile;"
                        + " AwsJsonApi reads the SDK's own AWS_ENDPOINT_URL_* variables as the SDK does")
                .check(PRODUCTION);
    }
}
