package io.awoooi.core.notify;

import io.awoooi.core.approval.Approver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fake chat channel that can edit what it posted (like Telegram or Slack with a bot token): each
 * post answers a new reference {@code m1}, {@code m2}...; edits are recorded; a reference put in
 * {@link #gone} answers {@link MessageGoneException}. Reaches every approver by id. Thread-safe.
 */
public final class EditingChannel implements NotificationChannel {
    public record Posted(String address, String ref, Notification notification) {
    }

    public record Edited(String address, String ref, Notification notification) {
    }

    private final List<Posted> posted = new ArrayList<>();
    private final List<Edited> edited = new ArrayList<>();
    /** References whose message was deleted. */
    public final Set<String> gone = new HashSet<>();

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public Optional<String> addressOf(Approver approver) {
        return Optional.of(approver.id());
    }

    @Override
    public void deliver(String address, Notification notification) {
        post(address, notification);
    }

    @Override
    public synchronized Optional<String> post(String address, Notification notification) {
        String ref = "m" + (posted.size() + 1);
        posted.add(new Posted(address, ref, notification));
        return Optional.of(ref);
    }

    @Override
    public synchronized void edit(String address, String ref, Notification notification) {
        if (gone.contains(ref)) {
            throw new MessageGoneException("chat: gone");
        }
        edited.add(new Edited(address, ref, notification));
    }

    public synchronized List<Posted> posted() {
        return List.copyOf(posted);
    }

    public synchronized List<Edited> edited() {
        return List.copyOf(edited);
    }

    public synchronized List<Posted> postedTo(String address) {
        return posted.stream().filter(p -> p.address().equals(address)).toList();
    }

    public synchronized List<Edited> editedFor(String address) {
        return edited.stream().filter(e -> e.address().equals(address)).toList();
    }
}
