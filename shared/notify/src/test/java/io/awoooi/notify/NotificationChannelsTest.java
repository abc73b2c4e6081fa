package io.awoooi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.notify.NotificationChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class NotificationChannelsTest {
    private final List<String> secretsAskedFor = new ArrayList<>();
    private final Function<String, Supplier<String>> secrets = arn -> {
        secretsAskedFor.add(arn);
        return () -> "https://hooks.example/from-secret";
    };

    @Test
    void fromEnvironment_nothingSet_noChannels() {
        // GIVEN an empty environment (blank values count as unset)
        // WHEN
        List<NotificationChannel> channels = NotificationChannels.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", " "),
                secrets);
        // THEN
        assertThat(channels).isEmpty();
    }

    @Test
    void fromEnvironment_everythingSet_allChannelsInOrder() {
        // GIVEN every channel configured
        Map<String, String> env = Map.of(
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X",
                "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/x",
                "SES_FROM_ADDRESS", "awoooi@example.com",
                "TELEGRAM_BOT_TOKEN", "1:abc",
                "NOTIFY_WEBHOOK_URL", "https://hooks.example/awoooi",
                "AWOOOI_LOCAL_OUTBOX_URL", "http://127.0.0.1:8000/local/outbox");
        // WHEN
        List<NotificationChannel> channels = NotificationChannels.fromEnvironment(env, secrets);
        // THEN all six, in a fixed order, and no secret was looked up
        assertThat(NotificationChannels.names(channels))
                .containsExactly("slack", "discord", "email", "telegram", "webhook", "outbox");
        assertThat(secretsAskedFor).isEmpty();
    }

    @Test
    void fromEnvironment_secretArnsOnly_secretsUsed() {
        // GIVEN the template's way: secrets named by ARN
        Map<String, String> env = Map.of(
                "SLACK_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:slack",
                "DISCORD_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:discord",
                "TELEGRAM_BOT_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:telegram");
        // WHEN
        List<NotificationChannel> channels = NotificationChannels.fromEnvironment(env, secrets);
        // THEN
        assertThat(NotificationChannels.names(channels)).containsExactly("slack", "discord", "telegram");
        assertThat(secretsAskedFor).containsExactlyInAnyOrder(
                "arn:aws:secretsmanager:us-east-1:1:secret:slack",
                "arn:aws:secretsmanager:us-east-1:1:secret:discord",
                "arn:aws:secretsmanager:us-east-1:1:secret:telegram");
    }

    @Test
    void fromEnvironment_directValueAndSecret_directWins() {
        // GIVEN both for Slack
        Map<String, String> env = Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X",
                "SLACK_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:slack");
        // WHEN
        List<NotificationChannel> channels = NotificationChannels.fromEnvironment(env, secrets);
        // THEN one Slack channel, the secret never asked for
        assertThat(NotificationChannels.names(channels)).containsExactly("slack");
        assertThat(secretsAskedFor).isEmpty();
    }

    @Test
    void fromEnvironment_localOutboxOnly_outboxChannel() {
        // GIVEN what the local runtime gives every function
        // WHEN
        List<NotificationChannel> channels = NotificationChannels.fromEnvironment(
                Map.of("AWOOOI_LOCAL_OUTBOX_URL", "http://127.0.0.1:8000/local/outbox"), secrets);
        // THEN
        assertThat(channels).singleElement().isInstanceOf(OutboxChannel.class);
    }

    @Test
    void fromEnvironment_malformedUrl_namesTheVariableNeverTheValue() {
        // GIVEN a value that is not an http(s) URL
        // WHEN / THEN
        assertThatThrownBy(() -> NotificationChannels.fromEnvironment(
                Map.of("NOTIFY_WEBHOOK_URL", "hooks.example/SECRETPART"), secrets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NOTIFY_WEBHOOK_URL must be an http(s) URL");
        assertThatThrownBy(() -> NotificationChannels.fromEnvironment(
                Map.of("SLACK_WEBHOOK_URL", "https://bad host/SECRETPART"), secrets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SLACK_WEBHOOK_URL must be an http(s) URL");
    }

    @Test
    void fromEnvironment_slackBotTokenSecretBesideTheWebhook_oneSlackChannelInWebApiModeThatAnswersReferences() {
        // GIVEN a bot token's secret (and the incoming webhook, which it replaces), the template's empty channel
        Map<String, String> env = Map.of(
                "SLACK_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:slack",
                "SLACK_BOT_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:slack-bot",
                "SLACK_CHANNEL", "");
        // WHEN
        List<NotificationChannel> channels = NotificationChannels.fromEnvironment(env, secrets);
        // THEN one slack channel, reading the bot token's secret only; it can edit (a webhook one cannot)
        assertThat(NotificationChannels.names(channels)).containsExactly("slack");
        assertThat(secretsAskedFor).containsExactly("arn:aws:secretsmanager:us-east-1:1:secret:slack-bot");
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> channels.get(0).edit("U1", "bad",
                        new io.awoooi.core.notify.Notification("signed", "inc_1", "s", "t", List.of())))
                .isInstanceOf(io.awoooi.core.notify.MessageGoneException.class);
    }

    @Test
    void fromEnvironment_slackChannelNotAnId_refused() {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_CHANNEL", "#ops <!here>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotificationChannels.fromEnvironment(env, secrets))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel id");
    }
}
