package io.awoooi.core.finops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.HumanTime;
import java.util.List;

/**
 * A report as the API serves it and the store keeps it (JSON). Findings beyond {@link #MAX_FINDINGS}
 * are counted, not listed, so a report of a very large cluster stays within a DynamoDB item.
 */
public final class FinOpsReportDocument {
    public static final int MAX_FINDINGS = 300;
    public static final int MAX_GAPS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FinOpsReportDocument() {
    }

    public static String toJson(FinOpsReport report, int top) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", report.id());
        root.put("scannedAt", report.scannedAt().toString());
        root.put("scannedAtText", HumanTime.at(report.scannedAt()));
        root.put("windowFrom", report.windowFrom().toString());
        root.put("prices", report.prices());
        root.put("currency", "USD");
        ObjectNode totals = root.putObject("totals");
        totals.put("monthly", report.totals().monthly().toPlainString());
        totals.put("realizable", report.totals().realizable().toPlainString());
        totals.put("freed", report.totals().freed().toPlainString());
        totals.put("annual", report.totals().annual().toPlainString());
        ObjectNode scope = root.putObject("scope");
        scope.put("nodes", report.scope().nodes());
        scope.put("pods", report.scope().pods());
        scope.put("claims", report.scope().claims());
        ArrayNode topIds = root.putArray("top");
        List<Finding> best = report.top(top);
        ArrayNode findings = root.putArray("findings");
        int i = 0;
        for (Finding f : report.findings()) {
            if (i == MAX_FINDINGS) {
                break;
            }
            ObjectNode n = findings.addObject();
            n.put("rank", ++i);
            n.put("category", f.category().name().toLowerCase(java.util.Locale.ROOT));
            n.put("resource", f.resource());
            n.put("recommendation", f.recommendation());
            n.put("risk", f.risk().name());
            f.saving().ifPresent(s -> {
                n.put("monthly", s.monthly().toPlainString());
                n.put("savingKind", s.kind().name());
                n.put("pricedAs", s.basis());
            });
            f.unpriced().ifPresent(u -> n.put("unpriced", u));
            f.action().ifPresent(a -> {
                ObjectNode action = n.putObject("action");
                action.put("type", a.type().id());
                ObjectNode params = action.putObject("params");
                a.params().forEach(params::put);
            });
            ArrayNode evidence = n.putArray("evidence");
            f.evidence().forEach(evidence::add);
            if (best.contains(f)) {
                topIds.add(i);
            }
        }
        root.put("findingsTotal", report.findings().size());
        root.put("findingsListed", Math.min(report.findings().size(), MAX_FINDINGS));
        ArrayNode gaps = root.putArray("notMeasuredOrPriced");
        report.gaps().stream().limit(MAX_GAPS).forEach(g -> {
            ObjectNode n = gaps.addObject();
            n.put("subject", g.subject());
            n.put("reason", g.reason());
        });
        root.put("gapsTotal", report.gaps().size());
        root.put("box", ReportBox.render(report, top));
        return root.toString();
    }
}
