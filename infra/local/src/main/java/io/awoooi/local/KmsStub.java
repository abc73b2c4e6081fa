package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.testing.LocalResources;
import io.awoooi.testing.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * KMS for the template's {@code AWS::KMS::Key} resources, on 127.0.0.1 and a free port (the
 * functions get it as AWS_ENDPOINT_URL_KMS): GenerateDataKey, GenerateDataKeyWithoutPlaintext,
 * Encrypt, Decrypt and DescribeKey over the JSON 1.1 protocol ({@code X-Amz-Target:
 * TrentService.<Op>}), as the AWS SDK v2 KmsClient calls them.
 *
 * <p>A key is named by its id (what {@code Ref} gives locally), its ARN ({@code GetAtt Arn}) or an
 * {@code alias/...} of an {@code AWS::KMS::Alias}. Its 32-byte master key is the base64 value of
 * the environment variable its {@code Metadata.AwoooiLocal.ValueFromEnv} names, when that is set,
 * else random per start (so blobs of an earlier start no longer decrypt).
 *
 * <p>Ciphertext blobs are self-describing: {@code 0x01 | key id length (1 byte) | key id (UTF-8) |
 * nonce (12 bytes) | AES-GCM(plaintext) with its 16-byte tag}; the AAD is the header (version and
 * key id) followed by the canonical encryption context (sorted by key, each key and value
 * length-prefixed), so a Decrypt with another context, or of a changed blob, is an
 * InvalidCiphertextException. Neither master keys nor plaintexts are ever logged or put in a
 * message.
 */
public final class KmsStub extends AwsJsonStub {

    static final String KEY_TYPE = "AWS::KMS::Key";
    static final String ALIAS_TYPE = "AWS::KMS::Alias";
    static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MASTER_KEY_BYTES = 32;
    private static final int MAX_PLAINTEXT_BYTES = 4096; // KMS's limit for Encrypt
    private static final int MAX_DATA_KEY_BYTES = 1024; // and for GenerateDataKey's NumberOfBytes
    private static final int MAX_CIPHERTEXT_BYTES = 6144; // and for Decrypt's CiphertextBlob
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A KMS error as KMS reports it: {@code type} is its {@code __type} (NotFoundException,
     * InvalidCiphertextException, ValidationException, ...). Messages never hold key material or
     * plaintexts.
     */
    public static final class KmsException extends Failure {
        private static final long serialVersionUID = 1L;

        KmsException(String type, String message) {
            super(type, message);
        }
    }

    /** One key of the template: logical id, key id, ARN, description and its master key. */
    record Key(String logicalId, String keyId, String arn, String description, SecretKey master, Instant created) {
        @Override
        public String toString() {
            return "Key[" + logicalId + " " + keyId + "]"; // never the material
        }
    }

    private final Map<String, Key> keysById; // key id -> key, in template order
    private final Map<String, Key> keys; // key id, key ARN, alias/NAME and alias ARN -> key
    /** {@code aliases}: alias name (alias/...) -> key id, ARN or another alias of one of {@code keys}. */
    KmsStub(Iterable<Key> keys, Map<String, String> aliases) throws IOException {
        super("the local KMS", "kms", "TrentService", "ValidationException");
        this.keysById = new LinkedHashMap<>();
        this.keys = new LinkedHashMap<>();
        for (Key key : keys) {
            keysById.put(key.keyId(), key);
            this.keys.put(key.keyId(), key);
            this.keys.put(key.arn(), key);
        }
        aliases.forEach((alias, target) -> {
            if (!alias.startsWith("alias/")) {
                throw new IllegalArgumentException("the KMS alias name " + alias + " does not start with alias/");
            }
            Key key = this.keys.get(target);
            if (key == null) {
                throw new IllegalArgumentException("the KMS alias " + alias + " targets " + target
                        + ", which is no AWS::KMS::Key of the template");
            }
            this.keys.put(alias, key);
            this.keys.put(arn(alias), key);
        });
    }

    /**
     * The template's keys (ids and ARNs as {@code resources} resolves Ref and GetAtt Arn) and
     * aliases; {@code environment} is where ValueFromEnv looks. IllegalStateException if a named
     * variable is set but is not 32 bytes in base64.
     */
    static KmsStub fromTemplate(SamTemplate template, LocalResources resources, Map<String, String> environment)
            throws IOException {
        Instant now = Instant.now();
        Map<String, String> fromEnv = valueFromEnv(template);
        List<Key> keys = new ArrayList<>();
        for (String id : template.logicalIdsOfType(KEY_TYPE)) {
            String variable = fromEnv.get(id);
            String value = variable == null ? null : environment.get(variable);
            byte[] material = value == null || value.isBlank() ? randomBytes(MASTER_KEY_BYTES)
                    : masterKey(id, variable, value);
            keys.add(new Key(id, resources.ref(id), resources.getAtt(id, "Arn"), description(template, id, resources),
                    new SecretKeySpec(material, "AES"), now));
            Arrays.fill(material, (byte) 0);
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String id : template.logicalIdsOfType(ALIAS_TYPE)) {
            Map<String, Object> properties = template.properties(id);
            if (properties.get("AliasName") == null || properties.get("TargetKeyId") == null) {
                throw new IllegalArgumentException("the KMS alias " + id + " needs AliasName and TargetKeyId");
            }
            aliases.put(template.evaluateToString(properties.get("AliasName"), resources),
                    template.evaluateToString(properties.get("TargetKeyId"), resources));
        }
        return new KmsStub(keys, aliases);
    }

