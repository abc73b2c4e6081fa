package io.awoooi.core.privacy;

import java.util.Objects;

/** One value the scanner found: {@code [start, end)} in the scanned text. */
public record Finding(PiiType type, int start, int end) {
    public Finding {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The found value, cut from the text that was scanned. */
    public String valueIn(CharSequence text) {
        return text.subSequence(start, end).toString();
    }
}
