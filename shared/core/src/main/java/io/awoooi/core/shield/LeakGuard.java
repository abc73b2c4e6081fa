package io.awoooi.core.shield;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.privacy.PiiType;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defence in depth: every text about to leave for an LLM, a notification or the next queue is
 * scanned again. A match blocks the send and is audited (types and counts, never the values).
 *
 * <p>The detector is the {@link PiiScanner} the {@link Pseudonymizer} uses, over the whole serialized
 * text: map keys are read like values (the incident event's JSON, the prompt's {@code key=value}
 * lines). A label such as {@code [SECRET_1]} is a placeholder to the scanner, so text the shield
 * wrote passes; the analysis' {@code PromptGuard} is this guard, it has no detector of its own.
 */
public final class LeakGuard {
    private final PiiScanner scanner;
    private final LeakAudit audit;
    private final Clock clock;

    public LeakGuard(PiiScanner scanner, LeakAudit audit, Clock clock) {
        this.scanner = scanner;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws LeakBlockedException when the text still carries a recognisable value */
    public void check(String channel, String incidentId, String text) {
        check(channel, incidentId, text, Set.of());
    }

    /**
     * As {@link #check(String, String, String)}, but a finding that is exactly one of
     * {@code identifiers}, written as a whole JSON string ({@code "5962771278332110"}), is no value:
     * Alertmanager's fingerprints are 16 hex digits, and one in about 20,000 is all decimal and
     * passes the Luhn check, so it reads as a card number. Only hex identifiers are honoured (an
     * address or an email is never an identifier), and the pseudonymizer, which runs before the
     * guard with the same detector, has already labelled the value anywhere else in the text, so
     * what is passed is the identifier field alone.
     */
    public void check(String channel, String incidentId, String text, Set<String> identifiers) {
        List<Finding> findings = scanner.scan(text);
        if (!identifiers.isEmpty()) {
            findings = findings.stream().filter(f -> !isIdentifier(text, f, identifiers)).toList();
        }
        if (findings.isEmpty()) {
            return;
        }
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        findings.forEach(f -> counts.merge(f.type(), 1, Integer::sum));
        LeakReport report = new LeakReport(channel, incidentId, Map.copyOf(counts), clock.instant());
        try {
            audit.blocked(report);
        } catch (RuntimeException auditFailure) {
            // an audit write failure never turns a blocked send into an allowed one
        }
        throw new LeakBlockedException(report);
    }

    private static boolean isIdentifier(String text, Finding f, Set<String> identifiers) {
        String value = f.valueIn(text);
        return identifiers.contains(value) && isHex(value)
                && f.start() > 0 && text.charAt(f.start() - 1) == '"'
                && f.end() < text.length() && text.charAt(f.end()) == '"';
    }

    private static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** Port: where blocked sends are recorded. */
    public interface LeakAudit {
        void blocked(LeakReport report);
    }

    public record LeakReport(String channel, String incidentId, Map<PiiType, Integer> findings, Instant at) {
    }

    public static final class LeakBlockedException extends RuntimeException {
        private final LeakReport report;

        public LeakBlockedException(LeakReport report) {
            super("blocked a send to " + report.channel() + " for incident " + report.incidentId()
                    + ": it still carries " + report.findings(), null, false, false);
            this.report = report;
        }

        public LeakReport report() {
            return report;
        }
    }
}
