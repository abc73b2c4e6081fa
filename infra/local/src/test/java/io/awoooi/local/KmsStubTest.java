package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.testing.LocalResources;
import io.awoooi.testing.Provisioner;
import io.awoooi.testing.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyWithoutPlaintextResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** The local KMS, called with the real AWS SDK v2 KmsClient as the functions call it. */
class KmsStubTest {

    private static final String MASTER_KEY_VARIABLE = "TEST_KMS_MASTER_KEY";
    private static final Map<String, String> CONTEXT = Map.of("tenant", "t-1", "purpose", "vault");

    private final SamTemplate template = SamTemplate
            .load(TestFunctions.testClasses().resolve("templates/kms-template.yaml"));
    // no tables or queues in this template: provisioning only names the resources
    private final LocalResources resources = Provisioner.provision(template, null, null);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void generateDataKey_aes256ThenDecrypt_samePlaintextUnderTheKeyArn() throws IOException {
        // GIVEN the stub and an SDK client pointed at it
        KmsStub stub = stub(Map.of());
        KmsClient kms = client(stub);

        // WHEN a 256-bit data key is generated under the key's id (what Ref gives) with a context, then decrypted
        GenerateDataKeyResponse generated = kms.generateDataKey(r -> r.keyId(resources.ref("VaultKey"))
                .keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(generated.ciphertextBlob())
                .encryptionContext(Map.of("purpose", "vault", "tenant", "t-1")));

        // THEN the same 32 bytes come back, with the key's ARN (what GetAtt Arn gives), and in-process too
        assertThat(generated.plaintext().asByteArray()).hasSize(32);
        assertThat(generated.keyId()).isEqualTo(resources.getAtt("VaultKey", "Arn"))
                .startsWith("arn:aws:kms:us-east-1:000000000000:key/");
        assertThat(decrypted.plaintext().asByteArray()).isEqualTo(generated.plaintext().asByteArray());
        assertThat(decrypted.keyId()).isEqualTo(resources.getAtt("VaultKey", "Arn"));
        assertThat(decrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(stub.decrypt(generated.ciphertextBlob().asByteArray(), CONTEXT))
                .isEqualTo(generated.plaintext().asByteArray());
    }

    @Test
    void generateDataKeyWithoutPlaintext_numberOfBytes_blobDecryptsToThatMany() throws IOException {
        // GIVEN / WHEN a 16-byte data key without its plaintext, named by the key's ARN
        KmsStub stub = stub(Map.of());
        KmsClient kms = client(stub);
        GenerateDataKeyWithoutPlaintextResponse generated = kms.generateDataKeyWithoutPlaintext(r -> r
                .keyId(stub.keyArn("VaultKey")).numberOfBytes(16));

        // THEN the blob decrypts (no context) to 16 bytes
        assertThat(generated.keyId()).isEqualTo(stub.keyArn("VaultKey"));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(generated.ciphertextBlob())).plaintext().asByteArray())
                .hasSize(16);
    }

    @Test
    void decrypt_otherOrMissingEncryptionContext_invalidCiphertext() throws IOException {
        // GIVEN a data key made with a context
        KmsStub stub = stub(Map.of());
        KmsClient kms = client(stub);
        SdkBytes blob = kms.generateDataKey(r -> r.keyId("alias/test-vault").keySpec(DataKeySpec.AES_256)
                .encryptionContext(CONTEXT)).ciphertextBlob();

        // WHEN it is decrypted with another context, or none / THEN InvalidCiphertextException, as KMS says it
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob)
                .encryptionContext(Map.of("tenant", "t-2", "purpose", "vault"))))
                .isInstanceOf(InvalidCiphertextException.class)
                .satisfies(e -> assertThat(((KmsException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob)))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> stub.decrypt(blob.asByteArray(), Map.of("tenant", "t-1")))
                .isInstanceOf(KmsStub.KmsException.class)
                .satisfies(e -> assertThat(((KmsStub.KmsException) e).type()).isEqualTo("InvalidCiphertextException"));
    }

    @Test
    void decrypt_tamperedBlob_invalidCiphertext() throws IOException {
        // GIVEN a valid blob
        KmsStub stub = stub(Map.of());
        KmsClient kms = client(stub);
        byte[] blob = kms.encrypt(r -> r.keyId(stub.keyId("VaultKey"))
                .plaintext(SdkBytes.fromUtf8String("secret"))).ciphertextBlob().asByteArray();

        // WHEN one bit of its ciphertext, of its key id, or of its version is flipped, or it is cut short
        byte[] lastBit = blob.clone();
        lastBit[lastBit.length - 1] ^= 1;
        byte[] keyIdBit = blob.clone();
        keyIdBit[5] ^= 1;
        byte[] version = blob.clone();
        version[0] = 2;
        byte[] cut = java.util.Arrays.copyOf(blob, 20);

        // THEN each is an InvalidCiphertextException
        for (byte[] tampered : List.of(lastBit, keyIdBit, version, cut)) {
            assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(tampered))))
                    .isInstanceOf(InvalidCiphertextException.class);
        }
    }

    @Test
    void anyOperation_unknownKey_notFound() throws IOException {
        // GIVEN the stub / WHEN keys the template does not have are named / THEN NotFoundException
        KmsStub stub = stub(Map.of());
        KmsClient kms = client(stub);
        SdkBytes blob = kms.encrypt(r -> r.keyId(stub.keyId("VaultKey")).plaintext(SdkBytes.fromUtf8String("x")))
                .ciphertextBlob();

        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")
                .keySpec(DataKeySpec.AES_256)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId("alias/nope").plaintext(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("VaultKey"))) // a logical id is no key id
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId("alias/nope")))
                .isInstanceOf(NotFoundException.class);
        // a known key that is not the blob's: IncorrectKeyException, as KMS
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(stub.keyArn("OtherKey"))))
                .isInstanceOf(IncorrectKeyException.class);
    }

    @Test
    void masterKeyFromEnv_secondStubWithSameVariable_decryptsTheFirstStubsBlobs() throws IOException {
        // GIVEN two stubs (two starts) with the same TEST_KMS_MASTER_KEY
        Map<String, String> environment = Map.of(MASTER_KEY_VARIABLE, KmsStub.newMasterKey());
        KmsStub first = stub(environment);
        KmsStub second = stub(environment);
        GenerateDataKeyResponse vault = client(first).generateDataKey(r -> r.keyId("alias/test-vault")
                .keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
        SdkBytes other = client(first).encrypt(r -> r.keyId(first.keyId("OtherKey"))
                .plaintext(SdkBytes.fromUtf8String("random per start"))).ciphertextBlob();

        // WHEN the second decrypts the first's blobs
        DecryptResponse decrypted = client(second).decrypt(r -> r.ciphertextBlob(vault.ciphertextBlob())
                .encryptionContext(CONTEXT));

        // THEN the env key's blob opens; the key without ValueFromEnv had a random master key per start
        assertThat(decrypted.plaintext().asByteArray()).isEqualTo(vault.plaintext().asByteArray());
        assertThatThrownBy(() -> client(second).decrypt(r -> r.ciphertextBlob(other)))
                .isInstanceOf(InvalidCiphertextException.class);
        // and without the variable, a start has a random master key too
        assertThatThrownBy(() -> stub(Map.of()).decrypt(vault.ciphertextBlob().asByteArray(), CONTEXT))
                .isInstanceOf(KmsStub.KmsException.class);
    }

    @Test
    void masterKeyFromEnv_notThirtyTwoBytesOfBase64_startFailsWithoutShowingTheValue() {
        // GIVEN values that are no 32-byte base64 / WHEN a stub starts / THEN it names the variable, never the value
        for (String bad : List.of("c2hvcnQ=", "not base64 at all!")) {
            assertThatThrownBy(() -> stub(Map.of(MASTER_KEY_VARIABLE, bad)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("VaultKey").hasMessageContaining(MASTER_KEY_VARIABLE)
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void encrypt_thenDecrypt_roundTripByAliasArnAndId() throws IOException {
        // GIVEN the stub
        KmsStub stub = stub(Map.of());
        KmsClient kms = client(stub);
        byte[] plaintext = "a vault value: host-17.internal".getBytes(StandardCharsets.UTF_8);

        // WHEN a plaintext is encrypted by alias ARN with a context and decrypted naming the key by id
        EncryptResponse encrypted = kms.encrypt(r -> r.keyId("arn:aws:kms:us-east-1:000000000000:alias/test-vault")
                .plaintext(SdkBytes.fromByteArray(plaintext)).encryptionContext(CONTEXT));
        DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())
                .keyId(stub.keyId("VaultKey")).encryptionContext(CONTEXT));

        // THEN the plaintext comes back; an in-process encrypt decrypts through the SDK too
        assertThat(encrypted.keyId()).isEqualTo(stub.keyArn("VaultKey"));
        assertThat(new String(encrypted.ciphertextBlob().asByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(plaintext, StandardCharsets.ISO_8859_1));
        assertThat(decrypted.plaintext().asByteArray()).isEqualTo(plaintext);
        byte[] local = stub.encrypt("alias/test-vault", plaintext, Map.of());
        assertThat(kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(local))).plaintext().asByteArray())
                .isEqualTo(plaintext);
    }

    @Test
    void describeKey_byAlias_symmetricEnabledKeyOfTheTemplate() throws IOException {
        // GIVEN / WHEN the key is described by its alias
        KmsStub stub = stub(Map.of());
        KeyMetadata metadata = client(stub).describeKey(r -> r.keyId("alias/test-vault")).keyMetadata();

        // THEN its id and ARN are those Ref and GetAtt Arn give, and it is an enabled symmetric key
        assertThat(metadata.keyId()).isEqualTo(resources.ref("VaultKey"));
        assertThat(metadata.arn()).isEqualTo(resources.getAtt("VaultKey", "Arn"));
        assertThat(metadata.enabled()).isTrue();
        assertThat(metadata.keySpecAsString()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(metadata.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(metadata.description()).isEqualTo("Encrypts the data keys of the test vault");
        assertThat(metadata.creationDate()).isNotNull();
    }

    @Test
    void generateDataKey_neitherOrBothSizes_validationException() throws IOException {
        // GIVEN the stub / WHEN a data key has no size, two sizes or too many bytes / THEN ValidationException
        KmsStub stub = stub(Map.of());
        KmsClient kms = client(stub);
        String key = stub.keyId("VaultKey");
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(key)))
                .isInstanceOf(KmsException.class)
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(key).keySpec(DataKeySpec.AES_256).numberOfBytes(32)))
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(key).numberOfBytes(1025)))
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    private KmsStub stub(Map<String, String> environment) throws IOException {
        KmsStub stub = KmsStub.fromTemplate(template, resources, environment);
        opened.add(stub);
        return stub;
    }

    private KmsClient client(KmsStub stub) {
        KmsClient client = KmsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(stub.endpoint())
                .build();
        opened.add(client);
        return client;
    }
}
