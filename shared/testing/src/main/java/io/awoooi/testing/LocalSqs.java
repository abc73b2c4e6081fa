package io.awoooi.testing;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A real SQS API server inside this JVM: embedded ElasticMQ on the loopback interface, in memory.
 * Queue URLs are http://127.0.0.1:PORT/000000000000/NAME and ARNs
 * arn:aws:sqs:us-east-1:000000000000:NAME, as {@link LocalResources} expects.
 */
public final class LocalSqs implements AutoCloseable {

    private final int port;
    private final ActorSystem actors;
    private final SQSRestServer server;
    private SqsClient client;
    private boolean closed;

    private LocalSqs(int port, ActorSystem actors, SQSRestServer server) {
        this.port = port;
        this.actors = actors;
        this.server = server;
    }

    /** A started server; port 0 picks a free port. */
    public static LocalSqs start(int port) {
        int actual = port == 0 ? Local.freePort() : port;
        // Daemon threads: ElasticMQ's own actor system would keep a JVM whose main() has returned
        // alive, so the shutdown hooks that stop the servers would never run.
        ActorSystem actors = ActorSystem.create("elasticmq",
                ConfigFactory.parseString("pekko.daemonic = on").withFallback(ConfigFactory.load()));
        SQSRestServer server = SQSRestServerBuilder
                .withActorSystem(actors)
                .withInterface(Local.HOST)
                .withPort(actual)
                // the address ElasticMQ writes into queue URLs; its default is localhost:9324
                .withServerAddress(new NodeAddress("http", Local.HOST, actual, ""))
                .withAWSRegion(Local.REGION)
                .withAWSAccountId(Local.ACCOUNT_ID)
                .start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            actors.terminate();
            throw new IllegalStateException("cannot start ElasticMQ on " + Local.HOST + ":" + actual, e);
        }
        return new LocalSqs(actual, actors, server);
    }

    public URI endpoint() {
        return Local.endpoint(port);
    }

    public int port() {
        return port;
    }

    /** A client for this server, closed by close(). */
    public synchronized SqsClient client() {
        if (closed) {
            throw new IllegalStateException("this LocalSqs is closed");
        }
        if (client == null) {
            client = Local.configure(SqsClient.builder(), endpoint()).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stopAndWait();
            actors.terminate();
            actors.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("ElasticMQ on port " + port + " did not stop", e);
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalSqs[" + endpoint() + "]";
    }
}
