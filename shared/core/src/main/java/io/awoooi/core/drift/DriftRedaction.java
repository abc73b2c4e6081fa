package io.awoooi.core.drift;

import io.awoooi.core.shield.LabelBook;
import io.awoooi.core.shield.Pseudonymizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The drift report as words that may leave AWOOOI (a prompt, a notification, a log, the API): each
 * item one line, its values through the Privacy Shield's {@link Pseudonymizer} ({@code [IP_1]},
 * {@code [SECRET_1]} ...). Env var values never appear at all, not even labelled: a password in
 * {@code DB_PASS=hunter2} looks like any word to a scanner; the line says added, changed or removed.
 * Object names stay (infrastructure identifiers, as in the incidents) unless the Pseudonymizer labels
 * Kubernetes names (ADR 0014): then namespaces and workload names are labels too; a value is cut at
 * {@value #MAX_VALUE_CHARS} chars.
 */
public final class DriftRedaction {
    static final int MAX_VALUE_CHARS = 160;
    /** Shorter names are not searched inside words (too many false hits). */
    static final int MIN_EMBEDDED_NAME = 3;

    private static String replaceEmbedded(String text, List<String[]> names) {
        String out = text;
        for (String[] n : names) {
            out = out.replace(n[0], n[1]);
        }
        return out;
    }

    private final Pseudonymizer pseudonymizer;

    public DriftRedaction(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    }

    /** One redacted line of a drift item. */
    public record Line(String workload, String category, String severity, String field, String text,
            boolean restorable, String fingerprint) {
    }

    /** The report's words: its item lines, and the namespaces not scanned and baseline problems, redacted alike. */
    public record Words(List<Line> lines, List<String> notScanned, List<String> problems) {
        public Words {
            lines = List.copyOf(lines);
            notScanned = List.copyOf(notScanned);
            problems = List.copyOf(problems);
        }
    }

    /** Every item of the report, most severe workloads first, one book for the whole report. */
    public List<Line> lines(DriftReport report) {
        return words(report).lines();
    }

    public Words words(DriftReport report) {
        LabelBook book = LabelBook.unsealed(report.id());
        for (String ns : report.namespacesNotScanned().keySet()) {
            pseudonymizer.learnNames(java.util.Map.of("namespace", ns), book);
        }
        // with Kubernetes names labelled (ADR 0014), the workloads' names become labels too
        for (WorkloadDrift w : report.workloads()) {
            pseudonymizer.learnNames(java.util.Map.of("namespace", w.ref().namespace(),
                    w.ref().kind().toLowerCase(java.util.Locale.ROOT), w.ref().name()), book);
        }
        // with names labelled, a name inside a longer word (an image demo-product-api, a container
        // named like its workload) becomes its label too, longest names first
        List<String[]> embedded = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (WorkloadDrift w : report.workloads()) {
            for (String name : List.of(w.ref().name(), w.ref().namespace())) {
                if (name.length() >= MIN_EMBEDDED_NAME && seen.add(name)) {
                    book.find(name).ifPresent(label -> embedded.add(new String[] {name, label.text()}));
                }
            }
        }
        embedded.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
        List<Line> out = new ArrayList<>();
        for (WorkloadDrift w : report.workloads()) {
            for (DriftItem i : w.items()) {
                Line l = line(w, i, book);
                out.add(embedded.isEmpty() ? l : new Line(l.workload(), l.category(), l.severity(),
                        replaceEmbedded(l.field(), embedded), replaceEmbedded(l.text(), embedded), l.restorable(),
                        l.fingerprint()));
            }
        }
        List<String> notScanned = new ArrayList<>();
        new java.util.TreeMap<>(report.namespacesNotScanned()).forEach(
                (ns, why) -> notScanned.add(pseudonymizer.redact(ns, book) + ": " + pseudonymizer.redact(why, book)));
        List<String> problems = report.problems().stream().map(p -> pseudonymizer.redact(p, book)).toList();
        return new Words(out, notScanned, problems);
    }

    Line line(WorkloadDrift w, DriftItem i, LabelBook book) {
        String field = fieldWords(i.path(), book);
        String text = switch (i.category()) {
            case UNMANAGED -> "no declarative owner (no accepted baseline, no last-applied configuration,"
                    + " no apply or GitOps field manager)";
            case ENV -> field + " " + (i.desired() == null ? (i.desiredKnown() ? "added" : "set")
                    : i.live() == null ? "removed" : "changed") + " (value not shown)" + by(i);
            default -> {
                String live = value(i.live(), book);
                if (!i.desiredKnown()) {
                    yield field + " is " + live + by(i) + " over the declarative owner";
                }
                yield field + " " + value(i.desired(), book) + " -> " + live;
            }
        };
        String workload = w.ref().kind() + "/" + pseudonymizer.redact(w.ref().namespace(), book) + "/"
                + pseudonymizer.redact(w.ref().name(), book);
        return new Line(workload, i.category().wire(), i.severity().name(), field,
                workload + ": " + text + " [" + i.severity() + "]", i.restorable(), i.fingerprint(w.ref()));
    }

    private static String by(DriftItem i) {
        return i.manager().isEmpty() ? "" : ", set by " + i.manager();
    }

    private String value(String v, LabelBook book) {
        if (v == null) {
            return "(absent)";
        }
        String r = pseudonymizer.redact(v.replace('\n', ' '), book);
        return r.length() <= MAX_VALUE_CHARS ? r : r.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }

    /** {@code container app image}, {@code replicas}, {@code label team}, with any personal value in a key labelled. */
    private String fieldWords(String path, LabelBook book) {
        String container = TrackedFields.containerOf(path);
        if (container != null) {
            String name = container.substring(container.indexOf('[') + 1, container.length() - 1);
            String rest = path.substring(container.length() + 1);
            String kind = container.contains("initContainers[") ? "init container " : "container ";
            if (rest.startsWith("env[")) {
                rest = "env " + rest.substring(4, rest.length() - 1);
            }
            return kind + name + " " + pseudonymizer.redact(rest, book);
        }
        for (String mapPath : TrackedFields.METADATA_MAPS) {
            if (path.startsWith(mapPath + ".")) {
                String what = (mapPath.startsWith("spec.template") ? "pod template " : "")
                        + (mapPath.endsWith("labels") ? "label " : "annotation ");
                return what + pseudonymizer.redact(path.substring(mapPath.length() + 1), book);
            }
        }
        return switch (path) {
            case TrackedFields.REPLICAS -> "replicas";
            case "spec.template.spec.securityContext" -> "pod securityContext";
            default -> path;
        };
    }
}
