package io.awoooi.core.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A notification's content with its structure, for channels that can show more than text: a title,
 * short facts, titled sections (a warning section stands out), buttons with a style, reference links,
 * a footer and a time. Slack renders it as Block Kit fields and styled buttons, Discord as a
 * coloured embed with fields and a timestamp, email as HTML; {@link #text()} is the same content as
 * plain text (what Telegram, the email's text part, the webhook's {@code text} and the leak guard
 * see). Built from pseudonymized text only, like every notification.
 *
 * @param tone the colour of the message
 * @param title the headline (what is wrong, e.g. the alert's summary)
 * @param facts short label/value pairs shown side by side (severity, since, risk, needs)
 * @param sections in order; a {@linkplain Section#warning() warning} section is shown prominently
 * @param buttons what the reader can do, in order (may be empty)
 * @param references links for reading (runbook, the alert's source), after the sections
 * @param footer one line at the end (who proposed, the incident id)
 * @param at when it happened (a message timestamp)
 */
public record Card(Tone tone, String title, List<Fact> facts, List<Section> sections, List<Button> buttons,
        List<Link> references, String footer, Instant at) {

    /** The colour: DANGER for HIGH/CRITICAL, failures and no fix; WARNING for MEDIUM; GOOD for LOW and success. */
    public enum Tone {
        DANGER("#b00020", 0xB00020),
        WARNING("#b36b00", 0xB36B00),
        GOOD("#2e7d32", 0x2E7D32),
        INFO("#0969da", 0x0969DA);

        private final String hex;
        private final int rgb;

        Tone(String hex, int rgb) {
            this.hex = hex;
            this.rgb = rgb;
        }

        /** {@code #b00020}. */
        public String hex() {
            return hex;
        }

        /** The colour as one integer (Discord's embed colour). */
        public int rgb() {
            return rgb;
        }
    }

    /** How a button looks: PRIMARY for the action that goes ahead, DANGER for the one that stops it. */
    public enum Style {
        PRIMARY,
        DANGER,
        PLAIN
    }

    public record Fact(String label, String value) {
        public Fact {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param lines each a short paragraph or a checklist item ({@code [x] alice (devops)}) */
    public record Section(String title, List<String> lines, boolean warning) {
        public Section {
            Objects.requireNonNull(title, "title");
            lines = List.copyOf(lines);
        }

        public static Section of(String title, List<String> lines) {
            return new Section(title, lines, false);
        }

        public static Section warning(String title, List<String> lines) {
            return new Section(title, lines, true);
        }
    }

    public record Button(String label, String url, Style style) {
        public Button {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(style, "style");
        }
    }

    public Card {
        Objects.requireNonNull(tone, "tone");
        Objects.requireNonNull(title, "title");
        facts = List.copyOf(facts);
        sections = List.copyOf(sections.stream().filter(s -> !s.lines().isEmpty()).toList());
        buttons = List.copyOf(buttons);
        references = List.copyOf(references);
        Objects.requireNonNull(footer, "footer");
        Objects.requireNonNull(at, "at");
    }

    /** The buttons as plain links (what a channel without styles shows). */
    public List<Link> links() {
        return buttons.stream().map(b -> new Link(b.label(), b.url())).toList();
    }

    /**
     * The card as plain text: the title, the facts on one line, each section under its title (a
     * warning's title marked {@code ⚠}), the references, the footer. Buttons are left to the channel.
     */
    public String text() {
        List<String> out = new ArrayList<>();
        out.add(title);
        if (!facts.isEmpty()) {
            out.add(String.join(" · ", facts.stream().map(f -> f.label() + ": " + f.value()).toList()));
        }
        for (Section s : sections) {
            out.add("");
            out.add((s.warning() ? "⚠ " : "") + s.title());
            s.lines().forEach(line -> out.add(line.startsWith("[") ? line : "- " + line));
        }
        if (!references.isEmpty()) {
            out.add("");
            references.forEach(r -> out.add(r.label() + ": " + r.url()));
        }
        if (!footer.isEmpty()) {
            out.add("");
            out.add(footer);
        }
        return String.join("\n", out);
    }
}
