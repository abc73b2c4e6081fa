package io.awoooi.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertTextTest {
    private static final String NUL = String.valueOf((char) 0);
    private static final String U_FFFF = String.valueOf((char) 0xFFFF);
    private static final String LONE_HIGH = String.valueOf((char) 0xD800);
    private static final String LONE_LOW = String.valueOf((char) 0xDC00);
    private static final String EMOJI = new String(Character.toChars(0x1F525));

    @Test
    void isSqsLegal_isExactlySqsDocumentedRule() {
        // #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF
        assertThat(AlertText.isSqsLegal(0x9)).isTrue();
        assertThat(AlertText.isSqsLegal(0xA)).isTrue();
        assertThat(AlertText.isSqsLegal(0xD)).isTrue();
        assertThat(AlertText.isSqsLegal(0x0)).isFalse();
        assertThat(AlertText.isSqsLegal(0x8)).isFalse();
        assertThat(AlertText.isSqsLegal(0xB)).isFalse();
        assertThat(AlertText.isSqsLegal(0x1F)).isFalse();
        assertThat(AlertText.isSqsLegal(0x20)).isTrue();
        assertThat(AlertText.isSqsLegal(0xD7FF)).isTrue();
        assertThat(AlertText.isSqsLegal(0xD800)).isFalse();
        assertThat(AlertText.isSqsLegal(0xDFFF)).isFalse();
        assertThat(AlertText.isSqsLegal(0xE000)).isTrue();
        assertThat(AlertText.isSqsLegal(0xFFFD)).isTrue();
        assertThat(AlertText.isSqsLegal(0xFFFE)).isFalse();
        assertThat(AlertText.isSqsLegal(0xFFFF)).isFalse();
        assertThat(AlertText.isSqsLegal(0x10000)).isTrue();
        assertThat(AlertText.isSqsLegal(0x10FFFF)).isTrue();
        assertThat(AlertText.isSqsLegal(0x110000)).isFalse();
        assertThat(AlertText.isSqsLegal("ok " + EMOJI + "\t\n\r")).isTrue();
        assertThat(AlertText.isSqsLegal("x" + LONE_HIGH)).isFalse();
    }

    @Test
    void escape_nulNonCharactersAndLoneSurrogates_becomeVisibleText() {
        assertThat(AlertText.escape("a" + NUL + "b")).isEqualTo("a\\u0000b");
        assertThat(AlertText.escape(U_FFFF)).isEqualTo("\\uFFFF");
        assertThat(AlertText.escape(String.valueOf((char) 0xFFFE))).isEqualTo("\\uFFFE");
        assertThat(AlertText.escape(String.valueOf((char) 0xFDD0))).isEqualTo("\\uFDD0");
        assertThat(AlertText.escape("x" + LONE_HIGH)).isEqualTo("x\\uD800");
        assertThat(AlertText.escape(LONE_LOW + "y")).isEqualTo("\\uDC00y");
        assertThat(AlertText.escape(LONE_LOW + LONE_HIGH)).as("reversed pair: two lone surrogates")
                .isEqualTo("\\uDC00\\uD800");
        assertThat(AlertText.escape(new String(Character.toChars(0x1FFFF)))).isEqualTo("\\U0001FFFF");
        assertThat(AlertText.escape(new String(Character.toChars(0x10FFFE)))).isEqualTo("\\U0010FFFE");
        assertThat(AlertText.escape("\u0001\u001b[31m")).isEqualTo("\\u0001\\u001B[31m");
    }

    @Test
    void escape_ordinaryText_isUnchangedAndTheSameInstance() {
        String text = "tab\tlf\ncr\r backslash \\u0000 " + EMOJI + " é ☃ \u007f \u0085 $(rm -rf /); `x`";
        assertThat(AlertText.escape(text)).isSameAs(text);
    }

    @Test
    void escape_resultIsSqsLegalAndEscapingAgainChangesNothing() {
        String hostile = NUL + U_FFFF + LONE_HIGH + "a" + LONE_LOW + "\u0007" + EMOJI + "\uFDEF";
        String once = AlertText.escape(hostile);
        assertThat(AlertText.isSqsLegal(once)).isTrue();
        assertThat(AlertText.escape(once)).isEqualTo(once);
    }

    @Test
    void truncate_fittingText_isUnchanged() {
        assertThat(AlertText.truncate("short", 5)).isEqualTo("short");
    }

    @Test
    void truncate_longText_cutsWithMarkerCountingTheCutCharacters() {
        String text = "x".repeat(450_000);
        String cut = AlertText.truncate(text, 2048);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        assertThat(cut).startsWith("xxxx").matches("x+…\\[truncated \\d+ chars\\]");
        int kept = cut.indexOf('…');
        assertThat(cut).endsWith("…[truncated " + (450_000 - kept) + " chars]");
        assertThat(AlertText.truncate(cut, 2048)).as("cutting twice changes nothing").isEqualTo(cut);
    }

    @Test
    void truncate_multiByteText_neverSplitsACharacterAndCountsBytes() {
        String text = (EMOJI + "é☃").repeat(1000);
        for (int max : new int[] {40, 41, 42, 43, 100, 1001}) {
            String cut = AlertText.truncate(text, max);
            assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(max);
            assertThat(AlertText.isSqsLegal(cut)).as("no split surrogate pair").isTrue();
            String head = cut.substring(0, cut.indexOf('…'));
            assertThat(text).startsWith(head);
            int cutCount = text.codePointCount(0, text.length()) - head.codePointCount(0, head.length());
            assertThat(cut).endsWith("…[truncated " + cutCount + " chars]");
        }
    }

    @Test
    void truncate_limitSmallerThanTheMarker_stillFits() {
        String cut = AlertText.truncate("y".repeat(100_000), 8);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8);
        assertThat(cut).startsWith("…");
    }

    @Test
    void utf8Length_countsBytesOfEachCodePoint() {
        assertThat(AlertText.utf8Length("aé☃" + EMOJI)).isEqualTo(1 + 2 + 3 + 4);
        assertThat(AlertText.utf8Length("aé☃" + EMOJI))
                .isEqualTo(("aé☃" + EMOJI).getBytes(StandardCharsets.UTF_8).length);
    }
}
