package org.prismjava.model;

import org.prismjava.util.Checks;

/**
 * PyTorch's {@code ReduceLROnPlateau} in mode "min" with a relative threshold and no cooldown
 * (spec 8.1: factor 0.5, patience 10, threshold 1e-4, min lr 0).
 */
public final class ReduceOnPlateau implements LearningRateSchedule {
    private final double factor;
    private final int patience;
    private final double threshold;
    private final double minLr;
    private double lr;
    private double best = Double.POSITIVE_INFINITY;
    private int badSteps;

    /**
     * @param initialLr starting learning rate
     * @param factor multiplier applied on a plateau, in (0, 1)
     * @param patience steps without relative improvement tolerated before reducing
     * @param threshold relative improvement that counts ({@code loss < best (1 - threshold)})
     * @param minLr floor of the learning rate
     */
    public ReduceOnPlateau(double initialLr, double factor, int patience, double threshold, double minLr) {
        this.lr = Checks.positive("initialLr", initialLr);
        Checks.check(factor > 0 && factor < 1, "factor", factor, "must be in (0, 1)");
        this.factor = factor;
        Checks.check(patience >= 0, "patience", patience, "must be >= 0");
        this.patience = patience;
        this.threshold = Checks.nonNegative("threshold", threshold);
        this.minLr = Checks.nonNegative("minLr", minLr);
    }

    /** The reference's setting for a base learning rate. */
    public static ReduceOnPlateau standard(double initialLr) {
        return new ReduceOnPlateau(initialLr, 0.5, 10, 1e-4, 0);
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void step(double loss) {
        if (loss < best * (1 - threshold)) {
            best = loss;
            badSteps = 0;
        } else {
            badSteps++;
        }
        if (badSteps > patience) {
            double reduced = Math.max(lr * factor, minLr);
            if (lr - reduced > 1e-8) {
                lr = reduced;
            }
            badSteps = 0;
        }
    }
}
