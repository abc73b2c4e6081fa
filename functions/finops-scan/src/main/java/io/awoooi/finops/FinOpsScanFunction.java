package io.awoooi.finops;

import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.ReportBox;
import io.awoooi.core.finops.ScanForWaste;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The scheduled (or on-demand) FinOps scan: parse the trigger, run the scan, answer a summary with
 * the report as a text box. A failure propagates: the invocation fails and the asynchronous
 * invocation's retries (the template's EventInvokeConfig, then its dead-letter queue) run it again
 * with the same trigger time, hence the same report id.
 */
public class FinOpsScanFunction {
    private static final Logger LOG = Logger.getLogger(FinOpsScanFunction.class);

    @Inject
    ScanForWaste scan;

    @Inject
    FinOpsWiring.Top top;

    @Funq
    public Map<String, Object> scan(ScanTrigger trigger) {
        Instant at = (trigger == null ? new ScanTrigger() : trigger).at()
                .orElseGet(() -> Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
        ScanForWaste.Result result = scan.scan(at);
        FinOpsReport report = result.report();
        LOG.infof("finops scan report=%s latest=%s findings=%d gaps=%d monthly=%s", report.id(), result.latest(),
                report.findings().size(), report.gaps().size(), report.totals().monthly().toPlainString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", report.id());
        out.put("latest", result.latest());
        out.put("monthly", report.totals().monthly().toPlainString());
        out.put("realizable", report.totals().realizable().toPlainString());
        out.put("freed", report.totals().freed().toPlainString());
        out.put("annual", report.totals().annual().toPlainString());
        out.put("findings", report.findings().size());
        out.put("notMeasuredOrPriced", report.gaps().size());
        out.put("box", ReportBox.render(report, top.value()));
        return out;
    }
}
