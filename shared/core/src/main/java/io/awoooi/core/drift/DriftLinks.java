package io.awoooi.core.drift;

import io.awoooi.core.Hashing;
import io.awoooi.core.approval.LinkSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * The Accept and Rollback links of a drift notification (issue #15), signed by the approval links'
 * {@link LinkSigner}: the token's request is the decision id (one per report and workload), its
 * approver the person it was sent to, and its action hash binds the choice, the report, the
 * workload and the resourceVersion the report saw, so a link cannot be turned into the other
 * choice, moved to another workload or replayed on a later state. {@code <base>/v1/drift/decisions/<id>?t=<token>}.
 */
public final class DriftLinks {
    public static final String PATH = "/v1/drift/decisions/";

    private DriftLinks() {
    }

    private static final java.util.regex.Pattern DECISION = java.util.regex.Pattern
            .compile("(drf_[0-9]{12}_[0-9a-f]{10})\\.w[0-9a-f]{16}");

    /**
     * {@code <report id>.w<16 hex of the workload>}: one decision per report and workload, whoever
     * makes it; the report it belongs to can be read off it.
     */
    public static String decisionId(String reportId, String workloadKey) {
        return reportId + ".w" + Hashing.sha256Hex("drift-decision/" + reportId + "/" + workloadKey).substring(0, 16);
    }

    /** The report of a decision id; empty when it is not one. */
    public static java.util.Optional<String> reportOf(String decisionId) {
        if (decisionId == null) {
            return java.util.Optional.empty();
        }
        var m = DECISION.matcher(decisionId);
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** What the token signs for this choice. */
    public static String actionHash(DriftChoice choice, String reportId, WorkloadDrift drift) {
        return Hashing.sha256Hex("drift/" + choice.wire() + "/" + reportId + "/" + drift.ref().key() + "/" + drift.uid()
                + "/" + drift.resourceVersion());
    }

    /** The choice a token's action hash stands for, if it is one of this workload's in this report. */
    public static java.util.Optional<DriftChoice> choiceOf(String actionHash, String reportId, WorkloadDrift drift) {
        for (DriftChoice c : DriftChoice.values()) {
            if (actionHash(c, reportId, drift).equals(actionHash)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    public static String link(LinkSigner signer, String baseUrl, DriftChoice choice, String reportId,
            WorkloadDrift drift,
            String approverId, Instant expiresAt) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String id = decisionId(reportId, drift.ref().key());
        String token = signer.sign(id, approverId, actionHash(choice, reportId, drift), expiresAt);
        return baseUrl.replaceAll("/+$", "") + PATH + id + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
