package org.prismjava.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.prismjava.objects.ImageFiles;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.CheckpointListener;
import org.prismjava.train.EarlyStopListener;
import org.prismjava.train.LoggingListener;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.TrainingResult;

/**
 * Reconstructs the built-in Europa-like object end to end and writes the ground truth and the
 * reconstruction as PNGs plus a checkpoint into {@code runs/demo}. A stand-in for the
 * {@code prism reconstruct} command until the CLI exists.
 *
 * <p>Arguments: {@code [N] [objectSize] [samples] [stepsPerSample] [maxSeconds]}
 * (defaults 128 32 24 300 280).
 */
public final class ReconstructionDemo {
    private ReconstructionDemo() {
    }

    /** Runs the demo. */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int obj = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 280;
        Telescope tel = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(n / 12.0).build());
        ObservedObject object = TestObjects.europaLike(n, obj, 1);
        Path out = Path.of("runs", "demo");
        TrainingResult r = ProgressiveTrainer.builder().setTelescope(tel).setObject(object)
                .setPattern(Patterns.fermat(samples, n / 3.0))
                .optConfig(TrainerConfig.builder().stepsPerCycle(steps).build())
                .addListener(new LoggingListener()).addListener(new CheckpointListener(out.resolve("checkpoint")))
                .addListener(EarlyStopListener.afterSeconds(seconds)).build().run();
        float[] truth = new float[n * n];
        object.amplitudeView().get(0, truth);
        ImageFiles.writePng(out.resolve("ground_truth.png"), truth, n, n);
        ImageFiles.writePng(out.resolve("reconstruction.png"), r.reconstruction(), n, n);
        r.last().ifPresent(s -> System.out.printf(Locale.ROOT,
                "final: SSIM %.3f, PSNR %.2f dB, RMSE %.1f%% after %d samples in %.1f s; images in %s%n", s.ssim(),
                s.psnr(), s.rmsePercent(), r.samples().size(), r.seconds(), out.toAbsolutePath()));
    }
}
