package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.backend.Precision;
import org.prismjava.metrics.ImageMetrics;
import org.prismjava.model.DecoderConfig;
import org.prismjava.model.ParameterSet;
import org.prismjava.model.ProgressiveDecoder;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.step.DynamicLossScaler;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** The mixed-precision policy on the CPU (16-bit storage emulated by rounding): accuracy and overflow handling. */
class MixedPrecisionTest {
    private static final int N = 64;
    private static final ObservedObject OBJECT = TestObjects.europaLike(N, 16, 3);

    private static TrainingResult run(Precision p) {
        return builder(p, 65536).build().run();
    }

    private static ProgressiveTrainer.Builder builder(Precision p, double initialScale) {
        return ProgressiveTrainer.builder()
                .setTelescope(new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(6).build()))
                .setObject(OBJECT).setPattern(Patterns.fermat(8, N / 2.0))
                .optConfig(TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(40).initStepsPerCycle(20).initMaxCycles(2).seed(5)
                        .precision(p).initialLossScale(initialScale).build());
    }

    /** Accuracy report: each 16-bit run against the FP32 run with the same seed. */
    @Test
    void mixedRunsStayCloseToFp32() {
        TrainingResult fp32 = run(Precision.FP32);
        for (Precision p : new Precision[] {Precision.MIXED_FP16, Precision.MIXED_BF16}) {
            TrainingResult mixed = run(p);
            ImageMetrics.Quality q = ImageMetrics.onObjectCrop(mixed.reconstruction(), fp32.reconstruction(), N, 16);
            double maxAbs = 0;
            for (int i = 0; i < N * N; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(mixed.reconstruction()[i] - fp32.reconstruction()[i]));
            }
            assertTrue(q.ssim() > 0.8, p + ": SSIM to the FP32 run " + q.ssim() + ", max abs error " + maxAbs);
            assertTrue(maxAbs < 0.5, p + ": max abs error " + maxAbs);
            assertEquals(p.id(), mixed.provenance().precision());
            double ownSsim = mixed.last().orElseThrow().ssim();
            double fp32Ssim = fp32.last().orElseThrow().ssim();
            assertEquals(fp32Ssim, ownSsim, 0.1, p + " reconstructs the object about as well as FP32");
        }
        assertEquals(0, fp32.skippedSteps());
    }

    @Test
    void overflowingGradientsAreDetectedAndUnscaled() {
        ProgressiveDecoder d = ProgressiveDecoder.create(DecoderConfig.reference(16, 8).latentChannels(8).build(),
                new SeededRandom(1), Precision.MIXED_FP16);
        ParameterSet p = d.parameters();
        float[] g = new float[p.size()];
        g[3] = 1024f;
        p.gradientBuffer().put(0, g);
        assertTrue(p.unscaleGradients(Precision.MIXED_FP16, 1 / 1024.0));
        assertEquals(1f, p.gradientBuffer().get(3));
        g[5] = 70000f; // beyond FP16's 65504: stored as infinity
        p.gradientBuffer().put(0, g);
        assertFalse(p.unscaleGradients(Precision.MIXED_FP16, 1 / 1024.0));
        p.gradientBuffer().put(0, g);
        assertTrue(p.unscaleGradients(Precision.MIXED_BF16, 1.0), "bfloat16 has FP32's range");
    }

    /** A start scale of 2^100 overflows FP16 until the scaler has backed off: steps are skipped. */
    @Test
    void overflowIsSkippedAndAResumedRunContinuesWithItsLossScale(@TempDir Path dir) {
        TrainingResult full = run(Precision.MIXED_FP16, null, null);
        assertTrue(full.skippedSteps() >= 60, "2^100 needs ~84 halvings before FP16 gradients are finite: "
                + full.skippedSteps());
        TrainingResult first = run(Precision.MIXED_FP16, dir, EarlyStopListener.afterSamples(3));
        assertEquals(3, first.samples().size());
        DynamicLossScaler.State saved = CheckpointIO.read(dir).lossScaler();
        assertEquals(first.skippedSteps(), saved.skipped());
        assertTrue(saved.scale() < 0x1p100, "the checkpoint holds the backed-off scale");
        TrainingResult resumed = run(Precision.MIXED_FP16, dir, null);
        assertArrayEquals(full.reconstruction(), resumed.reconstruction(), "bit-identical reconstruction");
        assertEquals(full.skippedSteps(), resumed.skippedSteps());
    }

    /** {@code run(p)} with a checkpoint directory (resumed from when it holds one) and a stop rule. */
    private static TrainingResult run(Precision p, Path dir, TrainingListener stop) {
        ProgressiveTrainer.Builder b = builder(p, 0x1p100);
        if (dir != null && java.nio.file.Files.exists(dir.resolve("LATEST")) && stop == null) {
            b.optResumeFrom(dir);
        } else if (dir != null) {
            b.addListener(new CheckpointListener(dir));
        }
        if (stop != null) {
            b.addListener(stop);
        }
        return b.build().run();
    }
}
