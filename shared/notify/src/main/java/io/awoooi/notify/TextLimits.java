package io.awoooi.notify;

/** The chat services reject a message over a field's limit, so long text is cut, never refused. */
final class TextLimits {
    private static final String ELLIPSIS = "…";

    private TextLimits() {
    }

    /** {@code text} if it fits in {@code max} chars, else its head and an ellipsis (no half surrogate pair). */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }
}
