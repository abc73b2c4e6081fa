package io.awoooi.core.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The approvers' own console tokens, one per approver, from one Secrets Manager secret whose value
 * is a JSON object of approver id (as in the approvers directory) to token:
 * {@code {"alice": "...", "bob": "..."}}. An approver who signs in to the web console with theirs
 * is that approver there: the console shows them the decision buttons of the requests they may
 * still sign. {@code {}} (the template's default) lets no approver sign in.
 *
 * <p>As with the agents' tokens ({@code io.awoooi.core.agent.AgentTokens}), a presented token is
 * compared with every approver's in constant time (both hashed), all of them whatever matched; tokens
 * shorter than {@value #MIN_TOKEN} characters or shared by two approvers are refused when the
 * secret is read, and no message ever repeats a token.
 */
public final class ApproverTokens {
    public static final int MIN_TOKEN = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The approvers directory's id rule ({@code io.awoooi.core.approval.Approver}). */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final Map<String, byte[]> hashes;

    private ApproverTokens(Map<String, byte[]> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /** Nobody may sign in as an approver. */
    public static ApproverTokens none() {
        return new ApproverTokens(Map.of());
    }

    /**
     * @throws IllegalArgumentException when the value is not a JSON object of approver id to token,
     *     names an id that is not one, holds a token that is too short or has blanks around it, or
     *     gives two approvers the same token (the message never repeats a token)
     */
    public static ApproverTokens parse(String secretValue) {
        Objects.requireNonNull(secretValue, "secretValue");
        String value = secretValue.strip();
        if (value.isEmpty()) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the approver token secret is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "the approver token secret must be a JSON object of approver id to token");
        }
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!ID.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("the approver token secret names an approver id that is not one"
                        + " (lowercase letters, digits, '.', '_' or '-')");
            }
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("the token of approver " + e.getKey() + " is not a string");
            }
            String token = e.getValue().asText();
            if (token.length() < MIN_TOKEN || !token.equals(token.strip())) {
                throw new IllegalArgumentException("the token of approver " + e.getKey() + " is shorter than "
                        + MIN_TOKEN + " characters or has surrounding blanks");
            }
            if (!seen.add(token)) {
                throw new IllegalArgumentException("two approvers share a token: each approver needs their own");
            }
            hashes.put(e.getKey(), Hashing.sha256(token.getBytes(StandardCharsets.UTF_8)));
        }
        return new ApproverTokens(hashes);
    }

    /** The approver whose token this is (constant time over all of them), if any. */
    public Optional<String> authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = Hashing.sha256(presented.strip().getBytes(StandardCharsets.UTF_8));
        String found = null;
        for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
            if (MessageDigest.isEqual(hash, e.getValue()) && found == null) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The SHA-256 of an approver's current token: what a session issued to them is bound to, so a
     * changed or removed token ends their sessions.
     */
    public Optional<byte[]> hashOf(String approverId) {
        return Optional.ofNullable(hashes.get(approverId)).map(byte[]::clone);
    }

    /** How many approvers may sign in. */
    public int size() {
        return hashes.size();
    }
}
