package io.awoooi.core.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prompt guard wired to the Privacy Shield's leak guard, as the analysis should wire it. */
class PromptGuardTest {
    private final List<LeakGuard.LeakReport> audits = new ArrayList<>();
    private final LeakGuard leakGuard = new LeakGuard(new PiiScanner(), audits::add, Clock.systemUTC());
    private final PromptGuard guard = (incidentId, text) -> leakGuard.check("llm", incidentId, text);
    private final RecordingTraceSink sink = new RecordingTraceSink();

    private FakeModel model() {
        return FakeModel.guarded(guard);
    }

    @Test
    void narrate_pseudonymizedText_passesTheLeakGuardAndReachesTheModel() {
        // GIVEN a properly redacted incident
        FakeModel model = model();
        // WHEN
        Narrative n = ResilientNarrator.builder(model).traceSink(sink).timeout(Duration.ofSeconds(30)).build()
                .narrate(Requests.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("fake");
        assertThat(model.calls).hasValue(1);
        assertThat(audits).isEmpty();
    }

    @Test
    void narrate_rawValueInTheIncidentText_blockedBeforeSendingAndAudited() {
        // GIVEN a wiring mistake: a raw IP and email reach the request
        FakeModel model = model();
        NarrationRequest leaky = Requests.request("connection refused from 10.42.3.17, owner alice@example.com");
        // WHEN
        Narrative n = ResilientNarrator.builder(model).traceSink(sink).timeout(Duration.ofSeconds(30)).build()
                .narrate(leaky);
        // THEN the model never sees it, the deterministic narrative is used, the block is audited and traced
        assertThat(model.calls).hasValue(0);
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(audits).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("llm");
            assertThat(r.incidentId()).isEqualTo("inc_01TEST");
        });
        assertThat(sink.outcomes()).containsExactly("blocked: prompt guard blocked the prompt: LeakBlockedException");
    }
}
