package io.awoooi.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.LinkVerdict;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.wiring.ApprovalParts.Links;
import io.awoooi.wiring.ApprovalParts.Settings;
import io.awoooi.testing.RepoRoot;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Which function holds the link-signing key (issue #12, defect 7): the analysis issues links, the
 * approval function verifies them, the executor does neither and never reads the key, even when
 * its configuration names one.
 */
class ApprovalPartsSettingsTest {
    private static final String KEY = "link-key-0123456789abcdef0123456789";
    private final List<String> asked = new ArrayList<>();

    /** Everything a function could be configured with; records what is read. */
    private Function<String, Optional<String>> config(Map<String, String> values) {
        return name -> {
            asked.add(name);
            return Optional.ofNullable(values.get(name));
        };
    }

    private Map<String, String> everything() {
        return Map.of("state.table", "StateTable", "trust.table", "TrustTable",
                "executions.queue.url", "http://127.0.0.1:1/queue/ExecutionsQueue.fifo",
                "awoooi.approval.link.key", KEY, "approval.link.key.secret.arn", "arn:aws:secretsmanager:x:1:secret:k",
                "approvers.file", RepoRoot.find().resolve("infra/local/demo/approvers.json").toString(),
                "public.base.url", "https://approvals.example.test");
    }

    @Test
    void none_theExecutor_neverReadsTheKeyNorTheBaseUrl_andItsDeskCannotSignOrVerify() {
        // GIVEN a configuration that names a key and a base URL (as a misconfigured stack might)
        // WHEN the executor's settings are read from it
        Settings settings = Settings.fromConfig(config(everything()), Links.NONE);

        // THEN neither the key nor the base URL was even asked for
        assertThat(asked).doesNotContain("awoooi.approval.link.key", "approval.link.key.secret.arn", "public.base.url");
        assertThat(settings.linkKey()).isEmpty();
        assertThat(settings.linkKeySecretArn()).isEmpty();
        assertThat(settings.publicBaseUrl()).isEmpty();

        // AND its desk has no key: it can neither sign a link nor accept one
        ApprovalDesk desk = desk(settings);
        assertThat(desk.signer().hasKey()).isFalse();
        assertThatThrownBy(() -> desk.signer().sign("apr_1", "alice", "hash", java.time.Instant.now().plusSeconds(60)))
                .isInstanceOf(IllegalStateException.class);
        String forged = desk(Settings.fromConfig(config(everything()), Links.ISSUE)).signer()
                .sign("apr_1", "alice", "hash", java.time.Instant.now().plusSeconds(60));
        assertThat(desk.signer().verify(forged)).isInstanceOf(LinkVerdict.Tampered.class);
    }

    @Test
    void none_theExecutorsNotices_haveNoKey_andItCannotDispatch() {
        // GIVEN the executor's parts, from a configuration that names a key and a base URL
        ApprovalParts parts = parts(Settings.fromConfig(config(everything()), Links.NONE));

        // WHEN it tells people about a request, its notices carry no key: no fresh link in an edit
        assertThat(parts.notices().get().links().hasKey()).isFalse();
        assertThat(parts.notices().get().links().publicBaseUrl()).isEmpty();

        // AND the queue of a function that never dispatches refuses any order
        assertThatThrownBy(() -> ApprovalParts.NEVER_DISPATCHES.enqueue(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never dispatches");
    }

    @Test
    void from_typedSettings_theExecutorsRole_neverCallsTheKeyAccessors() {
        // GIVEN typed settings whose key and base-URL accessors fail when called
        ApprovalSettings approval = new ApprovalSettings() {
            public Optional<String> approversFile() {
                return Optional.of(RepoRoot.find().resolve("infra/local/demo/approvers.json").toString());
            }
            public Optional<String> approversParameter() {
                return Optional.empty();
            }
            public Optional<String> linkKey() {
                throw new AssertionError("the key was read");
            }
            public Optional<String> linkKeySecretArn() {
                throw new AssertionError("the key's ARN was read");
            }
            public Optional<String> publicBaseUrl() {
                throw new AssertionError("the base URL was read");
            }
            public int ttlMinutes() {
                return 30;
            }
            public Optional<String> executionsQueueUrl() {
                return Optional.empty();
            }
        };
        Tables tables = new Tables() {
            public Optional<String> state() {
                return Optional.of("StateTable");
            }
            public Optional<String> trust() {
                return Optional.of("TrustTable");
            }
            public Optional<String> vault() {
                throw new AssertionError("the vault is not the approval side's");
            }
        };

        // WHEN the executor's settings are made from them
        Settings settings = Settings.from(approval, tables, Links.NONE);

        // THEN they hold the tables and the directory, nothing of the key
        assertThat(settings.stateTable()).isEqualTo("StateTable");
        assertThat(settings.trustTable()).isEqualTo("TrustTable");
        assertThat(settings.linkKey()).isEmpty();
        assertThat(settings.linkKeySecretArn()).isEmpty();
    }

    @Test
    void none_givenAKeyDirectly_isRefused() {
        assertThatThrownBy(() -> new Settings(Links.NONE, "s", "t", Optional.of(KEY), Optional.empty(),
                Optional.of(RepoRoot.find().resolve("infra/local/demo/approvers.json")), Optional.empty(),
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no link key");
    }

    @Test
    void verify_theApprovalFunction_readsTheKeyButNoBaseUrl() {
        Settings settings = Settings.fromConfig(config(everything()), Links.VERIFY);

        assertThat(settings.linkKey()).contains(KEY);
        assertThat(asked).doesNotContain("public.base.url");
        assertThat(settings.publicBaseUrl()).isEmpty();
        ApprovalDesk desk = desk(settings);
        assertThat(desk.signer().hasKey()).isTrue();
        assertThatThrownBy(() -> desk.linkFor(null, "alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no approval links");
    }

    @Test
    void issue_theAnalysis_needsTheKeyAndTheBaseUrl() {
        Settings settings = Settings.fromConfig(config(everything()), Links.ISSUE);
        assertThat(settings.linkKey()).contains(KEY);
        assertThat(settings.publicBaseUrl()).contains(URI.create("https://approvals.example.test"));

        Map<String, String> noBaseUrl = new java.util.HashMap<>(everything());
        noBaseUrl.remove("public.base.url");
        assertThatThrownBy(() -> Settings.fromConfig(config(noBaseUrl), Links.ISSUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PUBLIC_BASE_URL");
        Map<String, String> noKey = new java.util.HashMap<>(everything());
        noKey.remove("awoooi.approval.link.key");
        noKey.remove("approval.link.key.secret.arn");
        assertThatThrownBy(() -> Settings.fromConfig(config(noKey), Links.VERIFY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APPROVAL_LINK_KEY_SECRET_ARN");
    }

    private static ApprovalDesk desk(Settings settings) {
        // the clients are never called: the desk is only built and its signer used
        return parts(settings).desks(ApprovalParts.NEVER_DISPATCHES).get();
    }

    private static ApprovalParts parts(Settings settings) {
        return new ApprovalParts(settings, null, List.of(),
                new LeakGuard(new PiiScanner(), report -> {
                }, Clock.systemUTC()), Clock.systemUTC());
    }
}
