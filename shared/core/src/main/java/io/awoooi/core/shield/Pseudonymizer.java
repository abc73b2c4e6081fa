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
 * values of the namespace/pod/service/deployment/statefulset/daemonset/persistentvolumeclaim/node
 * labels are labelled too, and so are their
 * occurrences in free text.
 *
 * <p>Label and annotation maps ({@link #redactLabels}): a key is scanned like a value, with the same
 * book, so {@code {"k_10.0.12.7": "10.0.12.7"}} becomes {@code {"k_[IP_1]": "[IP_1]"}} (the key's
 * values are numbered first: it comes first in the text). A value under a key that names a secret
 * ({@code password}, {@code api_token}, kube-state-metrics' {@code secret} ...) is labelled as a
 * whole, as the scanner finds it once key and value are written together again (the JSON event,
 * a prompt line {@code key=value}); the leak guard then passes what this class wrote. Two keys that
 * come out the same (only possible when a raw key already holds label text, such as {@code [IP_1]})
 * are both kept: the later one gets {@code #2}, {@code #3} ... so no value is overwritten.
 */
public final class Pseudonymizer {
    /** Alert label keys whose values name Kubernetes objects. */
    public static final Map<String, PiiType> KUBERNETES_LABEL_KEYS = Map.ofEntries(
            Map.entry("namespace", PiiType.NAMESPACE), Map.entry("exported_namespace", PiiType.NAMESPACE),
            Map.entry("pod", PiiType.POD), Map.entry("exported_pod", PiiType.POD),
            Map.entry("service", PiiType.SERVICE), Map.entry("exported_service", PiiType.SERVICE),
            Map.entry("deployment", PiiType.DEPLOYMENT),
            Map.entry("statefulset", PiiType.WORKLOAD), Map.entry("daemonset", PiiType.WORKLOAD),
            Map.entry("persistentvolumeclaim", PiiType.PVC),
            Map.entry("node", PiiType.NODE), Map.entry("kubernetes_node", PiiType.NODE));

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

    /** Redacts a label or annotation map: keys and values, in Alertmanager's order (see the class comment). */
    public Map<String, String> redactLabels(Map<String, String> labels, LabelBook book) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            String redactedKey = redactKey(key, book);
            PiiType kube = labelKubernetesNames ? KUBERNETES_LABEL_KEYS.get(key) : null;
            String redactedValue;
            if (kube != null && value != null && !value.isBlank()) {
                redactedValue = book.labelFor(kube, value).text();
            } else {
                boolean secret = scanner.namesSecret(key) || scanner.namesSecret(redactedKey);
                redactedValue = redact(value, secret, book);
            }
            out.put(distinctKey(out, redactedKey), redactedValue);
        });
        return out;
    }

    /**
     * A label or annotation key, scanned like a value. A key that is exactly one of the incident's
     * Kubernetes names is kept: keys are schema, a namespace called {@code app} must not rename the
     * {@code app} key that the analysis reads.
     */
    String redactKey(String key, LabelBook book) {
        if (key == null || key.isEmpty()) {
            return key;
        }
        String out = replace(key, scanner.scan(key), book);
        return book.rememberedValues().isEmpty() || book.rememberedValues().containsKey(key) ? out
                : replaceNames(out, book);
    }

    /** Free text (a generator URL, a notification): every finding becomes its label. */
    public String redact(String text, LabelBook book) {
        return redact(text, false, book);
    }

    private String redact(String text, boolean underSecretKey, LabelBook book) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(text, scanner.scanValue(text, underSecretKey), book);
        return book.rememberedValues().isEmpty() ? out : replaceNames(out, book);
    }

    /** The first free key among {@code key}, {@code key#2}, {@code key#3} ... */
    private static String distinctKey(Map<String, String> taken, String key) {
        if (!taken.containsKey(key)) {
            return key;
        }
        for (int k = 2;; k++) {
            String candidate = key + "#" + k;
            if (!taken.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    private static String replace(String text, List<Finding> findings, LabelBook book) {
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
        return out;
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
