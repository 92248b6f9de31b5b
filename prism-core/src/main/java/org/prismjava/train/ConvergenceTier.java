package org.prismjava.train;

/**
 * Convergence tiers of the adaptive monitor (spec 8.4) with their learning-rate multiplier,
 * extra steps and whether a cosine warm-restart schedule replaces the plateau schedule.
 */
public enum ConvergenceTier {
    /** Converged quickly. */
    FAST(1.0, 0, false),
    /** The normal regime. */
    NORMAL(1.0, 0, false),
    /** Escalated after a plateau: higher learning rate, more steps. */
    AGGRESSIVE(2.0, 500, true),
    /** Escalated and still on a plateau: lower learning rate, more steps. */
    RESCUE(0.1, 1000, true);

    private final double lrMultiplier;
    private final int extraSteps;
    private final boolean cosineSchedule;

    ConvergenceTier(double lrMultiplier, int extraSteps, boolean cosineSchedule) {
        this.lrMultiplier = lrMultiplier;
        this.extraSteps = extraSteps;
        this.cosineSchedule = cosineSchedule;
    }

    /** Default learning-rate multiplier of the tier. */
    public double lrMultiplier() {
        return lrMultiplier;
    }

    /** Default extra steps of the tier. */
    public int extraSteps() {
        return extraSteps;
    }

    /** Whether the tier uses cosine warm restarts. */
    public boolean cosineSchedule() {
        return cosineSchedule;
    }
}
