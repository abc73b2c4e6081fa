package io.awoooi.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * {@code /local/outbox} on the local API port (not a route of the template; never deployed):
 * <ul>
 *   <li>{@code POST} a notification as the functions' outbox channel sends it: 204, 400 when it is
 *       not one, 413 over 1 MiB;</li>
 *   <li>{@code GET}: 200 and the JSON array of {@code {channel, recipient, subject, text,
 *       links: [{label, url}], kind, incidentId, at}}, oldest first.</li>
 * </ul>
 */
final class OutboxHandler implements HttpHandler {

    static final String PATH = "/local/outbox";
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Outbox outbox;
    private final Consumer<String> status;
    private final Clock clock;

    OutboxHandler(Outbox outbox, Consumer<String> status) {
        this(outbox, status, Clock.systemUTC());
    }

    OutboxHandler(Outbox outbox, Consumer<String> status, Clock clock) {
        this.outbox = outbox;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                message(exchange, 404, "Not Found");
            } else if (method.equals("GET")) {
                HttpExchanges.sendJson(exchange, 200, Json.text(outbox.toJson()));
            } else if (method.equals("POST")) {
                capture(exchange);
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                message(exchange, 405, "Method Not Allowed");
            }
        }
    }

    private void capture(HttpExchange exchange) throws IOException {
        byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES);
        if (body == null) {
            message(exchange, 413, "Request Entity Too Large");
            return;
        }
        Outbox.Message captured;
        try {
            captured = Outbox.Message.fromJson(Json.parse(body), clock.instant());
        } catch (IllegalArgumentException e) {
            message(exchange, 400, e.getMessage());
            return;
        }
        outbox.add(captured);
        // ids only: subjects and texts stay in the outbox
        status.accept("outbox: " + captured.kind() + " about " + captured.incidentId() + " for " + captured.recipient()
                + " (GET " + PATH + ")");
        HttpExchanges.send(exchange, 204, null, new byte[0]);
    }

    private static void message(HttpExchange exchange, int status, String message) throws IOException {
        HttpExchanges.sendJson(exchange, status, Json.text(Json.object().put("message", message)));
    }
}
