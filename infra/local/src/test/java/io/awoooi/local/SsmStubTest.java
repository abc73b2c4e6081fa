package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.aws.SsmApproverDirectory;
import io.awoooi.core.approval.Approver;
import io.awoooi.testing.LocalAws;
import io.awoooi.testing.LocalResources;
import io.awoooi.testing.Provisioner;
import io.awoooi.testing.RepoRoot;
import io.awoooi.testing.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The local SSM, called with the real AWS SDK v2 SsmClient as the functions call it. */
class SsmStubTest {

    private final SamTemplate template = SamTemplate
            .load(TestFunctions.testClasses().resolve("templates/ssm-template.yaml"));
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
    void getParameter_valueFromFile_servesTheFileUnderTheNameRefGives() throws IOException {
        // GIVEN the stub and a client pointed at it
        SsmClient ssm = client(stub(template, resources));
        String expected = Files.readString(RepoRoot.find().resolve("infra/local/demo/approvers.json"));

        // WHEN the parameter is read by the name Ref gives (the logical id, no Name set) and by its ARN
        GetParameterResponse byName = ssm.getParameter(r -> r.name(resources.ref("FromFile")).withDecryption(true));
        GetParameterResponse byArn = ssm.getParameter(r -> r.name(resources.parameterArn("FromFile")));

        // THEN the file's content, with the parameter's name, type and ARN
        assertThat(resources.ref("FromFile")).isEqualTo("FromFile");
        assertThat(byName.parameter().value()).isEqualTo(expected);
        assertThat(byName.parameter().name()).isEqualTo("FromFile");
        assertThat(byName.parameter().type()).isEqualTo(ParameterType.STRING);
        assertThat(byName.parameter().version()).isEqualTo(1L);
        assertThat(byName.parameter().arn()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/FromFile");
        assertThat(byArn.parameter().value()).isEqualTo(expected);
    }

    @Test
    void getParameter_namedWithComputedValue_servesTheEvaluatedProperties() throws IOException {
        // GIVEN / WHEN a parameter with a !Sub Name (hierarchical) and a !Sub Value
        SsmClient ssm = client(stub(template, resources));
        GetParameterResponse response = ssm.getParameter(r -> r.name("/awoooi-local/named"));

        // THEN
        assertThat(resources.ref("Named")).isEqualTo("/awoooi-local/named");
        assertThat(response.parameter().value()).isEqualTo("a,us-east-1");
        assertThat(response.parameter().type()).isEqualTo(ParameterType.STRING_LIST);
        assertThat(response.parameter().arn())
                .isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/awoooi-local/named");
    }

    @Test
    void getParameter_unknownName_isParameterNotFound() throws IOException {
        SsmClient ssm = client(stub(template, resources));
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/nope")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void otherOperation_isRefusedByName() throws IOException {
        SsmClient ssm = client(stub(template, resources));
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("FromFile").value("x").overwrite(true)))
                .isInstanceOf(SsmException.class)
                .satisfies(e -> assertThat(((SsmException) e).awsErrorDetails().errorCode())
                        .isEqualTo("UnknownOperationException"));
    }

    @Test
    void fromTemplate_valueFileMissing_failsNamingTheFile(@TempDir Path dir) throws IOException {
        // GIVEN a template whose parameter names a file that does not exist
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Broken:
                    Type: AWS::SSM::Parameter
                    Metadata: {AwoooiLocal: {ValueFromFile: infra/local/demo/no-such-file.json}}
                    Properties: {Type: String, Value: unused}
                """, StandardCharsets.UTF_8);
        SamTemplate broken = SamTemplate.load(file);

        // WHEN / THEN the start fails, saying which file
        assertThatThrownBy(() -> SsmStub.fromTemplate(broken, Provisioner.provision(broken, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-file.json");
    }

    @Test
    void realTemplate_approversParameterOfTheApprovalFunction_readsAsTheDemoDirectory() throws IOException {
        // GIVEN the real template's resources and the approval function's APPROVERS_PARAMETER
        // (!Ref ApproversParameterName: a parameter the operator creates, served locally from
        // Metadata.AwoooiLocal.SsmParameters)
        SamTemplate real = LocalAws.shared().template();
        LocalResources realResources = LocalAws.shared().resources();
        // (only this variable is evaluated, as FunctionSpec evaluates each: the test is about its Ref)
        Object variables = ((Map<?, ?>) real.functionProperties("ApprovalFunction").get("Environment"))
                .get("Variables");
        String parameterName = real.evaluateToString(((Map<?, ?>) variables).get("APPROVERS_PARAMETER"),
                realResources);

        // WHEN the function's adapter reads the parameter it names from the stub
        SsmStub stub = stub(real, realResources);
        var directory = SsmApproverDirectory.load(
                io.awoooi.aws.api.AwsJsonApi.of(io.awoooi.aws.api.AwsJsonApi.Service.SSM,
                        stub.endpoint(), Region.US_EAST_1,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))),
                parameterName);
        SsmClient ssm = client(stub);

        // THEN it is the demo directory, also under its ARN (what the functions' IAM statement names)
        assertThat(parameterName).isEqualTo("/awoooi/approvers"); // the parameter's Default
        assertThat(directory.all()).extracting(Approver::id).containsExactly("alice", "bob", "carol", "dave");
        assertThat(ssm.getParameter(r -> r.name("arn:aws:ssm:us-east-1:000000000000:parameter/awoooi/approvers"))
                .parameter().value()).contains("alice");
    }

    private SsmStub stub(SamTemplate t, LocalResources r) throws IOException {
        SsmStub stub = SsmStub.fromTemplate(t, r);
        opened.add(stub);
        return stub;
    }

    private SsmClient client(SsmStub stub) {
        SsmClient client = SsmClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(stub.endpoint())
                .build();
        opened.add(client);
        return client;
    }
}
