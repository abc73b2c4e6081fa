/**
 * Adapters of {@link io.awoooi.core.notify.NotificationChannel}: {@link io.awoooi.notify.SlackChannel}
 * (incoming webhook, Block Kit), {@link io.awoooi.notify.DiscordChannel} (webhook, embed),
 * {@link io.awoooi.notify.EmailChannel} (SES v2, text and HTML), {@link io.awoooi.notify.TelegramChannel}
 * (Bot API, inline keyboard), {@link io.awoooi.notify.WebhookChannel} (generic JSON) and
 * {@link io.awoooi.notify.OutboxChannel} (the local runtime's outbox), chosen by
 * {@link io.awoooi.notify.NotificationChannels#fromEnvironment}. They render what the notification
 * holds (pseudonymized labels, ids, links) and add nothing; a failure names the channel and an HTTP
 * status, never a URL, a token or an address.
 */
package io.awoooi.notify;
