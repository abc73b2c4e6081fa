package io.awoooi.core.privacy;

/**
 * The kinds of personal data and secrets the Privacy Shield replaces with labels such as
 * {@code [IP_1]}. The text scanner ({@link PiiScanner}) finds every type except the Kubernetes
 * object names ({@link #KUBERNETES_NAMES}): those are labelled by the labelling layer from
 * alert label keys, when configured.
 */
public enum PiiType {
    /** IPv4 and IPv6 (compressed, with a zone id, IPv4-mapped); a port after it is not part of it. */
    IP,
    EMAIL,
    UUID,
    JWT,
    /** Six hex pairs joined by ':' or '-', or the Cisco form {@code 0011.2233.4455}. */
    MAC,
    /** 13-19 digits, optionally grouped by single spaces or dashes, Luhn-checked. */
    CARD,
    /** E.164: "+" then 8-15 digits, optionally grouped by single spaces or dashes. */
    PHONE,
    /** The userinfo {@code user:pass} of a URL such as {@code https://user:pass@host}. */
    CREDENTIALS,
    /** The token after {@code Bearer }. */
    BEARER,
    /** AWS access key id, AKIA/ASIA + 16. */
    AWS_KEY,
    /** 40-character AWS secret access key next to an AWS secret keyword. */
    AWS_SECRET,
    GITHUB_TOKEN,
    SLACK_TOKEN,
    STRIPE_KEY,
    GOOGLE_API_KEY,
    /** A whole PEM private key block, also with JSON-escaped newlines. */
    PRIVATE_KEY,
    /** The value of a key/value pair whose key names a password, secret, token or API key. */
    SECRET,
    POD,
    NAMESPACE,
    SERVICE,
    DEPLOYMENT,
    NODE,
    /** A StatefulSet or DaemonSet (or any workload named by the analysis that is no Deployment). */
    WORKLOAD,
    /** A PersistentVolumeClaim. */
    PVC;

    /** The Kubernetes object names: labelled only when configured, never found by the scanner. */
    public static final java.util.Set<PiiType> KUBERNETES_NAMES = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(POD, NAMESPACE, SERVICE, DEPLOYMENT, NODE, WORKLOAD, PVC));

    /** Whether this type stands for a Kubernetes object name. */
    public boolean isKubernetesName() {
        return KUBERNETES_NAMES.contains(this);
    }

    /** The prefix of this type's labels, e.g. {@code IP} in {@code [IP_1]}. */
    public String labelPrefix() {
        return name();
    }
}
