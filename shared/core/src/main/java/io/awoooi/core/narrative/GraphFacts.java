package io.awoooi.core.narrative;

import java.util.List;
import java.util.Locale;

/**
 * The line conventions for {@link NarrationRequest#graphFacts()}: one fact a line, starting with a
 * kind prefix. The graph analysis writes them with these helpers; the {@link DeterministicNarrator}
 * reads them back by prefix, and a model reads them as plain text.
 *
 * <pre>
 * root cause: shop/postgres-db (DATABASE, depth 1): pod postgres-db-0 CrashLoopBackOff
 * blast radius: shop/frontend (SERVICE, depth 2)
 * diagnosis: shop/postgres-db: 1 of 1 pod(s) crash-looping (CrashLoopBackOff after 7 restarts), with no recent change
 * evidence: pod postgres-db-0 is CrashLoopBackOff after 7 restarts
 * proposed fix: restart_pod(namespace=shop, pod=postgres-db-0), because a pod crash-loops ...
 * no automatic fix; a human must: restore secret/orders-db-creds ...
 * </pre>
 */
public final class GraphFacts {
    public static final String ROOT_CAUSE = "root cause: ";
    public static final String BLAST_RADIUS = "blast radius: ";
    /** What the evidence says is wrong, in one line. */
    public static final String DIAGNOSIS = "diagnosis: ";
    /** One fact behind the diagnosis. */
    public static final String EVIDENCE = "evidence: ";
    /** The fix the rules chose, in words, with the rule. */
    public static final String PROPOSAL = "proposed fix: ";
    /** No fix to run: what a human must do. */
    public static final String HUMAN_STEP = "no automatic fix; a human must: ";

    private GraphFacts() {
    }

    /** {@code root cause: <service> (<KIND>, depth <n>): <detail>}; root causes go in rank order. */
    public static String rootCause(String service, String kind, int depth, String detail) {
        String line = ROOT_CAUSE + service + " (" + kind + ", depth " + depth + ")";
        return detail == null || detail.isBlank() ? line : line + ": " + detail;
    }

    /** {@code blast radius: <service> (<KIND>, depth <n>)}: one line per impacted service. */
    public static String blastRadius(String service, String kind, int depth) {
        return BLAST_RADIUS + service + " (" + kind + ", depth " + depth + ")";
    }

    /** The facts of one kind, prefix removed, in their order. */
    public static List<String> withPrefix(List<String> facts, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return facts.stream()
                .filter(f -> f != null && f.strip().toLowerCase(Locale.ROOT).startsWith(p))
                .map(f -> f.strip().substring(p.length()).strip())
                .toList();
    }
}
