package io.awoooi.core.finops;

import io.awoooi.core.HumanTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report as people read it in a terminal or a plain-text message: the FINOPS COST ANALYSIS box
 * with MONTHLY, REALIZABLE, FREED and ANNUAL, the top recommendations with their saving and risk, what
 * could not be measured or priced, and the prices used. Lines are wrapped to the box's width.
 */
public final class ReportBox {
    public static final int WIDTH = 78;

    private ReportBox() {
    }

    public static String render(FinOpsReport report, int top) {
        int inner = WIDTH - 4;
        List<String> out = new ArrayList<>();
        out.add("╔" + "═".repeat(WIDTH - 2) + "╗");
        row(out, inner, pad("FINOPS COST ANALYSIS", report.id(), inner));
        row(out, inner,
                "scanned " + HumanTime.at(report.scannedAt()) + ", usage since " + HumanTime.at(report.windowFrom())
                        + "; " + report.scope().nodes() + " nodes, " + report.scope().pods() + " pods, "
                        + report.scope().claims() + " claims");
        out.add("╠" + "═".repeat(WIDTH - 2) + "╣");
        FinOpsReport.Totals t = report.totals();
        row(out, inner, "MONTHLY WASTE DETECTED: " + Money.format(t.monthly()));
        row(out, inner, String.format(Locale.ROOT, "REALIZABLE %s/mo   FREED %s/mo   ANNUAL %s",
                Money.format(t.realizable()), Money.format(t.freed()), Money.format(t.annual())));
        row(out, inner,
                "realizable: saved once acted on; freed: requests released, saved when the cluster scales down");
        out.add("╠" + "═".repeat(WIDTH - 2) + "╣");
        List<Finding> best = report.top(top);
        if (best.isEmpty()) {
            row(out, inner, "No waste found: nothing to recommend.");
        } else {
            row(out, inner, "TOP RECOMMENDATIONS");
            int i = 1;
            for (Finding f : best) {
                String kind = f.saving().map(s -> s.kind() == Finding.Kind.REALIZABLE ? "realizable" : "freed")
                        .orElse("");
                row(out, inner, String.format(Locale.ROOT, "%d. %s/mo %s, risk %s: %s", i++, Money.format(f.monthly()),
                        kind, f.risk(), f.recommendation()));
                f.saving().ifPresent(s -> row(out, inner, "   priced as " + s.basis()));
            }
        }
        long unpriced = report.findings().stream().filter(f -> f.saving().isEmpty()).count();
        if (unpriced > 0 || !report.gaps().isEmpty()) {
            out.add("╠" + "═".repeat(WIDTH - 2) + "╣");
            row(out, inner, "NOT MEASURED OR PRICED (no figure invented)");
            report.findings().stream().filter(f -> f.saving().isEmpty()).limit(5)
                    .forEach(f -> row(out, inner, "- " + f.resource() + ": " + f.unpriced().orElse("")));
            report.gaps().stream().limit(5).forEach(g -> row(out, inner, "- " + g));
            long more = Math.max(0, unpriced - 5) + Math.max(0, report.gaps().size() - 5);
            if (more > 0) {
                row(out, inner, "- and " + more + " more in the report");
            }
        }
        out.add("╠" + "═".repeat(WIDTH - 2) + "╣");
        row(out, inner, "prices: " + report.prices());
        out.add("╚" + "═".repeat(WIDTH - 2) + "╝");
        return String.join("\n", out) + "\n";
    }

    private static String pad(String left, String right, int width) {
        int gap = width - left.length() - right.length();
        return gap < 1 ? left + " " + right : left + " ".repeat(gap) + right;
    }

    private static void row(List<String> out, int inner, String text) {
        for (String line : wrap(text, inner)) {
            out.add("║ " + line + " ".repeat(Math.max(0, inner - line.length())) + " ║");
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String indent = text.startsWith("   ") ? "      " : text.matches("^\\d+\\. .*") ? "   " : "";
        String rest = text;
        boolean first = true;
        while (!rest.isEmpty()) {
            String prefix = first ? "" : indent;
            int room = width - prefix.length();
            if (rest.length() <= room) {
                lines.add(prefix + rest);
                break;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                cut = room;
            }
            lines.add(prefix + rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
            first = false;
        }
        return lines;
    }
}
