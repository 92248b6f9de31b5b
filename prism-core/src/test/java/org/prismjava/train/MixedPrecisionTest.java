package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** The mixed-precision policy on the CPU (16-bit storage emulated by rounding): accuracy and overflow handling. */
class MixedPrecisionTest {
    private static final int N = 64;
    private static final ObservedObject OBJECT = TestObjects.europaLike(N, 16, 3);

    private static TrainingResult run(Precision p) {
        return ProgressiveTrainer.builder()
                .setTelescope(new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(6).build()))
                .setObject(OBJECT).setPattern(Patterns.fermat(8, N / 2.0))
                .optConfig(TrainerConfig.builder().stepsPerCycle(40).initStepsPerCycle(20).initMaxCycles(2).seed(5)
                        .precision(p).build())
                .build().run();
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
        ProgressiveDecoder d = ProgressiveDecoder.create(DecoderConfig.builder(16, 8).latentChannels(8).build(),
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

    @Test
    void mixedPrecisionRunsCannotResumeYet(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProgressiveTrainer.builder()
                .setTelescope(new SubApertureTelescope(TelescopeConfig.builder(N).apertureRadius(6).build()))
                .setObject(OBJECT).setPattern(Patterns.fermat(2, 8))
                .optConfig(TrainerConfig.builder().precision(Precision.MIXED_FP16).build()).optResumeFrom(dir)
                .build());
        assertTrue(e.getMessage().contains("precision"), e.getMessage());
    }
}
