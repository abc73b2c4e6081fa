package io.awoooi.core.approval;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.topology.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gives a proposed action its risk: the catalog's base, raised (never lowered) one level per
 * aggravating fact, up to HIGH. CRITICAL is reserved to actions whose base is CRITICAL: a pile of
 * raises makes an action need two operators, not the CTO and the CISO. The facts:
 * <ul>
 *   <li>a failed dry-run check that approvers may override, one raise per check; among them the
 *       {@link #blastRadiusCheck blast radius check}, failed from {@code largeBlastRadius}
 *       services upstream of the incident's targets (default 5);
 *   <li>a production namespace ({@code productionNamespaces}, default {@code prod}, {@code production},
 *       or ending in {@code -prod} / {@code -production});
 *   <li>a disruptive action on a stateful component (a database or a queue): restarting, scaling,
 *       rolling it back or changing its resources (both replace its pods, as a rollout does) can drop
 *       connections and in-flight work for everything that depends on it.
 * </ul>
 */
public final class RiskPolicy {
    public static final int DEFAULT_LARGE_BLAST_RADIUS = 5;
    public static final Pattern DEFAULT_PRODUCTION = Pattern.compile("prod|production|.+-prod|.+-production");

    private final int largeBlastRadius;
    private final Pattern productionNamespaces;

    public RiskPolicy() {
        this(DEFAULT_LARGE_BLAST_RADIUS, DEFAULT_PRODUCTION);
    }

    public RiskPolicy(int largeBlastRadius, Pattern productionNamespaces) {
        if (largeBlastRadius < 1) {
            throw new IllegalArgumentException("largeBlastRadius must be at least 1");
        }
        this.largeBlastRadius = largeBlastRadius;
        this.productionNamespaces = Objects.requireNonNull(productionNamespaces, "productionNamespaces");
    }

    /**
     * The dry-run's {@code blast_radius} check: failed (overridable, so it raises the risk) when at
     * least {@code largeBlastRadius} services depend on the incident's targets.
     */
    public DryRunCheck blastRadiusCheck(int blastRadius) {
        String services = blastRadius + (blastRadius == 1 ? " service depends" : " services depend");
        return blastRadius >= largeBlastRadius
                ? DryRunCheck.fail("blast_radius", services + " on the target (large from " + largeBlastRadius + ")",
                        true)
                : DryRunCheck.pass("blast_radius", services + " on the target (large from " + largeBlastRadius + ")");
    }

    /**
     * @param targetKind what kind of component the action touches (OTHER when unknown)
     * @param dryRun the dry-run, with the {@link #blastRadiusCheck blast radius check} among its checks
     */
    public RiskAssessment assess(ProposedAction action, ComponentKind targetKind, DryRunReport dryRun) {
        RiskLevel base = action.baseRisk();
        String id = action.type().id();
        Optional<String> snapshot = action.type() == io.awoooi.core.action.ActionType.DELETE_PVC
                ? action.param("snapshotClass") : Optional.empty();
        if (snapshot.isPresent()) {
            // the data survives in a VolumeSnapshot taken first: recoverable, so one level lower (ADR 0014)
            base = RiskLevel.MEDIUM;
            id = id + " with a VolumeSnapshot first (class " + snapshot.get() + "; HIGH without one)";
        }
        if (base == RiskLevel.CRITICAL) {
            return new RiskAssessment(base, base, List.of(id + ": CRITICAL in the catalog; the CTO and the CISO sign"));
        }
        List<String> raises = new ArrayList<>();
        if (action.param("namespace").filter(ns -> productionNamespaces.matcher(ns).matches()).isPresent()) {
            raises.add("raised: it acts in a production namespace");
        }
        if (disruptive(action.type()) && (targetKind == ComponentKind.DATABASE || targetKind == ComponentKind.QUEUE)) {
            raises.add("raised: it disrupts a stateful component (a " + targetKind.name().toLowerCase(Locale.ROOT)
                    + ")");
        }
        for (DryRunCheck failed : dryRun.failures()) {
            if (failed.overridable()) {
                raises.add("raised: dry-run check " + failed.name() + " failed: " + failed.reason());
            }
        }
        int level = Math.min(base.ordinal() + raises.size(), RiskLevel.HIGH.ordinal());
        RiskLevel assessed = RiskLevel.values()[Math.max(level, base.ordinal())];
        // the first reason tells base and result together: a HIGH badge never sits over "is LOW" alone
        List<String> reasons = new ArrayList<>();
        reasons.add(assessed == base
                ? id + ": " + base + " in the catalog"
                        + (raises.isEmpty() ? "; nothing raised it" : "; raises stop at HIGH")
                : id + ": " + base + " in the catalog, raised to " + assessed + " by the facts below"
                        + (raises.size() > assessed.ordinal() - base.ordinal() ? " (raises stop at HIGH)" : ""));
        reasons.addAll(raises);
        return new RiskAssessment(base, assessed, reasons);
    }

    /** The actions that take pods down: deleted, replaced by a rollout, or scaled away. */
    static boolean disruptive(ActionType type) {
        return switch (type) {
            case RESTART_POD, ROLLOUT_RESTART, ROLLOUT_UNDO, SCALE_DEPLOYMENT, SCALE_STATEFULSET, SET_RESOURCES,
                    RESTORE_FIELDS, DELETE_PVC, DRAIN_NODE, DELETE_POD ->
                true;
            // a node's pods stay where they are; a namespace's deletion is CRITICAL already
            case CORDON_NODE, UNCORDON_NODE, DELETE_NAMESPACE -> false;
        };
    }
}
