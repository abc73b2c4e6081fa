package io.awoooi.core.shield;

import io.awoooi.core.privacy.PiiType;
import java.util.Map;
import java.util.Objects;

/**
 * Port: an incident's Kubernetes names both ways ({@link NameLabels}) for a component that reads
 * the cluster. {@link #PLAIN} when names are not labelled; {@link #inVault} when they are: the
 * vault's rows of the incident are read by keyed hash (never decrypted), and the labels handed out
 * for names the alerts did not carry are sealed with the vault's data key (an encrypt-only use of
 * the key service: the component can add labels, not reveal values).
 */
public interface IncidentNames {

    /** The incident's names, given the real names the caller knows and the types new labels get. */
    NameLabels open(String incidentId, Map<String, PiiType> known);

    /**
     * Seals the labels {@link NameLabels#mask} handed out, before anything showing them is stored.
     *
     * @throws VaultConflictException another writer took one of the numbers meanwhile: analyse
     *     again on a fresh {@link #open} (the message is redelivered)
     */
    void seal(NameLabels names);

    /** Names are kept: the identity, nothing to seal. */
    IncidentNames PLAIN = new IncidentNames() {
        @Override
        public NameLabels open(String incidentId, Map<String, PiiType> known) {
            return NameLabels.plain();
        }

        @Override
        public void seal(NameLabels names) {
            // nothing was labelled
        }
    };

    /** Names are labelled: read and extend the incident's labels in the vault. */
    static IncidentNames inVault(Vault vault) {
        Objects.requireNonNull(vault, "vault");
        return new IncidentNames() {
            @Override
            public NameLabels open(String incidentId, Map<String, PiiType> known) {
                return NameLabels.of(vault.open(incidentId), known, vault::stableHash);
            }

            @Override
            public void seal(NameLabels names) {
                names.book().ifPresent(vault::seal);
            }
        };
    }
}
