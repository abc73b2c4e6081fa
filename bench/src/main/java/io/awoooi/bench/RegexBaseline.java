package io.awoooi.bench;

import io.awoooi.core.privacy.PiiType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The naive approach the scanner replaces: one java.util.regex pattern per type, each applied to
 * the whole text with replaceAll, in turn. To keep the comparison fair the patterns are compiled
 * once and written with care (possessive quantifiers, keyword-first SECRET, the common \d{1,3}
 * IPv4 and a compact IPv6 pattern instead of the full RFC alternation, which alone ran at about
 * 5 MB/s); they do no Luhn check and no JSON-escape handling, so they also do less than the scanner.
 */
public final class RegexBaseline {
    private record Rule(PiiType type, Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            rule(PiiType.PRIVATE_KEY, "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
            rule(PiiType.JWT, "\\beyJ[A-Za-z0-9_-]{7,}+\\.[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]*+"),
            new Rule(PiiType.CREDENTIALS, Pattern.compile("(?<=://)[^\\s/?#@:\"']*+:[^\\s/?\"']*(?=@)"),
                    "[CREDENTIALS]"),
            new Rule(PiiType.BEARER, Pattern.compile("(?i)(?<=\\bbearer )[A-Za-z0-9._~+/=-]{6,}+"), "[BEARER]"),
            rule(PiiType.AWS_KEY, "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"),
            new Rule(PiiType.AWS_SECRET, Pattern.compile(
                    "(?i)((?:aws_secret_access_key|secret_access_key|secretaccesskey|aws_secret)[\"'\\s:=]{1,6}+)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
                    "$1[AWS_SECRET]"),
            rule(PiiType.GITHUB_TOKEN, "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}+|github_pat_[A-Za-z0-9_]{22,}+)"),
            rule(PiiType.SLACK_TOKEN, "\\bxox[baprse]-[A-Za-z0-9-]{10,}+"),
            rule(PiiType.STRIPE_KEY, "\\b[spr]k_live_[A-Za-z0-9]{16,}+"),
            rule(PiiType.GOOGLE_API_KEY, "\\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"),
            // keyword first (no leading [\w.-]* that backtracks at every word), then the rest of the key
            new Rule(PiiType.SECRET, Pattern.compile(
                    "(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[\\w.-]*+[\"']?\\s*+[:=]\\s*+[\"']?)[^\\s&\"',;]++"),
                    "$1[SECRET]"),
            rule(PiiType.EMAIL, "\\b[A-Za-z0-9._%+-]++@(?:[A-Za-z0-9-]++\\.)++[A-Za-z]{2,}\\b"),
            rule(PiiType.UUID, "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
            rule(PiiType.IP, "\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b"),
            // compact IPv6 (eight groups, or anything with "::"; zone id): approximate, as such patterns usually are
            rule(PiiType.IP, "(?i)(?<![0-9a-f:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
                    + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)"
                    + "(?:%[\\w.-]++)?(?![0-9a-f:])"),
            rule(PiiType.MAC, "\\b[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}\\b"),
            rule(PiiType.CARD, "\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{1,7}\\b"),
            rule(PiiType.PHONE, "(?<![\\w+])\\+[1-9](?:[ -]?\\d){7,14}(?!\\d)"));

    private RegexBaseline() {
    }

    private static Rule rule(PiiType type, String regex) {
        return new Rule(type, Pattern.compile(regex), "[" + type.labelPrefix() + "]");
    }

    /** The text with every match of every pattern replaced by its type's label, pattern after pattern. */
    public static String redact(String text) {
        String out = text;
        for (Rule rule : RULES) {
            out = rule.pattern().matcher(out).replaceAll(rule.replacement());
        }
        return out;
    }

    public static int patternCount() {
        return RULES.size();
    }
}
