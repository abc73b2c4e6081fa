package io.awoooi.notify;

import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.notify.NotificationFailedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Email through SES v2 {@code SendEmail} (a Simple message: SES builds the MIME), from a verified
 * sender to the approver's address, with a plain text and an HTML part (everything HTML-escaped,
 * the links as buttons). The SES client is built at the first delivery, not at the function's init.
 * SES is called through {@link AwsJsonApi} (its REST JSON API), not the SDK's 3 MB SES module.
 * A failure names the HTTP status and SES's error code only: SES's messages can quote addresses.
 */
public final class EmailChannel implements NotificationChannel {
    public static final String NAME = "email";
    private static final String CHARSET = StandardCharsets.UTF_8.name();

    private final String from;
    private final Supplier<AwsJsonApi> ses;
    private volatile AwsJsonApi client;

    /**
     * @param from the sender, an SES verified identity ({@code AWOOOI <awoooi@example.com>} works too)
     * @param ses how to get the client; called once, at the first delivery
     */
    public EmailChannel(String from, Supplier<AwsJsonApi> ses) {
        this.from = Objects.requireNonNull(from, "from");
        this.ses = Objects.requireNonNull(ses, "ses");
    }

    /**
     * With the client of {@link #sesClient(Optional, Optional)}: credentials and endpoint from the
     * SDK's environment, the region given or else the SDK's ({@code AWS_REGION}).
     */
    public static EmailChannel withDefaultClient(String from, Optional<Region> region) {
        return new EmailChannel(from, () -> sesClient(Optional.empty(), region));
    }

    /**
     * SES v2 as the functions reach it: 3 s to connect, 10 s to answer, two attempts.
     * {@code AWS_ENDPOINT_URL_SESV2} reaches it by itself; the override is for tests.
     */
    public static AwsJsonApi sesClient(Optional<URI> endpointOverride, Optional<Region> region) {
        return AwsJsonApi.of(AwsJsonApi.Service.SES_V2, endpointOverride, region, Duration.ofSeconds(3),
                Duration.ofSeconds(10)).withAttempts(2);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The approver's email address (one address, no header tricks). */
    @Override
    public Optional<String> addressOf(Approver approver) {
        return approver.handle(NAME).filter(EmailChannel::plausibleAddress);
    }

    private static boolean plausibleAddress(String address) {
        int at = address.indexOf('@');
        return at > 0 && at == address.lastIndexOf('@') && at < address.length() - 1
                && address.chars()
                        .noneMatch(c -> c == ',' || c == ';' || c == '<' || c == '>' || Character.isWhitespace(c)
                                || Character.isISOControl(c));
    }

    @Override
    public void deliver(String address, Notification notification) {
        if (!plausibleAddress(address)) {
            throw new NotificationFailedException(NAME + ": the address is not an email address");
        }
        Map<String, Object> request = request(from, address, notification);
        try {
            client().rest(SdkHttpMethod.POST, "/v2/email/outbound-emails", request);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new NotificationFailedException(NAME + ": HTTP " + e.statusCode()
                    + (code == null || !code.matches("[A-Za-z0-9.]{1,64}") ? "" : " (" + code + ")"));
        } catch (SdkClientException e) {
            throw new NotificationFailedException(NAME + (e.getCause() instanceof java.net.SocketTimeoutException
                    ? ": timed out" : ": connection failed"));
        } catch (SdkException e) {
            throw new NotificationFailedException(NAME + ": failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private AwsJsonApi client() {
        AwsJsonApi c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    try {
                        c = ses.get();
                    } catch (RuntimeException e) {
                        throw new NotificationFailedException(
                                NAME + ": no SES client (" + e.getClass().getSimpleName() + ")");
                    }
                    client = c;
                }
            }
        }
        return c;
    }

    /** The SendEmail request: a Simple message with a text and an HTML part. */
    static Map<String, Object> request(String from, String to, Notification n) {
        return Map.of(
                "FromEmailAddress", from,
                "Destination", Map.of("ToAddresses", List.of(to)),
                "Content", Map.of("Simple", Map.of(
                        "Subject", Map.of("Data", oneLine(n.subject()), "Charset", CHARSET),
                        "Body", Map.of(
                                "Text", Map.of("Data", text(n), "Charset", CHARSET),
                                "Html", Map.of("Data", html(n), "Charset", CHARSET)))));
    }

