package io.awoooi.core.narrative;

/** Small text helpers for bounding what goes into prompts and traces. */
final class Texts {
    private Texts() {
    }

    /** At most {@code max} chars from the start, never splitting a surrogate pair. */
    static String head(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        if (max <= 0) {
            return "";
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
