package io.awoooi.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The DynamoDB tables (STATE_TABLE, TRUST_TABLE, VAULT_TABLE). Optional here, because every function
 * includes this mapping and each needs a different set; the producer that needs one asks
 * {@link Required#value} for it, which names the variable when the template did not set it.
 */
@ConfigMapping(prefix = "")
public interface Tables {
    @WithName("state.table")
    Optional<String> state();

    @WithName("trust.table")
    Optional<String> trust();

    @WithName("vault.table")
    Optional<String> vault();
}
