package org.prismjava.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.prismjava.sampling.Sample;
import org.prismjava.train.InitializationRecord;
import org.prismjava.train.InitializationTarget;
import org.prismjava.train.RefinementRecord;
import org.prismjava.train.SampleRecord;
import org.prismjava.train.TrainingContext;
import org.prismjava.train.TrainingListener;

/**
 * Terminal progress for a run: one line per finished sample (SSIM, PSNR, ETA) and, on a terminal,
 * a line redrawn in place while a sample trains (sample i/n, a bar, step, losses, ETA), at most
 * five times a second.
 */
final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintWriter out;
    private final boolean interactive;
    private final int stepsPerSample;
    private long start;
    private long lastDraw;
    private int firstSample = -1;
    private int total;

    ProgressBar(PrintWriter out, boolean interactive, int stepsPerSample) {
        this.out = out;
        this.interactive = interactive;
        this.stepsPerSample = stepsPerSample;
    }

    @Override
    public void onRunStart(TrainingContext context) {
        total = context.totalSamples();
        InitializationTarget target = context.config().initializationTarget();
        if (context.nextSample() == 0 && target != InitializationTarget.NONE && context.config().initMaxCycles() > 0) {
            out.printf(Locale.ROOT, "initializing the generator (%s target)...%n", target.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void onInitializationEnd(TrainingContext context, InitializationRecord r) {
        out.printf(Locale.ROOT, "initialization: %d steps, loss %.4f, %.1f s%n", r.steps(), r.loss(), r.seconds());
    }

    @Override
    public void onRefinementEnd(TrainingContext context, RefinementRecord r) {
        out.printf(Locale.ROOT, "refinement: %d pixel iterations%s, SSIM %.3f -> %.3f, PSNR %.2f -> %.2f dB, %.1f s%n",
                r.iterations(), r.bestIteration() < r.iterations() ? " (kept iteration " + r.bestIteration()
                        + ": best on held-out pixels)" : "", r.before().ssim(), r.after().ssim(), r.before().psnr(),
                r.after().psnr(), r.seconds());
        out.flush();
    }

    /** The ETA counts sample time only: initialization is over when the first sample starts. */
    @Override
    public void onSampleStart(TrainingContext context, int sample, Sample s) {
        if (firstSample < 0) {
            firstSample = sample;
            start = System.nanoTime();
        }
    }

    @Override
    public void onStepEnd(TrainingContext context, int sample, int step, double lossOld, double lossNew) {
        long now = System.nanoTime();
        if (!interactive || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double done = sample + Math.min(1.0, step / (double) stepsPerSample);
        int filled = (int) Math.round(WIDTH * done / total);
        out.printf(Locale.ROOT, "\rsample %d/%d [%s%s] step %4d  loss old %.4f new %.4f  ETA %s   ", sample + 1, total,
                "#".repeat(filled), ".".repeat(WIDTH - filled), step, lossOld, lossNew, eta(done));
        out.flush();
    }

    @Override
    public void onSampleEnd(TrainingContext context, SampleRecord r) {
        String line = String.format(Locale.ROOT, "sample %d/%d %s in %d steps: SSIM %.3f, PSNR %.2f dB, ETA %s",
                r.index() + 1, total, r.converged() ? "converged" : "stopped (" + r.outcome() + ")", r.steps(),
                r.ssim(), r.psnr(), eta(r.index() + 1));
        // On a terminal the sample line overwrites the bar (padded to clear it); the bar is redrawn below.
        out.println(interactive ? "\r" + String.format(Locale.ROOT, "%-" + (WIDTH + 70) + "s", line) : line);
        out.flush();
    }

    private String eta(double samplesDone) {
        double progressed = samplesDone - Math.max(0, firstSample);
        if (progressed <= 0) {
            return "--";
        }
        double seconds = (System.nanoTime() - start) * 1e-9 / progressed * (total - samplesDone);
        long s = Math.round(Math.max(0, seconds));
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
