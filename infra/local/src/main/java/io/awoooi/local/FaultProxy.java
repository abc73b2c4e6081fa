package io.awoooi.local;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 proxy in front of one local server, where a stress run injects faults: the
 * functions reach SQS and the Kubernetes API through one each when the stack is started with
 * {@code LocalStack.Builder.faultProxies(true)}. It reads each request's head and body (to apply the
 * fault per request and to let a {@link Tap} see what goes by) and pipes the answers back untouched.
 *
 * <ul>
 *   <li>{@link Mode#PASS}: forwarded;
 *   <li>{@link Mode#DOWN}: every connection is reset at once (what a stopped server looks like to a
 *       client that had a connection: a connection error);
 *   <li>{@link Mode#HANG}: the request is read and never answered; the connection is closed when the
 *       mode changes (or after 10 minutes), so a client's own timeout is what it meets;
 *   <li>{@link Mode#ERROR_500}: answered {@code 500} with a JSON body, connection closed.
 * </ul>
 * Changing the mode closes the connections that are open, so a kept-alive connection meets the new
 * mode at its next request. Listens on 127.0.0.1 only; connections run on virtual threads.
 */
final class FaultProxy implements AutoCloseable {

    /** What the proxy does with a request. */
    enum Mode {
        PASS,
        DOWN,
        HANG,
        ERROR_500
    }

    /** Sees every request forwarded in PASS mode (never one refused by a fault). */
    @FunctionalInterface
    interface Tap {
        /**
         * @param headers lower-case names
         * @param body the request body, at most {@link #TAP_LIMIT} bytes of it
         */
        void request(String method, String target, Map<String, String> headers, byte[] body);
    }

    static final int TAP_LIMIT = 4 * 1024 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    private static final long MAX_HANG_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final String name;
    private final int upstreamPort;
    private final Tap tap;
    private final ServerSocket server;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Object modeLock = new Object();
    private volatile Mode mode = Mode.PASS;
    /** When set, the mode applies only to requests whose body contains it; the others pass. */
    private volatile String onlyIfBodyContains;
    private volatile boolean closed;

    private FaultProxy(String name, int upstreamPort, Tap tap) throws IOException {
        this.name = name;
        this.upstreamPort = upstreamPort;
        this.tap = tap;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Threads.startDaemon("fault-proxy-" + name, this::acceptLoop);
    }

    /** A proxy on a free loopback port in front of 127.0.0.1:{@code upstreamPort}. */
    static FaultProxy start(String name, int upstreamPort, Tap tap) throws IOException {
        return new FaultProxy(name, upstreamPort, tap == null ? (m, t, h, b) -> {
        } : tap);
    }

    String name() {
        return name;
    }

    int port() {
        return server.getLocalPort();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    Mode mode() {
        return mode;
    }

    /** Requests forwarded so far. */
    long forwarded() {
        return requests.get();
    }

    /** Requests and connections a fault refused so far (reset, left hanging or answered 500). */
    long refused() {
        return refused.get();
    }

    /** Switches the mode; the connections open now are closed, so each meets the new mode from its next request. */
    void mode(Mode next) {
        mode(next, null);
    }

    /**
     * Switches the mode for the requests whose body contains {@code bodyContains} only (null: all
     * requests); e.g. SendMessage to one queue, named in the body. DOWN then resets only such requests.
     */
    void mode(Mode next, String bodyContains) {
        synchronized (modeLock) {
            onlyIfBodyContains = bodyContains;
            mode = next;
        }
        for (Connection c : open) {
            c.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(Connection::close);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (mode == Mode.DOWN) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            Connection connection = new Connection(client);
            open.add(connection);
            Thread.ofVirtual().name("fault-proxy-" + name + "-conn").start(connection::run);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST, as a dead server's port gives
        } catch (SocketException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // gone
        }
    }

    /** One client connection and, once a request passes, its connection to the server. */
    private final class Connection {
        private final Socket client;
        private volatile Socket upstream;
        private volatile boolean done;

        Connection(Socket client) {
            this.client = client;
        }

        void run() {
            try (client) {
                InputStream in = new BufferedInputStream(client.getInputStream());
                while (!done && !closed) {
                    byte[] head = readHead(in);
                    if (head == null) {
                        return; // the client closed the connection
                    }
                    Request request = Request.parse(head);
                    byte[] body = request.chunked() ? readChunked(in) : readBody(in, request.contentLength());
                    Mode now = mode;
                    String only = onlyIfBodyContains;
                    if (now != Mode.PASS && (only == null || new String(body, StandardCharsets.UTF_8).contains(only))) {
                        refused.incrementAndGet();
                        fault(now);
                        return;
                    }
                    forward(head, request, body);
                    requests.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                // a broken connection ends here; the client sees it closed
            } finally {
                close();
                open.remove(this);
            }
        }

        private void fault(Mode now) throws IOException {
            switch (now) {
                case DOWN -> reset(client);
                case ERROR_500 -> {
                    byte[] body = "{\"message\":\"fault injected by the stress harness\",\"__type\":\"InternalFailure\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    OutputStream out = client.getOutputStream();
                    out.write(
                            ("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
                case HANG -> {
                    long until = System.currentTimeMillis() + MAX_HANG_MILLIS;
                    // polls (a volatile read every 100 ms): a virtual thread that sleeps holds no carrier thread
                    while (mode == Mode.HANG && !closed && !done && System.currentTimeMillis() < until) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
                case PASS -> throw new IllegalStateException("not a fault");
            }
        }

        /** Sends the request to the server (chunked bodies as one length); its answers go back by the pump. */
        private void forward(byte[] head, Request request, byte[] body) throws IOException {
            if (upstream == null) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                socket.setTcpNoDelay(true);
                upstream = socket;
                Thread.ofVirtual().name("fault-proxy-" + name + "-pump").start(() -> pump(socket));
            }
            OutputStream out = upstream.getOutputStream();
            out.write(request.chunked() ? unchunked(head, body.length) : head);
            out.write(body);
            out.flush();
            tap.request(request.method(), request.target(), request.headers(),
                    body.length <= TAP_LIMIT ? body : java.util.Arrays.copyOf(body, TAP_LIMIT));
        }

        private void pump(Socket socket) {
            try {
                socket.getInputStream().transferTo(client.getOutputStream());
            } catch (IOException e) {
                // either side closed
            } finally {
                close();
            }
        }

        void close() {
            done = true;
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
            Socket socket = upstream;
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /** The request line and headers of one request; the body is read by length or chunks. */
    private record Request(String method, String target, Map<String, String> headers) {
        static Request parse(byte[] head) {
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length < 3) {
                throw new IllegalArgumentException("not an HTTP request line");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return new Request(requestLine[0], requestLine[1], headers);
        }

        boolean chunked() {
            return headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        }

        long contentLength() {
            String value = headers.get("content-length");
            return value == null ? 0 : Long.parseLong(value.trim());
        }
    }

    /** Bytes up to and including the blank line after the headers; null at the end of the stream before any. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the connection closed inside a request head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head over " + MAX_HEAD + " bytes");
            }
            last4 = (last4 << 8) | b;
        }
        return head.toByteArray();
    }

    private static final int MAX_BODY = 32 * 1024 * 1024;

    private static byte[] readBody(InputStream in, long length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("request body over " + MAX_BODY + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("the connection closed inside a request body");
        }
        return body;
    }

    /** The data of a chunked body (sizes, extensions and trailers read and dropped). */
    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers, up to the blank line
                }
                return data.toByteArray();
            }
            if (data.size() + size > MAX_BODY) {
                throw new IOException("request body over " + MAX_BODY + " bytes");
            }
            data.write(readBody(in, size));
            readLine(in); // the CRLF after the chunk
        }
    }

    /** The head of a chunked request rewritten for a body of {@code length} bytes sent in one piece. */
    private static byte[] unchunked(byte[] head, int length) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\r\n")) {
            if (line.isEmpty() || line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        out.append("Content-Length: ").append(length).append("\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) b);
            if (line.length() > 8192) {
                throw new IOException("chunk line too long");
            }
        }
        throw new IOException("the connection closed inside a chunked body");
    }
}
