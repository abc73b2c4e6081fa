package io.awoooi.core.approval;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.shield.RedactedAlert;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What people need first from an incident's alerts (all pseudonymized, as the Privacy Shield left
 * them): the lead alert's {@code summary} annotation as the headline, the worst severity, since when
 * it fires, and the lead alert's {@code runbook_url} and {@code generatorURL}. The lead alert is the
 * firing one of the worst severity, the oldest among those.
 *
 * @param headline the summary annotation (else the alert's name), at most {@value #MAX_HEADLINE} chars
 * @param severity the worst severity label among the firing alerts; empty when none has one
 * @param since when the oldest firing alert started
 * @param alerts how many alerts fire
 * @param runbookUrl an http(s) URL from the {@code runbook_url} annotation
 * @param generatorUrl the lead alert's http(s) {@code generatorURL} (the alert's source, e.g. a graph)
 */
public record AlertFacts(String headline, String severity, Optional<Instant> since, int alerts,
        Optional<String> runbookUrl, Optional<String> generatorUrl) {
    public static final int MAX_HEADLINE = 200;
    public static final int MAX_URL = 2048;
    private static final List<String> SEVERITIES = List.of("critical", "high", "error", "major", "warning", "warn",
            "medium", "minor", "low", "info", "informational", "none");

    public AlertFacts {
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(runbookUrl, "runbookUrl");
        Objects.requireNonNull(generatorUrl, "generatorUrl");
    }

    /** Nothing known about the alerts (an analysis without its event, an older request). */
    public static AlertFacts unknown() {
        return new AlertFacts("", "", Optional.empty(), 0, Optional.empty(), Optional.empty());
    }

    public boolean known() {
        return !headline.isEmpty();
    }

    /**
     * @param alerts the redacted alerts of the notification
     * @param commonAnnotations the notification's annotations common to all its alerts (a common
     *     {@code summary} wins over the lead alert's)
     */
    public static AlertFacts of(List<RedactedAlert> alerts, Map<String, String> commonAnnotations) {
        List<RedactedAlert> firing = alerts.stream().filter(a -> a.status() == AlertStatus.FIRING).toList();
        List<RedactedAlert> considered = firing.isEmpty() ? alerts : firing;
        if (considered.isEmpty()) {
            return unknown();
        }
        RedactedAlert lead = considered.stream()
                .sorted(Comparator.comparingInt((RedactedAlert a) -> rank(a.labels().get("severity")))
                        .thenComparing(RedactedAlert::startsAt))
                .findFirst().orElseThrow();
        String headline = text(commonAnnotations.get("summary"))
                .or(() -> text(lead.annotations().get("summary")))
                .or(() -> text(lead.labels().get("alertname")))
                .orElse("an alert without a name");
        String severity = text(lead.labels().get("severity")).orElse("");
        Instant since = considered.stream().map(RedactedAlert::startsAt).min(Comparator.naturalOrder()).orElseThrow();
        Optional<String> runbook = url(commonAnnotations.get("runbook_url"))
                .or(() -> url(lead.annotations().get("runbook_url")));
        return new AlertFacts(cut(headline, MAX_HEADLINE), cut(severity, 40), Optional.of(since), considered.size(),
                runbook, url(lead.generatorURL()));
    }

    /** A severity label's rank: lower is worse; unknown severities come after the known ones, a missing one last. */
    public static int rank(String severity) {
        if (severity == null || severity.isBlank()) {
            return SEVERITIES.size() + 1;
        }
        int i = SEVERITIES.indexOf(severity.strip().toLowerCase(Locale.ROOT));
        return i < 0 ? SEVERITIES.size() : i;
    }

    private static Optional<String> text(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String oneLine = value.replaceAll("\\s+", " ").strip();
        return oneLine.isEmpty() ? Optional.empty() : Optional.of(oneLine);
    }

    /** An absolute http(s) URL, else nothing (a link people can follow, never a script). */
    static Optional<String> url(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_URL) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            URI uri = URI.create(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null
                    ? Optional.of(v) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code text} shortened to {@code max} characters with an ellipsis, never splitting a surrogate pair. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
