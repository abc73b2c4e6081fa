package io.awoooi.core.notify;

import java.util.Objects;

/** A button or link in a notification: what it says and where it goes. */
public record Link(String label, String url) {
    public Link {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(url, "url");
    }
}
