package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LinkSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(30));
    private static final String OLD = "old-link-secret-abcdefghijklmnop";
    private static final String CURRENT = "current-link-secret-0123456789";
    private static final String HASH = ApprovalRequest.hashOf(ApprovalFixture.deletePvc("data"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final MutableClock clock = new MutableClock(NOW);
    private final LinkSigner signer = new LinkSigner(SigningKeys.of(CURRENT, Optional.empty()), clock);

    private String token() {
        return signer.sign("apr_1", "alice", HASH, EXPIRES);
    }

    private static ObjectNode payloadOf(String token) throws Exception {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** The token with its payload replaced, the original mac kept. */
    private static String withPayload(String token, ObjectNode payload) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(payload.toString()) + "." + parts[2];
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A token over any payload, with a correct mac from this secret: what only a key holder can make. */
    private static String forged(String payloadJson, String secret) throws Exception {
        String signed = "v1." + b64(payloadJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static String kid(String secret) {
        return SigningKeys.Key.of(secret).id();
    }

    @Test
    void verify_freshToken_isValidWithEveryClaim() throws Exception {
        // GIVEN a token for alice on apr_1
        String token = token();

        // WHEN it is verified
        LinkVerdict verdict = signer.verify(token);

        // THEN the claims are the signed ones, the expiry to the second, with a nonce
        assertThat(token).startsWith("v1.").matches("v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(verdict).isInstanceOf(LinkVerdict.Valid.class);
        LinkClaims claims = ((LinkVerdict.Valid) verdict).claims();
        assertThat(claims.requestId()).isEqualTo("apr_1");
        assertThat(claims.approverId()).isEqualTo("alice");
        assertThat(claims.actionHash()).isEqualTo(HASH);
        assertThat(claims.expiresAt()).isEqualTo(EXPIRES);
        assertThat(claims.nonce()).matches("[0-9a-f]{32}");
        assertThat(payloadOf(token).get("kid").asText()).isEqualTo(kid(CURRENT));
    }

    @Test
    void sign_sameClaimsTwice_givesTwoDifferentLinks() {
        // GIVEN / WHEN two tokens for the same approver and request
        String first = token();
        String second = token();

        // THEN the nonce makes them differ, and both are valid
        assertThat(first).isNotEqualTo(second);
        assertThat(((LinkVerdict.Valid) signer.verify(first)).claims().nonce())
                .isNotEqualTo(((LinkVerdict.Valid) signer.verify(second)).claims().nonce());
    }

    @Test
    void verify_eachPayloadFieldChanged_isTampered() throws Exception {
        // GIVEN a genuine token and, for each field of its payload, a copy with that field changed
        String token = token();
        List<String> tampered = new ArrayList<>();
        tampered.add(withPayload(token, payloadOf(token).put("kid", kid(OLD))));
        tampered.add(withPayload(token, payloadOf(token).put("kid", "ffffffff")));
        tampered.add(withPayload(token, payloadOf(token).put("req", "apr_2")));
        tampered.add(withPayload(token, payloadOf(token).put("apr", "mallory")));
        tampered.add(withPayload(token, payloadOf(token).put("act", ApprovalRequest.hashOf(
                ApprovalFixture.deleteNamespace("shop")))));
        tampered.add(
                withPayload(token, payloadOf(token).put("exp", EXPIRES.plus(Duration.ofDays(365)).getEpochSecond())));
        tampered.add(withPayload(token, payloadOf(token).put("n", "00000000000000000000000000000000")));
        ObjectNode extra = payloadOf(token);
        extra.put("role", "cto");
        tampered.add(withPayload(token, extra));
        ObjectNode missing = payloadOf(token);
        missing.remove("n");
        tampered.add(withPayload(token, missing));

        // WHEN each is verified
        // THEN every one is refused as tampered, never valid nor merely expired
        for (String t : tampered) {
            assertThat(signer.verify(t)).as(t).isInstanceOf(LinkVerdict.Tampered.class);
        }
    }

    /** Pins a fixed bug: macs were compared after lenient base64 decoding, so 4 spellings of one mac passed. */
    @Test
    void verify_eachCharacterOfTheMacChanged_isTampered() {
        // GIVEN a genuine token
        String token = token();
        int macStart = token.lastIndexOf('.') + 1;

        // WHEN each character of its mac is replaced by every other base64url character
        // THEN none of them verifies (the last character included, whose low bits base64 does not carry)
        for (int i = macStart; i < token.length(); i++) {
            for (char c : B64_ALPHABET.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String t = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(signer.verify(t)).as("mac char %d -> %s", i - macStart, c)
                        .isInstanceOf(LinkVerdict.Tampered.class);
            }
        }
    }

    /** Pins the same bug: a padded mac ({@code =}) decoded to the same bytes and passed. */
    @Test
    void verify_macReencodedOrTruncated_isTampered() {
        // GIVEN a genuine token
        String token = token();
        String mac = token.substring(token.lastIndexOf('.') + 1);
        String head = token.substring(0, token.lastIndexOf('.') + 1);

        // WHEN its mac is padded, cut, doubled, emptied or written in the other base64 alphabet
        // THEN it is tampered
        assertThat(signer.verify(token + "=")).isInstanceOf(LinkVerdict.Tampered.class);
        assertThat(signer.verify(head + mac.substring(0, mac.length() - 1))).isInstanceOf(LinkVerdict.Tampered.class);
        assertThat(signer.verify(head + mac + mac)).isInstanceOf(LinkVerdict.Tampered.class);
        assertThat(signer.verify(head)).isInstanceOf(LinkVerdict.Tampered.class);
        assertThat(signer.verify(head + mac.replace('-', '+').replace('_', '/')))
                .isInstanceOf(mac.matches("[A-Za-z0-9]+") ? LinkVerdict.Valid.class : LinkVerdict.Tampered.class);
    }

    @Test
    void verify_versionChanged_isTampered() {
        // GIVEN a genuine token
        String token = token();
        String rest = token.substring(token.indexOf('.'));

        // WHEN its version is changed or dropped
        // THEN it is tampered
        for (String version : List.of("v2", "V1", "v0", "", "v1 ", "v11")) {
            assertThat(signer.verify(version + rest)).as(version).isInstanceOf(LinkVerdict.Tampered.class);
        }
        assertThat(signer.verify(rest.substring(1))).isInstanceOf(LinkVerdict.Tampered.class);
    }

    @Test
    void verify_atAndPastExpiry_isExpiredWithItsClaims() {
        // GIVEN a genuine token
        String token = token();

        // WHEN the clock reaches one second before its expiry, then the expiry, then later
        clock.set(EXPIRES.minusSeconds(1));
        LinkVerdict justBefore = signer.verify(token);
        clock.set(EXPIRES);
        LinkVerdict at = signer.verify(token);
        clock.set(EXPIRES.plus(Duration.ofDays(3)));
        LinkVerdict later = signer.verify(token);

        // THEN it is valid until its expiry and expired from then on, with the claims to say which request
        assertThat(justBefore).isInstanceOf(LinkVerdict.Valid.class);
        assertThat(at).isInstanceOf(LinkVerdict.Expired.class);
        assertThat(later).isInstanceOf(LinkVerdict.Expired.class);
        assertThat(((LinkVerdict.Expired) at).claims().requestId()).isEqualTo("apr_1");
    }

    @Test
    void verify_expiredAndTampered_isTampered() throws Exception {
        // GIVEN a token past its expiry whose approver was changed
        String token = withPayload(token(), payloadOf(token()).put("apr", "mallory"));
        clock.set(EXPIRES.plus(Duration.ofHours(1)));

        // WHEN / THEN the signature is checked before the expiry
        assertThat(signer.verify(token)).isInstanceOf(LinkVerdict.Tampered.class);
    }

    @Test
    void verify_afterRotation_previousKeyIsStillAccepted() {
        // GIVEN a link signed before a rotation
        LinkSigner before = new LinkSigner(SigningKeys.of(OLD, Optional.empty()), clock);
        String oldLink = before.sign("apr_1", "alice", HASH, EXPIRES);

        // WHEN the keys rotate (the old one becomes the previous one)
        LinkSigner after = new LinkSigner(SigningKeys.of(CURRENT, Optional.of(OLD)), clock);

        // THEN the old link still works, new links are signed with the new key, and the old signer
        // (which knows only the old key) does not accept them
        assertThat(after.verify(oldLink)).isInstanceOf(LinkVerdict.Valid.class);
        String newLink = after.sign("apr_1", "alice", HASH, EXPIRES);
        assertThat(after.verify(newLink)).isInstanceOf(LinkVerdict.Valid.class);
        assertThat(before.verify(newLink)).isInstanceOf(LinkVerdict.Tampered.class);
    }

    @Test
    void verify_keyRotatedOutOrNeverKnown_isRefused() {
        // GIVEN a link signed with OLD, and keys rotated twice since (third current, CURRENT previous)
        String oldLink = new LinkSigner(SigningKeys.of(OLD, Optional.empty()), clock).sign("apr_1", "alice", HASH,
                EXPIRES);
        LinkSigner twiceRotated = new LinkSigner(SigningKeys.of("third-link-secret-zyxwvutsrq",
                Optional.of(CURRENT)), clock);
        String strangers = new LinkSigner(SigningKeys.of("someone-elses-secret-000000", Optional.empty()), clock)
                .sign("apr_1", "alice", HASH, EXPIRES);

        // WHEN / THEN both are refused as tampered
        assertThat(twiceRotated.verify(oldLink)).isInstanceOf(LinkVerdict.Tampered.class);
        assertThat(signer.verify(strangers)).isInstanceOf(LinkVerdict.Tampered.class);
        assertThat(((LinkVerdict.Tampered) signer.verify(strangers)).reason()).contains("key");
    }

    @Test
    void verify_kidOfAnAcceptedKeyButMacOfAnother_isTampered() throws Exception {
        // GIVEN keys CURRENT + previous OLD, and a token naming CURRENT but signed with OLD
        LinkSigner rotated = new LinkSigner(SigningKeys.of(CURRENT, Optional.of(OLD)), clock);
        String payload = "{\"kid\":\"" + kid(CURRENT) + "\",\"req\":\"apr_1\",\"apr\":\"alice\",\"act\":\"" + HASH
                + "\",\"exp\":" + EXPIRES.getEpochSecond() + ",\"n\":\"abc\"}";

        // WHEN / THEN the kid picks the key the mac must match
        assertThat(rotated.verify(forged(payload, OLD))).isInstanceOf(LinkVerdict.Tampered.class);
        assertThat(rotated.verify(forged(payload, CURRENT))).isInstanceOf(LinkVerdict.Valid.class);
    }

    @Test
    void verify_correctlyMacedButIncompletePayload_isTamperedWithoutException() throws Exception {
        // GIVEN payloads a key holder could sign that still are not tokens of ours
        String k = kid(CURRENT);
        List<String> payloads = List.of(
                "{\"kid\":\"" + k + "\"}",
                "{\"kid\":\"" + k + "\",\"req\":\"apr_1\",\"apr\":\"alice\",\"act\":\"h\",\"n\":\"x\"}",
                "{\"kid\":\"" + k
                        + "\",\"req\":\"apr_1\",\"apr\":\"alice\",\"act\":\"h\",\"exp\":\"soon\",\"n\":\"x\"}",
                "{\"kid\":\"" + k + "\",\"req\":1,\"apr\":\"alice\",\"act\":\"h\",\"exp\":1,\"n\":\"x\"}",
                "{\"kid\":\"" + k + "\",\"req\":\"apr_1\",\"apr\":null,\"act\":\"h\",\"exp\":1,\"n\":\"x\"}",
                "{\"kid\":\"" + k + "\",\"req\":\"apr_1\",\"apr\":\"alice\",\"act\":\"h\",\"exp\":1e300,\"n\":\"x\"}");

        // WHEN / THEN each is tampered, and verifying never throws
        for (String p : payloads) {
            String t = forged(p, CURRENT);
            assertThatCode(() -> signer.verify(t)).as(p).doesNotThrowAnyException();
            assertThat(signer.verify(t)).as(p).isInstanceOf(LinkVerdict.Tampered.class);
        }
    }

    @Test
    void verify_garbage_isTamperedWithoutException() {
        // GIVEN things that are not tokens
        List<String> garbage = new ArrayList<>();
        garbage.add(null);
        garbage.addAll(List.of("", " ", ".", "..", "...", "v1", "v1.", "v1..", "v1...", "v1.a.b.c",
                "v1.!!!.???", "v1.%%.%%", "v1." + b64("null") + ".AAAA", "v1." + b64("[]") + ".AAAA",
                "v1." + b64("\"kid\"") + ".AAAA", "v1." + b64("{") + ".AAAA", "v1." + b64("{}") + ".AAAA",
                "v1.\u00e9\u00e9.\u00e9", "v1.\u0000.\u0000",
                "eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo"));
        garbage.add("v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe,
                0x00, (byte) 0x80}) + ".AAAA");
        garbage.add("v1." + b64("[".repeat(1500)) + ".AAAA");
        garbage.add("v1." + "A".repeat(2045));
        garbage.add("v1." + "A".repeat(5_000_000) + ".AAAA");

        // WHEN / THEN each is tampered, and verifying never throws
        for (String g : garbage) {
            String shown = g == null ? "null" : g.substring(0, Math.min(40, g.length()));
            assertThatCode(() -> signer.verify(g)).as(shown).doesNotThrowAnyException();
            assertThat(signer.verify(g)).as(shown).isInstanceOf(LinkVerdict.Tampered.class);
        }
    }

    @Test
    void verify_genuineTokenMadeTooLong_isTampered() {
        // GIVEN a genuine token padded past the size any of ours has
        String token = token() + ".".repeat(3000);

        // WHEN / THEN it is refused before any parsing
        assertThat(signer.verify(token)).isInstanceOf(LinkVerdict.Tampered.class);
    }

    @Test
    void signingKeys_shortSecret_isRefusedAndSecretsNeverShow() {
        // GIVEN / WHEN / THEN a secret shorter than 16 bytes cannot sign
        assertThatThrownBy(() -> SigningKeys.of("short", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        // and a key prints its id, never its secret
        SigningKeys keys = SigningKeys.of(CURRENT, Optional.of(OLD));
        assertThat(keys.toString()).doesNotContain(CURRENT).doesNotContain(OLD).contains(kid(CURRENT));
        assertThat(kid(CURRENT)).matches("[0-9a-f]{8}").isNotEqualTo(kid(OLD));
    }

    @Test
    void signingKeys_previousEqualToCurrent_isDropped() {
        // GIVEN / WHEN a "rotation" to the same secret
        SigningKeys keys = SigningKeys.of(CURRENT, Optional.of(CURRENT));

        // THEN there is one key
        assertThat(keys.previous()).isEmpty();
        assertThat(keys.byId(kid(CURRENT))).contains(keys.current());
        assertThat(keys.byId("ffffffff")).isEmpty();
    }

    @Test
    void withoutKey_signsNothingAndAcceptsNoToken() {
        // GIVEN the signer of a function that holds no link key (the executor) and a valid token
        LinkSigner keyless = LinkSigner.withoutKey(clock);
        String valid = token();

        // WHEN / THEN it cannot issue a link, and refuses even a token a keyed signer accepts
        assertThat(keyless.hasKey()).isFalse();
        assertThat(signer.hasKey()).isTrue();
        assertThatThrownBy(() -> keyless.sign("apr_1", "alice", HASH, EXPIRES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no link-signing key");
        assertThat(signer.verify(valid)).isInstanceOf(LinkVerdict.Valid.class);
        assertThat(keyless.verify(valid)).isInstanceOf(LinkVerdict.Tampered.class);
    }
}
