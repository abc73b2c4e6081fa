package io.awoooi.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod's name, and what it says about the workload that owns it. Controllers name their pods
 * predictably: a Deployment's pod is {@code <deployment>-<pod-template hash>-<5 random>}
 * ({@code order-api-7d9f8c6b5-x2kqp}), a StatefulSet's {@code <statefulset>-<ordinal>}
 * ({@code postgres-db-0}), a DaemonSet's or Job's {@code <name>-<5 random>}. These are guesses
 * from the name alone: callers check them against the topology or a dry-run.
 */
public record PodName(String value) {
    public PodName {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The names the pod's owner may have, longest first: the pod name itself; without a trailing
     * ordinal or 5-character random suffix; without a pod-template hash (6 to 10 alphanumerics)
     * and suffix. Longest first, so a DaemonSet {@code log-shipper} is not mistaken for a
     * Deployment {@code log} with hash {@code shipper}.
     */
    public List<String> ownerCandidates() {
        List<String> names = new ArrayList<>(3);
        names.add(value);
        int last = value.lastIndexOf('-');
        if (last <= 0) {
            return names;
        }
        String suffix = value.substring(last + 1);
        String rest = value.substring(0, last);
        boolean ordinal = isOrdinal(suffix);
        boolean random = isRandomSuffix(suffix);
        if (ordinal || random) {
            names.add(rest);
        }
        int hashStart = rest.lastIndexOf('-');
        if (random && hashStart > 0 && isTemplateHash(rest.substring(hashStart + 1))) {
            names.add(rest.substring(0, hashStart));
        }
        return names;
    }

    /**
     * The kind of workload named {@code owner} that would name a pod like this: a StatefulSet for
     * {@code owner-<ordinal>}, a Deployment for {@code owner-<hash>-<suffix>}; empty otherwise
     * (a DaemonSet and a Job name their pods alike, and an all-digit hash is a CronJob's job).
     */
    public Optional<WorkloadKind> kindIfOwnedBy(String owner) {
        if (!value.startsWith(owner + "-")) {
            return Optional.empty();
        }
        String rest = value.substring(owner.length() + 1);
        if (isOrdinal(rest)) {
            return Optional.of(WorkloadKind.STATEFULSET);
        }
        int dash = rest.indexOf('-');
        if (dash > 0 && dash == rest.lastIndexOf('-')) {
            String hash = rest.substring(0, dash);
            if (isTemplateHash(hash) && !isOrdinal(hash) && isRandomSuffix(rest.substring(dash + 1))) {
                return Optional.of(WorkloadKind.DEPLOYMENT);
            }
        }
        return Optional.empty();
    }

    /**
     * The owner and its kind when the name alone shows them: {@code postgres-db-0} is the
     * StatefulSet {@code postgres-db}, {@code order-api-7d9f8c6b5-x2kqp} the Deployment
     * {@code order-api}; empty for any other shape.
     */
    public Optional<Owner> owner() {
        for (String candidate : ownerCandidates()) {
            if (candidate.length() < value.length()) {
                Optional<WorkloadKind> kind = kindIfOwnedBy(candidate);
                if (kind.isPresent()) {
                    return Optional.of(new Owner(candidate, kind.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** A workload by name and kind (in the pod's namespace). */
    public record Owner(String name, WorkloadKind kind) {
    }

    private static boolean isOrdinal(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isRandomSuffix(String s) {
        return s.length() == 5 && isAlphanumeric(s);
    }

    private static boolean isTemplateHash(String s) {
        return s.length() >= 6 && s.length() <= 10 && isAlphanumeric(s);
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
