package io.awoooi.core.narrative;

import java.util.List;
import java.util.Optional;

/**
 * The narrative without a model, as an SRE would write it in two lines: what is broken and why we
 * think so (the diagnosis), what we propose (or what a human must do), and what it touches (the
 * blast radius by name). Without a diagnosis among the facts: the first line of the incident text,
 * the first root cause and the blast radius. It recommends
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
        List<String> diagnosis = GraphFacts.withPrefix(request.graphFacts(), GraphFacts.DIAGNOSIS);
        List<String> fix = GraphFacts.withPrefix(request.graphFacts(), GraphFacts.PROPOSAL);
        List<String> humanStep = GraphFacts.withPrefix(request.graphFacts(), GraphFacts.HUMAN_STEP);

        StringBuilder s = new StringBuilder();
        if (!diagnosis.isEmpty()) {
            // what is broken and why we think so; what we propose; what it will touch
            s.append(sentence(diagnosis.get(0))).append(' ');
            if (!fix.isEmpty()) {
                s.append("Proposed: ").append(sentence(fix.get(0))).append(' ');
            } else if (!humanStep.isEmpty()) {
                s.append("No automatic fix: ").append(sentence(humanStep.get(0))).append(' ');
            }
            s.append(touches(impacted));
        } else {
            String headline = headline(request.incidentText());
            if (!headline.isEmpty()) {
                s.append("Incident: ").append(sentence(headline)).append(' ');
            }
            if (rootCauses.isEmpty()) {
                s.append("No unhealthy dependency was found on the service topology.");
            } else {
                s.append("Most likely root cause: ").append(rootCauses.get(0)).append('.');
                if (rootCauses.size() > 1) {
                    int others = rootCauses.size() - 1;
                    s.append(' ').append(others).append(others == 1 ? " other unhealthy dependency was"
                            : " other unhealthy dependencies were").append(" found.");
                }
            }
            s.append(' ').append(touches(impacted));
        }
        List<String> hypotheses = rootCauses.stream()
                .limit(NarrativeParser.MAX_HYPOTHESES)
                .map(h -> Texts.head(h, NarrativeParser.MAX_HYPOTHESIS_CHARS))
                .toList();
        return new Narrative(Texts.head(s.toString().strip(), NarrativeParser.MAX_SUMMARY_CHARS), hypotheses,
                Optional.empty(), CONFIDENCE, NAME);
    }

    /** The blast radius by name (the first few), or that nothing else is known to be impacted. */
    private static String touches(List<String> impacted) {
        if (impacted.isEmpty()) {
            return "No other service is known to be impacted.";
        }
        List<String> names = impacted.stream().map(i -> i.contains(" (") ? i.substring(0, i.indexOf(" (")) : i)
                .toList();
        String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
        int more = names.size() - Math.min(3, names.size());
        return "Impacted upstream: " + shown + (more > 0 ? " and " + more + " more" : "") + ".";
    }

    private static String sentence(String text) {
        String t = text.strip();
        return t.isEmpty() || endsSentence(t) ? t : t + ".";
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
