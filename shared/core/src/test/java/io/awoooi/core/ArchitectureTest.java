package io.awoooi.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** shared/core is the domain: it must stay free of cloud SDKs and frameworks. */
class ArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.awoooi.core");

    @Test
    void core_dependsOnNoSdkOrFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "software.amazon..", "com.amazonaws..", "io.quarkus..", "io.fabric8..",
                "dev.langchain4j..", "jakarta..", "javax.inject..", "javax.enterprise..",
                "io.vertx..", "org.jboss..")
                .because("shared/core holds the domain and ports; adapters live in other modules")
                .check(core);
    }

    @Test
    void core_isNotEmpty() {
        // guards the rule above against passing vacuously on a wrong package name
        org.assertj.core.api.Assertions.assertThat(core.size()).isGreaterThan(10);
    }
}
