package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogLeaksTest {
    @Test
    void assertNoneLogged_valueInALine_failsWithoutPrintingIt() {
        assertThatThrownBy(
                () -> LogLeaks.assertNoneLogged("ok\nuser bob@example.com logged in\n", List.of("bob@example.com")))
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("bob@example.com");
    }

    @Test
    void assertNoneLogged_onlyLabels_passes() {
        assertThatCode(() -> LogLeaks.assertNoneLogged("user [EMAIL_1] logged in", List.of("bob@example.com")))
                .doesNotThrowAnyException();
    }

    @Test
    void assertNoneLogged_valueEscapedInAJsonLine_fails() {
        String json = "{\"level\":\"INFO\",\"message\":\"owner \\\"Bob\\\" <bob@x>\",\"mdc\":{}}";
        assertThatThrownBy(() -> LogLeaks.assertNoneLogged(json, List.of("\"Bob\" <bob@x>")))
                .hasMessageContaining("line 1");
    }
}
