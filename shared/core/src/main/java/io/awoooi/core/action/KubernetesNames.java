package io.awoooi.core.action;

/** The Kubernetes API server's name rules (k8s.io/apimachinery validation), without regular expressions. */
final class KubernetesNames {
    static final int LABEL_MAX = 63;
    static final int SUBDOMAIN_MAX = 253;

    private KubernetesNames() {
    }

    /** RFC 1123 label: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
    static boolean isLabel(String s) {
        return s.length() <= LABEL_MAX && isLabelPart(s, 0, s.length());
    }

    /** RFC 1123 subdomain: labels joined by dots, at most 253 characters in all. */
    static boolean isSubdomain(String s) {
        if (s.isEmpty() || s.length() > SUBDOMAIN_MAX) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabelPart(s, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    private static boolean isLabelPart(String s, int from, int to) {
        if (to <= from || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }
}