    /** Logical id -> environment variable of the keys with Metadata.AwoooiLocal.ValueFromEnv. */
    static Map<String, String> valueFromEnv(SamTemplate template) {
        return SecretsManagerStub.valueFromEnv(template, KEY_TYPE);
    }

    /** 32 random bytes in base64: a value for a key's ValueFromEnv variable. */
    public static String newMasterKey() {
        return Base64.getEncoder().encodeToString(randomBytes(MASTER_KEY_BYTES));
    }

    private static byte[] masterKey(String id, String variable, String value) {
        byte[] material;
        try {
            String text = value.strip();
            material = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the KMS key " + id + " takes its master key from " + variable
                    + ", whose value is not base64 (it must be 32 bytes in base64, e.g. from openssl rand -base64 32)");
        }
        if (material.length != MASTER_KEY_BYTES) {
            int length = material.length;
            Arrays.fill(material, (byte) 0);
            throw new IllegalStateException("the KMS key " + id + " takes its master key from " + variable
                    + ", whose value is " + length + " bytes in base64, not 32 (e.g. openssl rand -base64 32)");
        }
        return material;
    }

    private static String description(SamTemplate template, String id, LocalResources resources) {
        Object description = template.properties(id).get("Description");
        if (description == null) {
            return "";
        }
        try {
            return template.evaluateToString(description, resources);
        } catch (IllegalArgumentException e) {
            return ""; // only DescribeKey shows it
        }
    }

    // ------------------------------------------------------------------ what tests and the runtime use

    /** http://127.0.0.1:PORT, the value of AWS_ENDPOINT_URL_KMS. */
    @Override
    public URI endpoint() {
        return super.endpoint();
    }

    @Override
    public int port() {
        return super.port();
    }

    /** The logical ids of the template's keys, in template order. */
    public List<String> keyLogicalIds() {
        return keysById.values().stream().map(Key::logicalId).toList();
    }

    /** The key id of a key of the template, by logical id (what Ref gives the functions). */
    public String keyId(String logicalId) {
        return byLogicalId(logicalId).keyId();
    }

    /** The ARN of a key of the template, by logical id (what GetAtt Arn gives the functions). */
    public String keyArn(String logicalId) {
        return byLogicalId(logicalId).arn();
    }

    /**
     * Decrypts a CiphertextBlob as KMS Decrypt does; {@code context} must be the encryption context
     * it was made with (empty or null for none). KmsException (InvalidCiphertextException,
     * NotFoundException) when it cannot.
     */
    public byte[] decrypt(byte[] blob, Map<String, String> context) {
        return open(blob, context == null ? Map.of() : context).plaintext();
    }

    /** Encrypts as KMS Encrypt does, under a key named by id, ARN or alias; KmsException when it cannot. */
    public byte[] encrypt(String keyId, byte[] plaintext, Map<String, String> context) {
        return seal(key(keyId), plaintext, context == null ? Map.of() : context);
    }

    @Override
    public String toString() {
        return "KmsStub[" + endpoint() + ", keys " + keyLogicalIds() + "]";
    }

    // ------------------------------------------------------------------ the blob

    private record Opened(Key key, byte[] plaintext) {
    }

    private static byte[] seal(Key key, byte[] plaintext, Map<String, String> context) {
        byte[] header = header(key.keyId());
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.master(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(header, context));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(header.length + nonce.length + sealed.length)
                    .put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    private Opened open(byte[] blob, Map<String, String> context) {
        if (blob == null || blob.length < 2 || blob[0] != VERSION) {
            throw invalidCiphertext();
        }
        int idLength = blob[1] & 0xff;
        int headerLength = 2 + idLength;
        if (blob.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
            throw invalidCiphertext();
        }
        String keyId = new String(blob, 2, idLength, StandardCharsets.UTF_8);
        Key key = keysById.get(keyId);
        if (key == null) {
            throw invalidCiphertext(); // a changed blob, or one of a key this template does not have
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.master(),
                    new GCMParameterSpec(TAG_BITS, blob, headerLength, NONCE_BYTES));
            cipher.updateAAD(aad(Arrays.copyOf(blob, headerLength), context));
            int start = headerLength + NONCE_BYTES;
            return new Opened(key, cipher.doFinal(blob, start, blob.length - start));
        } catch (AEADBadTagException e) {
            throw invalidCiphertext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    private static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 255) {
            throw new IllegalArgumentException("key id longer than 255 bytes");
        }
        byte[] header = new byte[2 + id.length];
        header[0] = VERSION;
        header[1] = (byte) id.length;
        System.arraycopy(id, 0, header, 2, id.length);
        return header;
    }

    /** The header, then the context sorted by key: count, then each key and value length-prefixed (UTF-8). */
    private static byte[] aad(byte[] header, Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        Map<String, String> sorted = new TreeMap<>(context);
        writeInt(out, sorted.size());
        sorted.forEach((k, v) -> {
            writeString(out, k);
            writeString(out, v);
        });
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }

    private static KmsException invalidCiphertext() {
        return new KmsException("InvalidCiphertextException",
                "The ciphertext is not valid for this key, or the encryption context does not match");
    }

    // ------------------------------------------------------------------ the API

    /** The ARN of the key a KMS call names (KeyId, or a Decrypt's blob), "*" when it names none known. */
    private String resourceOf(String operation, JsonNode request) {
        JsonNode keyId = request.get("KeyId");
        if (keyId != null && keyId.isTextual()) {
            try {
                return key(keyId.asText()).arn();
            } catch (KmsException e) {
                return keyId.asText().startsWith("arn:") ? keyId.asText() : arn("key/" + keyId.asText());
            }
        }
        if (operation.equals("Decrypt") && request.path("CiphertextBlob").isTextual()) {
            try {
                byte[] blob = Base64.getDecoder().decode(request.path("CiphertextBlob").asText());
                if (blob.length > 2 && blob[0] == VERSION && blob.length >= 2 + (blob[1] & 0xff)) {
                    Key key = keysById.get(new String(blob, 2, blob[1] & 0xff, StandardCharsets.UTF_8));
                    if (key != null) {
                        return key.arn();
                    }
                }
            } catch (IllegalArgumentException e) {
                // not base64: the operation says so
            }
        }
        return "*";
    }

    @Override
    ObjectNode call(String operation, JsonNode request, String authorization) {
        authorize(authorization, "kms:" + operation, resourceOf(operation, request));
        return switch (operation) {
            case "GenerateDataKey" -> generateDataKey(request, true);
            case "GenerateDataKeyWithoutPlaintext" -> generateDataKey(request, false);
            case "Encrypt" -> encrypt(request);
            case "Decrypt" -> decrypt(request);
            case "DescribeKey" -> describeKey(request);
            default -> throw new KmsException("UnknownOperationException", "the local KMS knows GenerateDataKey, "
                    + "GenerateDataKeyWithoutPlaintext, Encrypt, Decrypt and DescribeKey, not " + operation);
        };
    }

    private ObjectNode generateDataKey(JsonNode request, boolean withPlaintext) {
        Key key = key(requiredText(request, "KeyId"));
        Map<String, String> context = context(request);
        JsonNode spec = request.get("KeySpec");
        JsonNode count = request.get("NumberOfBytes");
        int bytes;
        if (spec != null && !spec.isNull() && count != null && !count.isNull()) {
            throw new KmsException("ValidationException", "Please specify either number of bytes or key spec.");
        } else if (spec != null && !spec.isNull()) {
            bytes = switch (spec.asText()) {
                case "AES_256" -> 32;
                case "AES_128" -> 16;
                default -> throw new KmsException("ValidationException", "1 validation error detected: Value '"
                        + spec.asText()
                        + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
            };
        } else if (count != null && !count.isNull()) {
            if (!count.canConvertToInt() || count.asInt() < 1 || count.asInt() > MAX_DATA_KEY_BYTES) {
                throw new KmsException("ValidationException", "1 validation error detected: Value at 'numberOfBytes' "
                        + "failed to satisfy constraint: Member must have value between 1 and " + MAX_DATA_KEY_BYTES);
            }
            bytes = count.asInt();
        } else {
            throw new KmsException("ValidationException", "Please specify either number of bytes or key spec.");
        }
        byte[] dataKey = randomBytes(bytes);
        try {
            ObjectNode response = Json.object();
            response.put("CiphertextBlob", base64(seal(key, dataKey, context)));
            if (withPlaintext) {
                response.put("Plaintext", base64(dataKey));
            }
            response.put("KeyId", key.arn());
            return response;
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private ObjectNode encrypt(JsonNode request) {
        Key key = key(requiredText(request, "KeyId"));
        byte[] plaintext = requiredBlob(request, "Plaintext");
        checkAlgorithm(request);
        Map<String, String> context = context(request);
        if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new KmsException("ValidationException", "1 validation error detected: Value at 'plaintext' failed "
                    + "to satisfy constraint: Member must have length between 1 and " + MAX_PLAINTEXT_BYTES);
        }
        try {
            ObjectNode response = Json.object();
            response.put("CiphertextBlob", base64(seal(key, plaintext, context)));
            response.put("KeyId", key.arn());
            response.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
            return response;
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private ObjectNode decrypt(JsonNode request) {
        byte[] blob = requiredBlob(request, "CiphertextBlob");
        checkAlgorithm(request);
        Map<String, String> context = context(request);
        if (blob.length < 1 || blob.length > MAX_CIPHERTEXT_BYTES) {
            throw new KmsException("ValidationException", "1 validation error detected: Value at 'ciphertextBlob' "
                    + "failed to satisfy constraint: Member must have length between 1 and " + MAX_CIPHERTEXT_BYTES);
        }
        Key named = request.hasNonNull("KeyId") ? key(request.get("KeyId").asText()) : null;
        Opened opened = open(blob, context);
        try {
            if (named != null && named != opened.key()) {
                throw new KmsException("IncorrectKeyException",
                        "The key ID in the request does not identify a KMS key that can perform this operation.");
            }
            ObjectNode response = Json.object();
            response.put("Plaintext", base64(opened.plaintext()));
            response.put("KeyId", opened.key().arn());
            response.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
            return response;
        } finally {
            Arrays.fill(opened.plaintext(), (byte) 0);
        }
    }

    private ObjectNode describeKey(JsonNode request) {
        Key key = key(requiredText(request, "KeyId"));
        ObjectNode response = Json.object();
        ObjectNode metadata = response.putObject("KeyMetadata");
        metadata.put("AWSAccountId", LocalStack.ACCOUNT_ID);
        metadata.put("KeyId", key.keyId());
        metadata.put("Arn", key.arn());
        metadata.put("CreationDate", key.created().getEpochSecond());
        metadata.put("Enabled", true);
        metadata.put("Description", key.description());
        metadata.put("KeyUsage", "ENCRYPT_DECRYPT");
        metadata.put("KeyState", "Enabled");
        metadata.put("Origin", "AWS_KMS");
        metadata.put("KeyManager", "CUSTOMER");
        metadata.put("CustomerMasterKeySpec", SYMMETRIC_DEFAULT);
        metadata.put("KeySpec", SYMMETRIC_DEFAULT);
        metadata.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
        metadata.put("MultiRegion", false);
        return response;
    }

    // ------------------------------------------------------------------ request fields

    /** The key a KeyId names (id, ARN, alias/NAME or alias ARN); NotFoundException if none. */
    private Key key(String keyId) {
        Key key = keys.get(keyId);
        if (key == null) {
            String shown = keyId.startsWith("arn:") || keyId.startsWith("alias/") ? keyId : arnOfKeyId(keyId);
            throw new KmsException("NotFoundException", (keyId.contains("alias/") ? "Alias " : "Key ")
                    + "'" + shown + "' does not exist");
        }
        return key;
    }

    private Key byLogicalId(String logicalId) {
        return keysById.values().stream().filter(k -> k.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no AWS::KMS::Key " + logicalId + " in the template; there are "
                                + keyLogicalIds()));
    }

    private static String requiredText(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull() || !value.isTextual() || value.asText().isEmpty()) {
            throw new KmsException("ValidationException", "1 validation error detected: Value null at '"
                    + lowerFirst(field) + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static byte[] requiredBlob(JsonNode request, String field) {
        String text = requiredText(request, field);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new KmsException("SerializationException", field + " is not base64");
        }
    }

    private static void checkAlgorithm(JsonNode request) {
        JsonNode algorithm = request.get("EncryptionAlgorithm");
        if (algorithm != null && !algorithm.isNull() && !SYMMETRIC_DEFAULT.equals(algorithm.asText())) {
            throw new KmsException("InvalidKeyUsageException", "The local KMS keys are symmetric: "
                    + "EncryptionAlgorithm must be SYMMETRIC_DEFAULT");
        }
    }

    /** The EncryptionContext (string to string), empty when absent. */
    private static Map<String, String> context(JsonNode request) {
        JsonNode context = request.get("EncryptionContext");
        if (context == null || context.isNull()) {
            return Map.of();
        }
        if (!context.isObject()) {
            throw new KmsException("SerializationException", "EncryptionContext is not a JSON object");
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = context.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new KmsException("SerializationException", "EncryptionContext values must be strings");
            }
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    private static String lowerFirst(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }

    private static String arnOfKeyId(String keyId) {
        return arn("key/" + keyId);
    }

    private static String arn(String resource) {
        return "arn:aws:kms:" + LocalStack.REGION + ":" + LocalStack.ACCOUNT_ID + ":" + resource;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
