package io.awoooi.core.shield;

import java.util.regex.Matcher;

/**
 * Turns labels back into values. Only the executor uses it, right before acting: labels are the
 * only form personal data takes anywhere else. A label the vault does not hold is an error, never
 * passed through as text.
 */
public final class Rehydrator {
    private final Vault vault;

    public Rehydrator(Vault vault) {
        this.vault = vault;
    }

    /**
     * The text with the Kubernetes names the incident's vault holds labels for replaced by them
     * ({@link NameLabels#maskHeld}): what the executor writes about objects its action does not
     * name (a pod's controller) when Kubernetes names are labelled.
     */
    public String maskHeld(String incidentId, String text) {
        return NameLabels.maskHeld(text, vault.open(incidentId));
    }

    public String rehydrate(String incidentId, String text) {
        Matcher m = Label.PATTERN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            Label label = Label.parse(m.group()).orElseThrow(() -> new UnknownLabelException(incidentId, m.group()));
            m.appendReplacement(out, Matcher.quoteReplacement(vault.reveal(incidentId, label)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
