package io.awoooi.core.alert;

/**
 * The text an accepted alert may carry, and how other text is made to fit.
 *
 * <p>SQS accepts in a message body only {@code #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD |
 * #x10000-#x10FFFF} ({@link #isSqsLegal(int)}); a lone surrogate cannot be written as UTF-8 at all.
 * {@link #escape} replaces, visibly, every code point that is SQS-illegal or hostile: the C0 controls
 * but tab, LF and CR, every lone surrogate, and every Unicode non-character (U+FDD0-U+FDEF and the
 * last two code points of each plane, U+FFFE/U+FFFF to U+10FFFE/U+10FFFF). They become the text
 * {@code \u0000} (BMP, lone surrogates) or {@code \U0001FFFF} (other planes). A backslash is left as
 * it is, so ordinary text never changes; escaping is not meant to be reversed (identity is computed
 * before it, see {@link WebhookLimits}), and escaped text never needs escaping again.
 */
public final class AlertText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AlertText() {
    }

    /** Whether SQS accepts this code point in a message body (its documented character rule). */
    public static boolean isSqsLegal(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** Whether every code point of the text is SQS-legal (a lone surrogate is not). */
    public static boolean isSqsLegal(CharSequence text) {
        for (int i = 0; i < text.length();) {
            int cp = Character.codePointAt(text, i);
            if (!isSqsLegal(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Whether {@link #escape} replaces this code point (surrogates here are lone ones). */
    public static boolean isEscaped(int cp) {
        return (cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD)
                || (cp >= 0xD800 && cp <= 0xDFFF)
                || (cp >= 0xFDD0 && cp <= 0xFDEF)
                || (cp & 0xFFFE) == 0xFFFE;
    }

    /** The text with every {@linkplain #isEscaped escaped} code point written as visible text. */
    public static String escape(String text) {
        int first = firstEscaped(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length();) {
            int cp = text.codePointAt(i);
            if (!isEscaped(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xFFFF) {
                out.append("\\u");
                hex(out, cp, 4);
            } else {
                out.append("\\U");
                hex(out, cp, 8);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static int firstEscaped(String text) {
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            if (isEscaped(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static void hex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xF]);
        }
    }

    /**
     * The text cut to at most {@code maxBytes} bytes of UTF-8, marker included: the head, then
     * {@code …[truncated N chars]} with N the characters (code points) cut. Text that fits is
     * returned as it is, so cutting twice changes nothing. Cuts fall between code points.
     */
    public static String truncate(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        int total = text.codePointCount(0, text.length());
        // the marker is widest when every character is cut; reserving that much always fits
        int budget = maxBytes - utf8Length(marker(total));
        if (budget < 0) {
            return head(marker(total), maxBytes);
        }
        String kept = head(text, budget);
        int cut = total - kept.codePointCount(0, kept.length());
        return kept + marker(cut);
    }

    private static String marker(int cut) {
        return "…[truncated " + cut + " chars]";
    }

    /** The longest prefix of whole code points whose UTF-8 fits in maxBytes. */
    private static String head(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = utf8Length(cp);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    /** Bytes of the text in UTF-8; a lone surrogate counts 3 (an upper bound: it is always escaped before anything is encoded). */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            bytes += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
