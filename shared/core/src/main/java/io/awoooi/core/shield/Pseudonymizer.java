package io.awoooi.core.shield;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.privacy.PiiType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces personal and secret values with the incident's labels. Kubernetes object names are
 * infrastructure identifiers and are kept, unless {@code labelKubernetesNames} is set: then the
 * values of the namespace/pod/service/deployment/node labels are labelled too, and so are their
 * occurrences in free text.
 */
public final class Pseudonymizer {
    /** Alert label keys whose values name Kubernetes objects. */
    public static final Map<String, PiiType> KUBERNETES_LABEL_KEYS = Map.of(
            "namespace", PiiType.NAMESPACE, "exported_namespace", PiiType.NAMESPACE,
            "pod", PiiType.POD, "exported_pod", PiiType.POD,
            "service", PiiType.SERVICE, "exported_service", PiiType.SERVICE,
            "deployment", PiiType.DEPLOYMENT,
            "node", PiiType.NODE, "kubernetes_node", PiiType.NODE);

    private final PiiScanner scanner;
    private final boolean labelKubernetesNames;

    public Pseudonymizer(PiiScanner scanner, boolean labelKubernetesNames) {
        this.scanner = scanner;
        this.labelKubernetesNames = labelKubernetesNames;
    }

    /** Registers the Kubernetes names in these labels (when configured) before any text is redacted. */
    public void learnNames(Map<String, String> labels, LabelBook book) {
        if (!labelKubernetesNames) {
            return;
        }
        labels.forEach((key, value) -> {
            PiiType type = KUBERNETES_LABEL_KEYS.get(key);
            if (type != null && !value.isBlank()) {
                book.remember(value, type);
            }
        });
    }

    public Map<String, String> redactLabels(Map<String, String> labels, LabelBook book) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            PiiType kube = labelKubernetesNames ? KUBERNETES_LABEL_KEYS.get(key) : null;
            out.put(key, kube != null && !value.isBlank() ? book.labelFor(kube, value).text() : redact(value, book));
        });
        return out;
    }

    public String redact(String text, LabelBook book) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Finding> findings = scanner.scan(text);
        String out = text;
        if (!findings.isEmpty()) {
            StringBuilder sb = new StringBuilder(text.length());
            int at = 0;
            for (Finding f : findings) {
                sb.append(text, at, f.start());
                sb.append(book.labelFor(f.type(), f.valueIn(text)).text());
                at = f.end();
            }
            sb.append(text, at, text.length());
            out = sb.toString();
        }
        return book.rememberedValues().isEmpty() ? out : replaceNames(out, book);
    }

    private static String replaceNames(String text, LabelBook book) {
        String out = text;
        for (var name : book.rememberedValues().entrySet()) {
            out = replaceWhole(out, name.getKey(), book.labelFor(name.getValue(), name.getKey()).text());
        }
        return out;
    }

    /** Replaces occurrences not embedded in a longer DNS-style name. */
    private static String replaceWhole(String text, String name, String label) {
        int from = 0;
        StringBuilder sb = null;
        int copied = 0;
        while ((from = text.indexOf(name, from)) >= 0) {
            int end = from + name.length();
            if (!isNameChar(text, from - 1) && !isNameChar(text, end)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length());
                }
                sb.append(text, copied, from).append(label);
                copied = end;
            }
            from = end;
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, text.length()).toString();
    }

    private static boolean isNameChar(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }
}
