package io.awoooi.core.approval;

/** What checking an approval link's token concluded. */
public sealed interface LinkVerdict {
    /** Signed by a key we accept, not expired: the claims may be trusted. */
    record Valid(LinkClaims claims) implements LinkVerdict {
    }

    /** Malformed, signed by an unknown key, or its signature does not match: answer 403. */
    record Tampered(String reason) implements LinkVerdict {
    }

    /** Genuine but past its expiry: answer 410. */
    record Expired(LinkClaims claims) implements LinkVerdict {
    }
}
