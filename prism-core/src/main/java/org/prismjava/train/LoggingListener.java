package org.prismjava.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs initialization, every sample and the run summary through SLF4J (logger {@code org.prismjava.train}). */
public final class LoggingListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger("org.prismjava.train");

    @Override
    public void onRunStart(TrainingContext context) {
        LOG.info("progressive run: {} samples, {}", context.totalSamples(), context.config());
    }

    @Override
    public void onInitializationEnd(TrainingContext context, InitializationRecord r) {
        if (r != null) {
            LOG.info(String.format(java.util.Locale.ROOT, "initialization (%s): loss %.4f after %d steps, %.1f s, SSIM %.3f",
                    r.target(), r.loss(), r.steps(), r.seconds(), r.ssim()));
        }
    }

    @Override
    public void onSampleEnd(TrainingContext context, SampleRecord r) {
        LOG.info(String.format(java.util.Locale.ROOT,
                "sample %d/%d %s in %d steps (%.2f s): loss old %.4f new %.4f, SSIM %.3f, PSNR %.2f dB, RMSE %.1f%%",
                r.index() + 1, context.totalSamples(), r.converged() ? "converged" : "FAILED (" + r.outcome() + ")",
                r.steps(), r.seconds(), r.lossOld(), r.lossNew(), r.ssim(), r.psnr(), r.rmsePercent()));
    }

    @Override
    public void onRunEnd(TrainingContext context, TrainingResult result) {
        LOG.info(String.format(java.util.Locale.ROOT, "run finished: %d samples, %d failed, %.1f s, cache hit rate %.1f%%%s",
                result.samples().size(), result.failedSamples().size(), result.seconds(),
                100 * result.cacheStats().hitRate(), result.stopReason() == null ? "" : " (" + result.stopReason() + ")"));
    }
}
