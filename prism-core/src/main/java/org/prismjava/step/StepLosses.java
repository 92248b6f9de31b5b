package org.prismjava.step;

/**
 * The two losses of one evaluation, as the trainer's convergence test reads them (spec 8.3).
 *
 * @param lossOld what the run already knew: the previous reconstruction through the cumulative
 *     mask, the mean over the earlier samples, or {@code lossNew} when there is nothing earlier
 * @param lossNew the newest sample's (or the initialization target's) loss
 */
public record StepLosses(double lossOld, double lossNew) {
    /** Both losses finite (a non-finite one means the run diverged). */
    public boolean finite() {
        return Double.isFinite(lossOld) && Double.isFinite(lossNew);
    }
}
