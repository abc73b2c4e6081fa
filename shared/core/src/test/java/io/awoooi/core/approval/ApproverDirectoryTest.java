package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.approval.ApproverDirectory.InvalidApproverDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApproverDirectoryTest {
    private static final String DEMO = "infra/local/demo/approvers.json";

    /** The demo directory the local stack runs with, found from wherever the build runs (module or root). */
    private static String demoFile() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEMO);
            if (Files.isRegularFile(candidate)) {
                return Files.readString(candidate);
            }
        }
        throw new AssertionError(DEMO + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void parse_demoFile_hasItsFourApproversInOrder() throws IOException {
        // GIVEN the demo directory
        String json = demoFile();

        // WHEN it is parsed
        ApproverDirectory directory = ApproverDirectory.parse(json);

        // THEN everyone is there, in the file's order, with their roles and handles
        assertThat(directory.all()).extracting(Approver::id).containsExactly("alice", "bob", "carol", "dave");
        Approver alice = directory.find("alice").orElseThrow();
        assertThat(alice.name()).isEqualTo("Alice (DevOps)");
        assertThat(alice.roles()).containsExactly(Role.DEVOPS);
        assertThat(alice.handles()).isEqualTo(Map.of("email", "alice@example.com", "slack", "U0ALICE",
                "telegram", "1001"));
        assertThat(directory.find("bob").orElseThrow().handle("discord")).contains("2002");
        assertThat(directory.find("bob").orElseThrow().handle("slack")).isEmpty();
        assertThat(directory.find("carol").orElseThrow().has(Role.CTO)).isTrue();
        assertThat(directory.find("dave").orElseThrow().has(Role.CISO)).isTrue();
        assertThat(directory.find("mallory")).isEmpty();
    }

    @Test
    void withAnyRole_demoFile_operatorsAndExecutivesApart() throws IOException {
        // GIVEN the demo directory
        ApproverDirectory directory = ApproverDirectory.parse(demoFile());

        // WHEN / THEN alice and bob sign operations, carol and dave CRITICAL ones
        assertThat(directory.withAnyRole(EnumSet.of(Role.ADMIN, Role.DEVOPS, Role.SRE)))
                .extracting(Approver::id).containsExactly("alice", "bob");
        assertThat(directory.withAnyRole(EnumSet.of(Role.CTO, Role.CISO)))
                .extracting(Approver::id).containsExactly("carol", "dave");
        assertThat(directory.withAnyRole(Set.of())).isEmpty();
    }

    @Test
    void parse_optionalFields_defaultsAndBlanksIgnored() {
        // GIVEN an approver without a name, with a blank handle, an unknown field and two roles
        String json = """
                {"approvers": [{"id": "ops.bot", "roles": ["sre", "admin"], "email": "  ", "slack": " U1 ",
                                "pager": "x"}]}""";

        // WHEN it is parsed
        Approver a = ApproverDirectory.parse(json).find("ops.bot").orElseThrow();

        // THEN the name is the id, blank handles and unknown fields are dropped, values stripped
        assertThat(a.name()).isEqualTo("ops.bot");
        assertThat(a.roles()).containsExactlyInAnyOrder(Role.SRE, Role.ADMIN);
        assertThat(a.handles()).isEqualTo(Map.of("slack", "U1"));
    }

    @Test
    void parse_emptyList_isAnEmptyDirectory() {
        // GIVEN / WHEN / THEN nobody to ask is a valid (if useless) directory
        assertThat(ApproverDirectory.parse("{\"approvers\": []}").all()).isEmpty();
    }

    /** Also pins a fixed bug: a duplicate id was repeated in the error message. */
    @Test
    void parse_invalidDocuments_failTypedWithoutEchoingValues() {
        // GIVEN documents each broken in one way, each carrying a value that must not be repeated
        String secret = "s3cr3t-value";
        Map<String, String> broken = Map.ofEntries(
                Map.entry("not JSON", "{\"approvers\": [" + secret),
                Map.entry("not JSON at all", secret + "@example.com"),
                Map.entry("no list", "{\"people\": [\"" + secret + "\"]}"),
                Map.entry("list not an array", "{\"approvers\": \"" + secret + "\"}"),
                Map.entry("root an array", "[\"" + secret + "\"]"),
                Map.entry("no id", "{\"approvers\": [{\"name\": \"" + secret + "\", \"roles\": [\"sre\"]}]}"),
                Map.entry("no roles", "{\"approvers\": [{\"id\": \"" + secret + "\"}]}"),
                Map.entry("empty roles", "{\"approvers\": [{\"id\": \"" + secret + "\", \"roles\": []}]}"),
                Map.entry("unknown role", "{\"approvers\": [{\"id\": \"x\", \"roles\": [\"" + secret + "\"]}]}"),
                Map.entry("bad id", "{\"approvers\": [{\"id\": \"S3cr3t Value@x\", \"roles\": [\"sre\"]}]}"),
                Map.entry("duplicate id", "{\"approvers\": [{\"id\": \"" + secret + "\", \"roles\": [\"sre\"]},"
                        + " {\"id\": \"" + secret + "\", \"roles\": [\"cto\"]}]}"));

        // WHEN / THEN each is an InvalidApproverDirectoryException whose message repeats nothing of the input
        broken.forEach((what, json) -> assertThatThrownBy(() -> ApproverDirectory.parse(json)).as(what)
                .isInstanceOf(InvalidApproverDirectoryException.class)
                .message().doesNotContainIgnoringCase("s3cr3t").doesNotContain("@"));
    }

    @Test
    void parse_nullDocument_failsTyped() {
        // GIVEN / WHEN / THEN no document is an invalid one, not a NullPointerException
        assertThatThrownBy(() -> ApproverDirectory.parse(null)).isInstanceOf(InvalidApproverDirectoryException.class);
    }

    @Test
    void parse_unknownRole_saysWhichEntry() {
        // GIVEN a directory whose second entry has an unknown role
        String json = "{\"approvers\": [{\"id\": \"a\", \"roles\": [\"sre\"]}, {\"id\": \"b\", \"roles\": [\"root\"]}]}";

        // WHEN / THEN the error names the entry by position and lists the known roles
        assertThatThrownBy(() -> ApproverDirectory.parse(json)).isInstanceOf(InvalidApproverDirectoryException.class)
                .hasMessageContaining("approvers[1]").hasMessageContaining("cto");
    }

    @Test
    void approver_idNotLowercaseSlug_isRefused() {
        // GIVEN / WHEN / THEN ids go in links and keys: lowercase, digits, '.', '_', '-' only
        assertThatThrownBy(() -> ApprovalFixture.approver("Alice", Role.SRE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApprovalFixture.approver("a/b", Role.SRE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApprovalFixture.approver("", Role.SRE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ApprovalFixture.approver("alice.smith-2_x", Role.SRE).id()).isEqualTo("alice.smith-2_x");
    }
}
