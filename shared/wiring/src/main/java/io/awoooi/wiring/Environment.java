package io.awoooi.wiring;

import java.util.Locale;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The adapters that take their settings by environment names (the notification channels, the
 * narrator, the cluster access) read them through MicroProfile Config like everything else: a
 * variable in the process environment, a system property or a test's application.properties entry
 * all count, in Config's order. One way to read configuration.
 */
public final class Environment {
    private Environment() {
    }

    /** {@code SLACK_WEBHOOK_URL} -> the value of {@code slack.webhook.url} (which Config also finds as the variable); null when unset. */
    public static Function<String, String> lookup() {
        return name -> ConfigProvider.getConfig()
                .getOptionalValue(name.toLowerCase(Locale.ROOT).replace('_', '.'), String.class).orElse(null);
    }
}