    /** A subject is one header line. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    static String text(Notification n) {
        StringBuilder out = new StringBuilder(n.text());
        if (!n.links().isEmpty()) {
            out.append("\n\n");
            for (Link link : n.links()) {
                out.append(link.label()).append(": ").append(link.url()).append('\n');
            }
        }
        out.append("\n-- \nAWOOOI, incident ").append(n.incidentId()).append('\n');
        return out.toString();
    }

    static String html(Notification n) {
        if (n.card().isPresent()) {
            return cardHtml(n, n.card().get());
        }
        StringBuilder out = new StringBuilder(1024);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(n.subject()))
                .append("</title></head>\n")
                .append("<body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328\">\n")
                .append("<h2 style=\"font-size:18px\">").append(escape(n.subject())).append("</h2>\n");
        for (String paragraph : n.text().split("\\n\\s*\\n")) {
            out.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
        }
        if (!n.links().isEmpty()) {
            out.append("<p>");
            for (Link link : n.links()) {
                out.append("<a href=\"").append(escape(link.url())).append("\" style=\"display:inline-block;")
                        .append("margin:0 8px 8px 0;padding:10px 18px;border-radius:6px;background:#0969da;")
                        .append("color:#ffffff;text-decoration:none;font-weight:600\">")
                        .append(escape(link.label())).append("</a>\n");
            }
            out.append("</p>\n");
        }
        out.append("<p style=\"color:#656d76;font-size:12px\">AWOOOI, incident ").append(escape(n.incidentId()))
                .append("</p>\n</body></html>\n");
        return out.toString();
    }

    /**
     * The card as HTML mail (inline styles only: mail clients drop style sheets): the title under a
     * bar in the card's colour, the facts as a two-column table, a warning section in an amber box,
     * the other sections under their titles, the buttons in their colours (go ahead green, stop red),
     * the references and the footer. Every text and URL is escaped.
     */
    static String cardHtml(Notification n, Card card) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(n.subject())).append("</title></head>\n")
                .append("<body style=\"margin:0;padding:16px;font-family:-apple-system,Segoe UI,Helvetica,Arial,")
                .append("sans-serif;color:#1f2328;line-height:1.45\">\n")
                .append("<div style=\"max-width:640px;border-top:6px solid ").append(card.tone().hex())
                .append(";padding-top:8px\">\n")
                .append("<h2 style=\"font-size:20px;margin:8px 0;overflow-wrap:anywhere\">")
                .append(escape(card.title()))
                .append("</h2>\n");
        if (!card.facts().isEmpty()) {
            out.append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:8px 0\">\n");
            for (Card.Fact f : card.facts()) {
                out.append("<tr><td style=\"padding:2px 12px 2px 0;color:#656d76;vertical-align:top\">")
                        .append(escape(f.label())).append("</td><td style=\"padding:2px 0;font-weight:600\">")
                        .append(escape(f.value())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        for (Card.Section section : card.sections()) {
            if (section.warning()) {
                out.append("<div style=\"background:#fff4e5;border-left:4px solid #b36b00;padding:8px 12px;")
                        .append("margin:12px 0\"><strong>&#9888; ").append(escape(section.title()))
                        .append("</strong>\n<ul style=\"margin:4px 0 0 0;padding-left:20px\">\n");
            } else {
                out.append("<h3 style=\"font-size:16px;margin:16px 0 4px\">").append(escape(section.title()))
                        .append("</h3>\n<ul style=\"margin:0;padding-left:20px\">\n");
            }
            for (String line : section.lines()) {
                out.append("<li style=\"overflow-wrap:anywhere\">").append(escape(line)).append("</li>\n");
            }
            out.append(section.warning() ? "</ul></div>\n" : "</ul>\n");
        }
        if (!card.buttons().isEmpty()) {
            out.append("<p style=\"margin:20px 0\">");
            for (Card.Button b : card.buttons()) {
                String colour = switch (b.style()) {
                    case PRIMARY -> "#2e7d32";
                    case DANGER -> "#b00020";
                    case PLAIN -> "#0969da";
                };
                out.append("<a href=\"").append(escape(b.url())).append("\" style=\"display:inline-block;")
                        .append("margin:0 8px 8px 0;padding:10px 18px;border-radius:6px;background:").append(colour)
                        .append(";color:#ffffff;text-decoration:none;font-weight:600\">").append(escape(b.label()))
                        .append("</a>\n");
            }
            out.append("</p>\n");
        }
        if (!card.references().isEmpty()) {
            out.append("<p>");
            for (Link r : card.references()) {
                out.append("<a href=\"").append(escape(r.url())).append("\" style=\"margin-right:12px\">")
                        .append(escape(r.label())).append("</a>");
            }
            out.append("</p>\n");
        }
        out.append("<p style=\"color:#656d76;font-size:12px\">").append(escape(card.footer().isEmpty()
                ? "AWOOOI, incident " + n.incidentId() : "AWOOOI · " + card.footer())).append("</p>\n</div>\n")
                .append("</body></html>\n");
        return out.toString();
    }

    /** HTML-escapes text and attribute values alike. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
