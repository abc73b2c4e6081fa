package io.awoooi.notify;

import io.awoooi.aws.SecretValue;
import io.awoooi.core.notify.NotificationChannel;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * The channels a function notifies through, from its environment (an unset variable: no such
 * channel):
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>variable</th><th>channel</th></tr>
 *   <tr><td>{@value #SLACK_BOT_TOKEN} or {@value #SLACK_BOT_TOKEN_SECRET_ARN} (and optionally
 *       {@value #SLACK_CHANNEL}, {@value #SLACK_API_URL})</td><td>slack (Web API: messages edited in place)</td></tr>
 *   <tr><td>{@value #SLACK_WEBHOOK_URL} or {@value #SLACK_WEBHOOK_SECRET_ARN}</td><td>slack (incoming webhook),
 *       when no bot token is set</td></tr>
 *   <tr><td>{@value #DISCORD_WEBHOOK_URL} or {@value #DISCORD_WEBHOOK_SECRET_ARN}</td><td>discord (webhook)</td></tr>
 *   <tr><td>{@value #SES_FROM_ADDRESS} (and optionally {@value #SES_REGION})</td><td>email (SES v2)</td></tr>
 *   <tr><td>{@value #TELEGRAM_BOT_TOKEN} or {@value #TELEGRAM_BOT_TOKEN_SECRET_ARN}
 *       (and optionally {@value #TELEGRAM_API_URL})</td><td>telegram (Bot API)</td></tr>
 *   <tr><td>{@value #NOTIFY_WEBHOOK_URL}</td><td>webhook (generic JSON)</td></tr>
 *   <tr><td>{@value #LOCAL_OUTBOX_URL}</td><td>outbox (set by the local runtime only)</td></tr>
 * </table>
 * A direct value wins over its secret; a secret is read at the first delivery and cached for a few
 * minutes ({@link SecretValue}). In that order: slack, discord, email, telegram, webhook, outbox.
 */
public final class NotificationChannels {
    public static final String SLACK_WEBHOOK_URL = "SLACK_WEBHOOK_URL";
    public static final String SLACK_WEBHOOK_SECRET_ARN = "SLACK_WEBHOOK_SECRET_ARN";
    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SLACK_BOT_TOKEN_SECRET_ARN = "SLACK_BOT_TOKEN_SECRET_ARN";
    public static final String SLACK_CHANNEL = "SLACK_CHANNEL";
    public static final String SLACK_API_URL = "SLACK_API_URL";
    public static final String DISCORD_WEBHOOK_URL = "DISCORD_WEBHOOK_URL";
    public static final String DISCORD_WEBHOOK_SECRET_ARN = "DISCORD_WEBHOOK_SECRET_ARN";
    public static final String TELEGRAM_BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
    public static final String TELEGRAM_BOT_TOKEN_SECRET_ARN = "TELEGRAM_BOT_TOKEN_SECRET_ARN";
    public static final String TELEGRAM_API_URL = "TELEGRAM_API_URL";
    public static final String SES_FROM_ADDRESS = "SES_FROM_ADDRESS";
    public static final String SES_REGION = "SES_REGION";
    public static final String NOTIFY_WEBHOOK_URL = "NOTIFY_WEBHOOK_URL";
    public static final String LOCAL_OUTBOX_URL = "AWOOOI_LOCAL_OUTBOX_URL";

    private NotificationChannels() {
    }

    /**
     * From a function's configuration, by the environment variables' names (the functions pass a
     * MicroProfile Config lookup), secrets through Secrets Manager ({@link SecretValue#directOrSecret}).
     */
    public static List<NotificationChannel> fromSettings(Function<String, String> settings) {
        return fromSettings(settings,
                arn -> SecretValue.directOrSecret(Optional.empty(), Optional.of(arn), "a secret ARN"));
    }

    /** Secrets through Secrets Manager ({@link SecretValue#directOrSecret}). */
    public static List<NotificationChannel> fromEnvironment(Map<String, String> env) {
        return fromSettings(env::get);
    }

    public static List<NotificationChannel> fromEnvironment(Map<String, String> env,
            Function<String, Supplier<String>> secretById) {
        return fromSettings(env::get, secretById);
    }

    /**
     * @param env the settings; null or blank means unset
     * @param secretById how a secret ARN becomes its value (read at delivery time)
     * @throws IllegalArgumentException when a direct URL is not an http(s) URL (the message names
     *     the variable, never its value)
     */
    public static List<NotificationChannel> fromSettings(Function<String, String> env,
            Function<String, Supplier<String>> secretById) {
        List<NotificationChannel> channels = new ArrayList<>();
        JsonHttp http = new JsonHttp(); // one JDK HttpClient (one selector thread) for all of them
        Optional<Supplier<String>> slackBot = direct(env, SLACK_BOT_TOKEN)
                .or(() -> get(env, SLACK_BOT_TOKEN_SECRET_ARN).map(secretById));
        if (slackBot.isPresent()) {
            channels.add(SlackChannel.withBotToken(slackBot.get(), url(env, SLACK_API_URL)
                    .orElse(SlackChannel.DEFAULT_API_URL), get(env, SLACK_CHANNEL), http));
        } else {
            secret(env, SLACK_WEBHOOK_URL, SLACK_WEBHOOK_SECRET_ARN, secretById)
                    .ifPresent(url -> channels.add(new SlackChannel(url, http)));
        }
        secret(env, DISCORD_WEBHOOK_URL, DISCORD_WEBHOOK_SECRET_ARN, secretById)
                .ifPresent(url -> channels.add(new DiscordChannel(url, http)));
        get(env, SES_FROM_ADDRESS).ifPresent(from -> channels.add(
                EmailChannel.withDefaultClient(from, get(env, SES_REGION).map(Region::of))));
        Optional<Supplier<String>> token = direct(env, TELEGRAM_BOT_TOKEN)
                .or(() -> get(env, TELEGRAM_BOT_TOKEN_SECRET_ARN).map(secretById));
        String telegramApi = url(env, TELEGRAM_API_URL).orElse(TelegramChannel.DEFAULT_BASE_URL);
        token.ifPresent(t -> channels.add(new TelegramChannel(t, telegramApi, http)));
        url(env, NOTIFY_WEBHOOK_URL).ifPresent(url -> channels.add(new WebhookChannel(() -> url, http)));
        url(env, LOCAL_OUTBOX_URL).ifPresent(url -> channels.add(new OutboxChannel(url, http)));
        return List.copyOf(channels);
    }

    /** The names of the channels, for a log line at init (never a URL). */
    public static List<String> names(List<NotificationChannel> channels) {
        return channels.stream().map(NotificationChannel::name).toList();
    }

    private static Optional<Supplier<String>> secret(Function<String, String> env, String directKey, String arnKey,
            Function<String, Supplier<String>> secretById) {
        Optional<Supplier<String>> direct = url(env, directKey).map(url -> () -> url);
        return direct.or(() -> get(env, arnKey).map(secretById));
    }

    private static Optional<Supplier<String>> direct(Function<String, String> env, String key) {
        return get(env, key).map(value -> () -> value);
    }

    private static Optional<String> url(Function<String, String> env, String key) {
        Optional<String> value = get(env, key);
        value.ifPresent(v -> {
            URI uri;
            try {
                uri = URI.create(v);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException(key + " must be an http(s) URL");
            }
        });
        return value;
    }

    private static Optional<String> get(Function<String, String> env, String key) {
        String v = env.apply(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
