package io.awoooi.wiring;

import java.util.Locale;
import java.util.Optional;

/** A setting the producer at hand cannot do without: blank counts as unset; the error names the variable. */
public final class Required {
    private Required() {
    }

    /**
     * @param name the MicroProfile name ({@code state.table}); the message gives the environment name
     * @throws IllegalStateException naming the environment variable when it is unset or blank
     */
    public static String value(Optional<String> setting, String name) {
        return setting.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                "set " + environmentName(name) + " (the template does)"));
    }

    /** {@code state.table} -> {@code STATE_TABLE}. */
    public static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
