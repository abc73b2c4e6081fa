package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RepoRootTest {

    @Test
    void find_fromTheModule_returnsTheFolderHoldingTheSamTemplate() {
        // GIVEN a test run from inside the repository
        // WHEN the root is looked up
        var root = RepoRoot.find();

        // THEN it holds the template and the module
        assertThat(root.resolve("infra/sam/template.yaml")).isRegularFile();
        assertThat(Files.isDirectory(root.resolve("shared/testing"))).isTrue();
        assertThat(RepoRoot.template()).isEqualTo(root.resolve("infra/sam/template.yaml"));
    }
}
