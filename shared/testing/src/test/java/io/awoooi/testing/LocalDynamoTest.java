package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalDynamoTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(RepoRoot.template());
    private static final Map<String, AttributeValue> KEY = Map.of(
            "PK", AttributeValue.fromS("INCIDENT#1"), "SK", AttributeValue.fromS("META"));

    @Test
    void stopThenStart_withDataDir_keepsItemWrittenBeforeTheStop(@TempDir Path dataDir) {
        try (LocalDynamo dynamo = LocalDynamo.start(0, dataDir);
                LocalSqs sqs = LocalSqs.start(0)) {
            // GIVEN an on-disk server with the template's tables and an item in the state table
            String table = Provisioner.provision(TEMPLATE, dynamo.client(), sqs.client()).tableName("StateTable");
            DynamoDbClient client = dynamo.client();
            client.putItem(r -> r.tableName(table).item(Map.of(
                    "PK", KEY.get("PK"), "SK", KEY.get("SK"), "status", AttributeValue.fromS("OPEN"))));
            int port = dynamo.port();
            long pid = dynamo.pid();

            // WHEN it is stopped
            dynamo.stop();

            // THEN it is gone and calls fail
            assertThat(dynamo.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid)).isEmpty();
            assertThatThrownBy(() -> client.getItem(r -> r.tableName(table).key(KEY)))
                    .isInstanceOf(SdkClientException.class);

            // AND WHEN it is started again
            dynamo.start();

            // THEN it is a new process on the same port, and the item is still there
            assertThat(dynamo.isRunning()).isTrue();
            assertThat(dynamo.port()).isEqualTo(port);
            assertThat(dynamo.pid()).isNotEqualTo(pid);
            assertThat(client.getItem(r -> r.tableName(table).key(KEY).consistentRead(true)).item())
                    .containsEntry("status", AttributeValue.fromS("OPEN"));
        }
    }

    @Test
    void close_runningServer_leavesNoProcessAndIsIdempotent() {
        // GIVEN a running in-memory server
        LocalDynamo dynamo = LocalDynamo.startInMemory();
        long pid = dynamo.pid();
        assertThat(dynamo.endpoint().toString()).isEqualTo("http://127.0.0.1:" + dynamo.port());
        assertThat(dynamo.client().listTables().tableNames()).isEmpty();

        // WHEN it is closed twice
        dynamo.close();
        dynamo.close();

        // THEN the node process is gone, and the instance refuses to start again
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(dynamo.isRunning()).isFalse();
        assertThatThrownBy(dynamo::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(dynamo::pid).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
    }

    @Test
    void start_portAlreadyInUse_failsNamingThePort() throws IOException {
        // GIVEN a port something else listens on
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // WHEN / THEN starting dynalite there fails clearly
            assertThatThrownBy(() -> LocalDynamo.start(busy.getLocalPort(), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(busy.getLocalPort()))
                    .hasMessageContaining("in use");
        }
    }
}
