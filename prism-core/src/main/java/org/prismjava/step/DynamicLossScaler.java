package org.prismjava.step;

import org.prismjava.util.Checks;

/**
 * Dynamic loss scaling for mixed precision (as PyTorch's GradScaler): the loss gradient is
 * multiplied by {@link #scale()} before the generator's backward pass so small gradients stay
 * representable in 16 bits; a step whose gradients overflow is skipped and the scale backs
 * off; after {@code growthInterval} clean steps in a row the scale grows.
 */
public final class DynamicLossScaler {
    private final double growthFactor;
    private final double backoffFactor;
    private final int growthInterval;
    private double scale;
    private int cleanSteps;
    private long skipped;

    /**
     * @param initialScale first scale, {@code > 0} (PyTorch: 65536)
     * @param growthFactor multiplier after a clean interval, {@code > 1} (2)
     * @param backoffFactor multiplier after an overflow, in (0, 1) (0.5)
     * @param growthInterval clean steps before growing, {@code >= 1} (2000)
     */
    public DynamicLossScaler(double initialScale, double growthFactor, double backoffFactor, int growthInterval) {
        this.scale = Checks.positive("initialScale", initialScale);
        Checks.check(growthFactor > 1 && Double.isFinite(growthFactor), "growthFactor", growthFactor, "must be > 1");
        Checks.check(backoffFactor > 0 && backoffFactor < 1, "backoffFactor", backoffFactor, "must be in (0, 1)");
        Checks.check(growthInterval >= 1, "growthInterval", growthInterval, "must be >= 1");
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = growthInterval;
    }

    /** The current scale. */
    public double scale() {
        return scale;
    }

    /** Steps skipped because their gradients overflowed. */
    public long skippedSteps() {
        return skipped;
    }

    /** The scaler's state, for checkpoints. */
    public State state() {
        return new State(scale, cleanSteps, skipped);
    }

    /** Continues from a saved state. */
    public void restore(State s) {
        Checks.check(s.scale() > 0 && Double.isFinite(s.scale()), "state.scale", s.scale(), "must be finite and > 0");
        Checks.check(s.cleanSteps() >= 0 && s.cleanSteps() < growthInterval, "state.cleanSteps", s.cleanSteps(),
                "must be in [0, " + growthInterval + ")");
        Checks.check(s.skipped() >= 0, "state.skipped", s.skipped(), "must be >= 0");
        scale = s.scale();
        cleanSteps = s.cleanSteps();
        skipped = s.skipped();
    }

    /**
     * Saved scaler state.
     *
     * @param scale current scale
     * @param cleanSteps clean steps since the last change
     * @param skipped steps skipped so far
     */
    public record State(double scale, int cleanSteps, long skipped) {
    }

    /**
     * Records one step's outcome and adapts the scale.
     *
     * @param overflow whether any scaled gradient was infinite or NaN
     * @return whether the optimizer should apply this step
     */
    public boolean update(boolean overflow) {
        if (overflow) {
            scale *= backoffFactor;
            cleanSteps = 0;
            skipped++;
            return false;
        }
        if (++cleanSteps == growthInterval) {
            scale *= growthFactor;
            cleanSteps = 0;
        }
        return true;
    }
}
