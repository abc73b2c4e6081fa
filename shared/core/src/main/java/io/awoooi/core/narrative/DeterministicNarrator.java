package io.awoooi.core.narrative;

import java.util.List;
import java.util.Optional;

/**
 * The narrative without a model: plain sentences from the graph facts (the first root cause, how
 * many services are in the blast radius) and the first line of the incident text. It recommends
 * nothing (the analysis uses its own deterministic proposal then) and says confidence 0.5.
 * Never calls out, never throws on any request.
 */
public final class DeterministicNarrator implements Narrator {
    public static final String NAME = "deterministic";
    public static final double CONFIDENCE = 0.5;
    static final int HEADLINE_CHARS = 200;

    @Override
    public Narrative narrate(NarrationRequest request) {
        List<String> rootCauses = GraphFacts.withPrefix(request.graphFacts(), GraphFacts.ROOT_CAUSE);
        List<String> impacted = GraphFacts.withPrefix(request.graphFacts(), GraphFacts.BLAST_RADIUS);

        StringBuilder s = new StringBuilder();
        String headline = headline(request.incidentText());
        if (!headline.isEmpty()) {
            s.append("Incident: ").append(headline).append(endsSentence(headline) ? " " : ". ");
        }
        if (rootCauses.isEmpty()) {
            s.append("No unhealthy dependency was found on the service topology.");
        } else {
            s.append("Most likely root cause: ").append(rootCauses.get(0)).append('.');
            if (rootCauses.size() > 1) {
                int others = rootCauses.size() - 1;
                s.append(' ').append(others).append(others == 1 ? " other unhealthy dependency was" : " other unhealthy dependencies were")
                        .append(" found.");
            }
        }
        s.append(' ');
        if (impacted.isEmpty()) {
            s.append("No other service is known to be impacted.");
        } else {
            s.append("Blast radius: ").append(impacted.size())
                    .append(impacted.size() == 1 ? " impacted service." : " impacted services.");
        }
        List<String> hypotheses = rootCauses.stream()
                .limit(NarrativeParser.MAX_HYPOTHESES)
                .map(h -> Texts.head(h, NarrativeParser.MAX_HYPOTHESIS_CHARS))
                .toList();
        return new Narrative(Texts.head(s.toString(), NarrativeParser.MAX_SUMMARY_CHARS), hypotheses, Optional.empty(),
                CONFIDENCE, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The first non-blank line of the incident text, shortened. */
    static String headline(String incidentText) {
        if (incidentText == null) {
            return "";
        }
        return incidentText.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .map(l -> l.length() > HEADLINE_CHARS ? Texts.head(l, HEADLINE_CHARS - 3) + "..." : l)
                .orElse("");
    }

    private static boolean endsSentence(String text) {
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?';
    }
}
