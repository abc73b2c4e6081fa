package io.awoooi.core.approval;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues the signed approval links: {@code <base>/v1/approvals/<id>?t=<token>}. Only the functions
 * that issue or verify links hold one with the key; the others get {@link #none}, whose signer has no
 * key (signing throws, every token is refused), so the component that acts cannot forge an approval.
 *
 * @param publicBaseUrl where links point; empty where none is issued (the approval function verifies
 *     links and builds none; the executor neither issues nor verifies them)
 */
public record LinkIssuer(LinkSigner signer, Optional<URI> publicBaseUrl) {
    public LinkIssuer {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    }

    /** The issuer of a function without the link key. */
    public static LinkIssuer none(Clock clock) {
        return new LinkIssuer(LinkSigner.withoutKey(clock), Optional.empty());
    }

    /** The same key, with links pointing at {@code baseUrl} (the MCP bridge: the host a request came to). */
    public LinkIssuer at(URI baseUrl) {
        return new LinkIssuer(signer, Optional.of(baseUrl));
    }

    /** Whether links can be signed here. */
    public boolean hasKey() {
        return signer.hasKey();
    }

    /**
     * The approval page of a request for one approver.
     *
     * @throws IllegalStateException where no links are issued (no base URL or no key)
     */
    public String linkFor(ApprovalRequest request, String approverId) {
        URI baseUrl = publicBaseUrl.orElseThrow(() -> new IllegalStateException(
                "this function issues no approval links (no public base URL)"));
        return linkFor(request, approverId, baseUrl.toString());
    }

    /**
     * A fresh link of this approver to the request's page under {@code baseUrl} (the base the first
     * link pointed to, kept with its message): what an edit of that message shows while the request
     * still waits for them. The earlier link keeps working; the approver still signs once.
     *
     * @throws IllegalStateException without the link key
     */
    public String linkFor(ApprovalRequest request, String approverId, String baseUrl) {
        String token = signer.sign(request.id(), approverId, request.actionHash(), request.expiresAt());
        String base = baseUrl.replaceAll("/+$", "");
        return base + "/v1/approvals/" + request.id() + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
