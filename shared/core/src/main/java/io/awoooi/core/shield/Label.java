package io.awoooi.core.shield;

import io.awoooi.core.privacy.PiiType;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A pseudonym such as {@code [IP_1]}: the type's prefix and its number within one incident. */
public record Label(PiiType type, int number) {
    /** Matches any label text; group 1 is the prefix, group 2 the number. */
    public static final Pattern PATTERN = Pattern.compile("\\[([A-Z][A-Z_]*?)_([1-9][0-9]{0,6})\\]");

    public Label {
        Objects.requireNonNull(type, "type");
        if (number < 1) {
            throw new IllegalArgumentException("label numbers start at 1");
        }
    }

    public String text() {
        return "[" + type.labelPrefix() + "_" + number + "]";
    }

    /** The label a whole text is, if it is one and names a known type. */
    public static Optional<Label> parse(String text) {
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return typeOf(m.group(1)).map(t -> new Label(t, Integer.parseInt(m.group(2))));
    }

    static Optional<PiiType> typeOf(String prefix) {
        for (PiiType t : PiiType.values()) {
            if (t.labelPrefix().equals(prefix)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text();
    }
}
