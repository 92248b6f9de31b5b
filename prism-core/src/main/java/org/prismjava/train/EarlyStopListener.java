package org.prismjava.train;

import org.prismjava.util.Checks;

/** Stops a run after a sample once a sample count, an SSIM or a wall-time limit is reached. */
public final class EarlyStopListener implements TrainingListener {
    private final int maxSamples;
    private final double targetSsim;
    private final double maxSeconds;
    private long start;

    private EarlyStopListener(int maxSamples, double targetSsim, double maxSeconds) {
        this.maxSamples = maxSamples;
        this.targetSsim = targetSsim;
        this.maxSeconds = maxSeconds;
    }

    /** Stop once {@code samples} samples have been completed (counting resumed ones). */
    public static EarlyStopListener afterSamples(int samples) {
        return new EarlyStopListener(Checks.positive("samples", samples), Double.NaN, Double.NaN);
    }

    /** Stop once a sample ends with SSIM >= {@code ssim}. */
    public static EarlyStopListener atSsim(double ssim) {
        Checks.check(ssim > -1 && ssim <= 1, "ssim", ssim, "must be in (-1, 1]");
        return new EarlyStopListener(Integer.MAX_VALUE, ssim, Double.NaN);
    }

    /** Stop after the first sample that ends later than {@code seconds} after the run started. */
    public static EarlyStopListener afterSeconds(double seconds) {
        return new EarlyStopListener(Integer.MAX_VALUE, Double.NaN, Checks.positive("seconds", seconds));
    }

    @Override
    public void onRunStart(TrainingContext context) {
        start = System.nanoTime();
    }

    @Override
    public void onSampleEnd(TrainingContext context, SampleRecord r) {
        if (r.index() + 1 >= maxSamples) {
            context.requestStop("early stop after " + maxSamples + " samples");
        } else if (r.ssim() >= targetSsim) {
            context.requestStop("early stop: SSIM " + r.ssim() + " >= " + targetSsim);
        } else if ((System.nanoTime() - start) * 1e-9 > maxSeconds) {
            context.requestStop("early stop: wall time above " + maxSeconds + " s");
        }
    }
}
