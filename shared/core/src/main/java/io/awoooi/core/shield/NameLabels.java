package io.awoooi.core.shield;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.privacy.PiiType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One incident's Kubernetes names both ways, for a component that reads the cluster (real names)
 * and writes what people and models see (labels), when the Privacy Shield labels Kubernetes names.
 *
 * <p>Built from the incident's {@link LabelBook} and the real names the component knows (the
 * topology's namespaces, services, workloads, pods, nodes and claims): a known name whose keyed
 * hash is in the book is the value behind that label, so {@code [POD_1]} in an alert becomes the
 * real pod name in memory without the vault being decrypted ({@link #real}). The other way,
 * {@link #mask} replaces every known name in a text with its label, handing out a new label (to be
 * sealed) for a name the incident's alerts did not carry, e.g. the database found as root cause.
 *
 * <p>{@link #plain()} is the identity, for the default mode where Kubernetes names are kept.
 *
 * <p>Masking works on words: a maximal run of letters, digits, '-' and '.', split at '.'; a part is
 * replaced when it is a known name, or its longest known prefix ending before a '-' is
 * ({@code orders-db-7d9f8-x2kqp} becomes {@code [DEPLOYMENT_1]-7d9f8-x2kqp} when only the Deployment
 * is known). A part with an upper-case letter is never a Kubernetes name ({@code BackOff}).
 */
public final class NameLabels {
    private static final NameLabels PLAIN = new NameLabels(null, Map.of(), null);

    private final LabelBook book;
    private final java.util.function.Function<String, String> stableHash;
    /** Known real names and the label type a new label of theirs gets. */
    private final Map<String, PiiType> known;
    private final Map<String, String> realByLabel = new HashMap<>();

    private NameLabels(LabelBook book, Map<String, PiiType> known,
            java.util.function.Function<String, String> stableHash) {
        this.book = book;
        this.stableHash = stableHash;
        this.known = known;
        if (book != null) {
            known.keySet().forEach(name -> book.find(name).ifPresent(l -> realByLabel.putIfAbsent(l.text(), name)));
        }
    }

    /** The identity: names are not labelled. */
    public static NameLabels plain() {
        return PLAIN;
    }

    /**
     * @param known every real name the caller may read or write, with the type a new label of it
     *     gets (a name the book already labelled keeps its label, whatever its type)
     */
    public static NameLabels of(LabelBook book, Map<String, PiiType> known) {
        return of(book, known, value -> "~" + Integer.toHexString(value.hashCode()));
    }

    /**
     * @param stableHash a keyed hash that is the same in every incident ({@link Vault#stableHash}):
     *     what {@link #pseudonym} gives
     */
    public static NameLabels of(LabelBook book, Map<String, PiiType> known,
            java.util.function.Function<String, String> stableHash) {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(stableHash, "stableHash");
        Map<String, PiiType> copy = new LinkedHashMap<>();
        known.forEach((name, type) -> {
            if (name != null && !name.isBlank() && type.isKubernetesName()) {
                copy.putIfAbsent(name, type);
            }
        });
        return new NameLabels(book, copy, stableHash);
    }

    /**
     * A pseudonym of a real text that is the same in every incident (labels are numbered per
     * incident, so {@code [NAMESPACE_1]} of two incidents may be two namespaces): for what must be
     * compared across incidents, such as the trust pattern of an action's target. The text itself
     * for plain names.
     */
    public String pseudonym(String realText) {
        return book == null ? realText : "#" + stableHash.apply(realText);
    }

    /** Whether names are labelled (false for {@link #plain()}). */
    public boolean labelling() {
        return book != null;
    }

    /** The book whose new labels {@link #mask} handed out (to be sealed); empty for plain. */
    public Optional<LabelBook> book() {
        return Optional.ofNullable(book);
    }

    /** The real name behind a whole label text, when it is one of the known names. */
    public Optional<String> real(String labelText) {
        return labelText == null ? Optional.empty() : Optional.ofNullable(realByLabel.get(labelText));
    }

    /** The value with a known label replaced by its real name; anything else as it is. */
    public String unmask(String value) {
        return real(value).orElse(value);
    }

    /** Alert labels with the labelled Kubernetes names (by value) back to real names where known. */
    public Map<String, String> unmaskLabels(Map<String, String> labels) {
        if (book == null || realByLabel.isEmpty()) {
            return labels;
        }
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> out.put(k, unmask(v)));
        return out;
    }

    /** The action with every labelled parameter back to its real name where known. */
    public ProposedAction unmask(ProposedAction action) {
        if (book == null) {
            return action;
        }
        Map<String, String> params = new LinkedHashMap<>();
        action.params().forEach((k, v) -> params.put(k, unmask(v)));
        return params.equals(action.params()) ? action : new ProposedAction(action.type(), params);
    }

    /** The action with every known real name in its parameters replaced by its label. */
    public ProposedAction mask(ProposedAction action) {
        if (book == null) {
            return action;
        }
        Map<String, String> params = new LinkedHashMap<>();
        action.params().forEach((k, v) -> {
            // only parameters that name Kubernetes objects: a container called like a service stays
            boolean nameParameter = action.type().parameter(k).map(p -> !p.rule().labelTypes().isEmpty()).orElse(false);
            PiiType type = nameParameter ? known.get(v) : null;
            params.put(k, type == null ? v : labelOf(v, type));
        });
        return params.equals(action.params()) ? action : new ProposedAction(action.type(), params);
    }

    /** A known real name's label (a new one if the book has none); an unknown value as it is. */
    public String maskName(String name) {
        if (book == null || name == null) {
            return name;
        }
        PiiType type = known.get(name);
        return type == null ? name : labelOf(name, type);
    }

    /** Every known name in the text replaced by its label (see the class comment). */
    public String mask(String text) {
        if (book == null || known.isEmpty()) {
            return text;
        }
        return replaceNames(text, name -> {
            PiiType type = known.get(name);
            return type == null ? null : labelOf(name, type);
        });
    }

    /**
     * The text with every word (and '.'-part, and prefix before a '-') that the incident's book holds
     * a label for replaced by that label; nothing new is labelled. For a component that holds the
     * vault but not the topology (the executor): the analysis labelled the names it showed, so the
     * same names come back as the same labels here.
     */
    public static String maskHeld(String text, LabelBook book) {
        return replaceNames(text, name -> book.find(name).filter(l -> l.type().isKubernetesName())
                .map(Label::text).orElse(null));
    }

    /**
     * The one walk both maskings share (see the class comment): each word's '.'-separated parts, a part
     * with an upper-case letter skipped; a part whose whole, or else whose longest prefix ending before
     * a '-', {@code labelOf} knows (non-null) gets that label in its place.
     */
    private static String replaceNames(String text, java.util.function.Function<String, String> labelOf) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!wordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && wordChar(text.charAt(end))) {
                end++;
            }
            for (int part = i; part < end;) {
                int partEnd = text.indexOf('.', part);
                partEnd = partEnd < 0 || partEnd > end ? end : partEnd;
                String[] hit = nameIn(text.substring(part, partEnd), labelOf);
                if (hit != null) {
                    if (out == null) {
                        out = new StringBuilder(text.length() + 16);
                    }
                    out.append(text, copied, part).append(hit[1]);
                    copied = part + hit[0].length();
                }
                part = partEnd + 1;
            }
            i = end;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    /** {name, label} for the part as a whole or its longest labelled prefix ending before a '-'; null if none. */
    private static String[] nameIn(String part, java.util.function.Function<String, String> labelOf) {
        for (int k = 0; k < part.length(); k++) {
            char c = part.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                return null;
            }
        }
        for (int k = part.length(); k > 0; k = part.lastIndexOf('-', k - 1)) {
            String name = part.substring(0, k);
            String label = labelOf.apply(name);
            if (label != null) {
                return new String[] {name, label};
            }
        }
        return null;
    }

    /** Each text masked. */
    public List<String> mask(List<String> texts) {
        if (book == null) {
            return texts;
        }
        List<String> out = new ArrayList<>(texts.size());
        texts.forEach(t -> out.add(mask(t)));
        return out;
    }

    private String labelOf(String name, PiiType type) {
        String label = book.labelFor(type, name).text();
        realByLabel.putIfAbsent(label, name);
        return label;
    }

    private static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
}
