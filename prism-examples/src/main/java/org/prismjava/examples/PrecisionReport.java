package org.prismjava.examples;

import java.util.Locale;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.backend.Precision;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.metrics.Ssim;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.train.ProgressiveTrainer;
import org.prismjava.train.Algorithm;
import org.prismjava.train.TrainerConfig;
import org.prismjava.train.SampleRecord;
import org.prismjava.train.TrainingResult;

/**
 * The mixed-precision accuracy report (issue 5): the same reconstruction (same seed) in FP32 and
 * in every mixed precision the backend runs, each 16-bit result compared with the FP32 one by
 * SSIM and max abs difference on the object's crop, plus skipped steps and time.
 *
 * <p>Arguments (all optional): N, object size, samples, steps per sample, backend name, seed
 * (default 128 32 48 600 auto 0: the settings of {@code prism reconstruct --algorithm reference},
 * whose FP32 line it reproduces; the reference algorithm has no pixel refinement, so the table
 * shows the generator's arithmetic alone). One line per precision.
 */
public final class PrecisionReport {
    private PrecisionReport() {
    }

    /** Runs the report and prints a Markdown table. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int objectSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 600;
        ComputeBackend backend = Backends.byName(args.length > 4 ? args[4] : Backends.AUTO);
        Telescope telescope = new SubApertureTelescope(TelescopeConfig.builder(n).apertureRadius(n / 12.0).build(),
                backend.fft2(n));
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 0;
        ObservedObject object = TestObjects.europaLike(n, objectSize, seed);
        System.out.printf(Locale.ROOT, "N %d, object %d, %d x %d, seed %d, backend %s (%s)%n%n", n, objectSize, samples,
                steps, seed, backend.name(), backend.device());
        System.out.println("| precision | SSIM to truth | PSNR dB | SSIM to the FP32 run | max abs difference"
                + " | skipped steps | training s |");
        System.out.println("|---|---|---|---|---|---|---|");
        float[] fp32 = null;
        for (Precision precision : Precision.values()) {
            if (!backend.precisions().contains(precision)) {
                continue;
            }
            TrainingResult r = ProgressiveTrainer.builder().setTelescope(telescope).setObject(object)
                    .setPattern(Patterns.fermat(samples, n / 2.0)).optBackend(backend)
                    .optConfig(TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(steps).addNoise(false).precision(precision)
                            .seed(seed).build())
                    .build().run();
            float[] rec = ImageMetrics.crop(r.reconstruction(), n, objectSize);
            if (fp32 == null) {
                fp32 = rec;
            }
            SampleRecord toTruth = r.last().orElseThrow();
            double toFp32 = Ssim.STANDARD.value(rec, fp32, objectSize, objectSize);
            double maxAbs = 0;
            for (int i = 0; i < rec.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(rec[i] - fp32[i]));
            }
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.2f | %.3f | %.3f | %d | %.1f |%n", precision.id(),
                    toTruth.ssim(), toTruth.psnr(), toFp32, maxAbs, r.skippedSteps(), r.seconds());
        }
    }
}
