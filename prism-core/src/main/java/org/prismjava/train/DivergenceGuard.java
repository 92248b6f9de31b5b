package org.prismjava.train;

import org.prismjava.util.Checks;

/**
 * Stops the run with a {@link TrainingDivergedException} when a sample's total loss exceeds
 * {@code factor} times its best loss so far for {@code patience} consecutive steps. (Non-finite
 * losses always stop the run, with or without this guard.)
 */
public final class DivergenceGuard implements TrainingListener {
    private final double factor;
    private final int patience;
    private int sample = -1;
    private double best;
    private int bad;

    /**
     * @param factor growth over the best loss that counts as diverging (> 1)
     * @param patience consecutive diverging steps tolerated (>= 1)
     */
    public DivergenceGuard(double factor, int patience) {
        Checks.check(factor > 1 && Double.isFinite(factor), "factor", factor, "must be finite and > 1");
        this.factor = factor;
        this.patience = Checks.positive("patience", patience);
    }

    @Override
    public void onStepEnd(TrainingContext context, int s, int step, double lossOld, double lossNew) {
        double total = lossOld + lossNew;
        if (s != sample) {
            sample = s;
            best = total;
            bad = 0;
            return;
        }
        best = Math.min(best, total);
        bad = total > factor * best ? bad + 1 : 0;
        if (bad >= patience) {
            throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                    "loss %.4g grew above %.1f x the best %.4g for %d steps", total, factor, best, bad), s, step);
        }
    }
}
