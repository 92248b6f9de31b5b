package org.prismjava.model;

import org.prismjava.util.Checks;

/**
 * PyTorch's {@code CosineAnnealingWarmRestarts}: {@code lr = min + (base - min)(1 + cos(pi t / T_i)) / 2},
 * with the period growing by {@code tMult} at each restart (spec 8.4: T_0 = 50, T_mult = 2,
 * eta_min = 1e-6).
 */
public final class CosineWarmRestarts implements LearningRateSchedule {
    private final double baseLr;
    private final double minLr;
    private final int tMult;
    private int period;
    private int t;

    /**
     * @param baseLr learning rate at the start of each period
     * @param period0 first period in steps (> 0)
     * @param tMult period multiplier (>= 1)
     * @param minLr learning rate at the end of a period
     */
    public CosineWarmRestarts(double baseLr, int period0, int tMult, double minLr) {
        this.baseLr = Checks.positive("baseLr", baseLr);
        this.period = Checks.positive("period0", period0);
        Checks.check(tMult >= 1, "tMult", tMult, "must be >= 1");
        this.tMult = tMult;
        this.minLr = Checks.nonNegative("minLr", minLr);
    }

    /** The reference's setting for a base learning rate. */
    public static CosineWarmRestarts standard(double baseLr) {
        return new CosineWarmRestarts(baseLr, 50, 2, 1e-6);
    }

    @Override
    public double learningRate() {
        return minLr + (baseLr - minLr) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }

    @Override
    public void step(double loss) {
        t++;
        if (t >= period) {
            t -= period;
            period *= tMult;
        }
    }
}
