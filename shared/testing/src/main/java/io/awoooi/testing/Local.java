package io.awoooi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** What every local server shares: the fake account, loopback ports and client settings. */
final class Local {

    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";
    static final String HOST = "127.0.0.1";
    static final Region SDK_REGION = Region.of(REGION);
    static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider
            .create(AwsBasicCredentials.create("local", "local"));

    private Local() {
    }

    /** A sync SDK client builder pointed at a local server: URL connection client, fake region and credentials. */
    static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?> & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B configure(
            B builder, java.net.URI endpoint) {
        return builder
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .region(SDK_REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint);
    }

    /** A port nobody listens on right now (the OS picks it; racy in theory, fine in practice). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    /** True when something accepts connections on the loopback port. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static URI endpoint(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }
}
