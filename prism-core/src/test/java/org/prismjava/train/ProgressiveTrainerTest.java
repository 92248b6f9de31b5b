package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prismjava.measure.MeasurementOperator;
import org.prismjava.model.DecoderConfig;
import org.prismjava.model.OutputActivation;
import org.prismjava.model.ParameterSet;
import org.prismjava.model.ProgressiveDecoder;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.optics.Center;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.Pupil;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.sampling.SamplingPattern;
import org.prismjava.telescope.Measurement;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** Spec 13.7 #39 and 13.8 #43-44 plus the resume and divergence requirements of the trainer. */
class ProgressiveTrainerTest {
    private static final int N = 32;
    private static final Telescope TELESCOPE = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).build());
    private static final ObservedObject OBJECT = TestObjects.europaLike(N, 12, 3);
    private static final SamplingPattern PATTERN = Patterns.fermat(5, 8);

    private static TrainerConfig.Builder small() {
        return TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(15).initStepsPerCycle(10).initMaxCycles(1).seed(42);
    }

    private static ProgressiveTrainer.Builder trainer(TrainerConfig config) {
        return ProgressiveTrainer.builder().setTelescope(TELESCOPE).setObject(OBJECT).setPattern(PATTERN)
                .optConfig(config);
    }

    @Test
    void interruptedAndResumedRunEndsBitIdentical(@TempDir Path dir) {
        TrainerConfig config = small().build();
        TrainingResult full = trainer(config).build().run();
        assertEquals(5, full.samples().size());

        TrainingResult first = trainer(config).addListener(new CheckpointListener(dir))
                .addListener(EarlyStopListener.afterSamples(2)).build().run();
        assertEquals(2, first.samples().size());
        assertNotNull(first.stopReason());
        assertTrue(Files.exists(dir.resolve("LATEST")));
        Checkpoint cp = CheckpointIO.read(dir);
        assertEquals(2, cp.nextSample());
        assertEquals(2, cp.measurement().completedSamples());

        TrainingResult resumed = trainer(config).optResumeFrom(dir).build().run();
        assertEquals(5, resumed.samples().size());
        assertArrayEquals(full.reconstruction(), resumed.reconstruction(), "bit-identical reconstruction");
        for (int k = 0; k < 5; k++) {
            assertEquals(full.samples().get(k).lossNew(), resumed.samples().get(k).lossNew(), 0.0);
            assertEquals(full.samples().get(k).ssim(), resumed.samples().get(k).ssim(), 0.0);
            assertEquals(full.samples().get(k).steps(), resumed.samples().get(k).steps());
        }
        assertEquals(full.initialization().loss(), resumed.initialization().loss(), 0.0);
        assertEquals(full.initialization().steps(), resumed.initialization().steps());
    }

    @Test
    void aBuiltTrainerIgnoresLaterCallsOnItsBuilder(@TempDir Path dir) {
        ProgressiveTrainer.Builder b = trainer(small().build());
        ProgressiveTrainer built = b.build();
        int[] calls = {0};
        b.addListener(new TrainingListener() {
            @Override
            public void onSampleEnd(TrainingContext c, SampleRecord r) {
                calls[0]++;
            }
        }).optResumeFrom(dir.resolve("no-such-checkpoint"));
        RunSpecification spec = built.specification();
        assertTrue(spec.listeners().isEmpty() && spec.resumeFrom().isEmpty(), "the specification was fixed by build()");
        assertEquals(5, spec.samples().size(), "the pattern's samples, generated at build()");
        assertEquals(spec.config().algorithm().defaultDecoder(spec.telescope().gridSize(), spec.objectSize()),
                spec.decoder(), "the default decoder, resolved");
        assertEquals(List.of("object", "objectFingerprint", "objectSize", "telescope", "pattern", "sampleCount"),
                List.copyOf(spec.identity().keySet()), "what checkpoints record");
        assertEquals(5, built.run().samples().size(), "runs from scratch: the later optResumeFrom is not seen");
        assertEquals(0, calls[0], "a listener added after build() is not called");
    }

    @Test
    void resumingWithAnotherSeedIsRejected(@TempDir Path dir) {
        trainer(small().build()).addListener(new CheckpointListener(dir)).addListener(EarlyStopListener.afterSamples(1))
                .build().run();
        ProgressiveTrainer other = trainer(small().seed(7).build()).optResumeFrom(dir).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, other::run);
        assertTrue(e.getMessage().contains("seed: checkpoint 42, now 7"), e.getMessage());
    }

    @Test
    void convergenceRuleAndFailedSamples() {
        TrainingResult easy = trainer(small().lossThreshold(100).build()).build().run();
        assertTrue(easy.failedSamples().isEmpty());
        easy.samples().forEach(r -> assertEquals(1, r.steps(), "converges at the first evaluation, before a step"));

        TrainingResult hard = trainer(small().lossThreshold(0).initMaxCycles(0).build()).build().run();
        assertEquals(List.of(0, 1, 2, 3, 4), hard.failedSamples());
        hard.samples().forEach(r -> {
            assertEquals(15, r.steps());
            assertEquals(SampleOutcome.STEP_BUDGET_EXHAUSTED, r.outcome());
            assertTrue(r.ssim() >= -1 && r.ssim() <= 1);
        });
        assertNull(hard.initialization());
    }

    @Test
    void firstSampleNeedsOnlyTheNewLossAndLaterSamplesBoth() {
        List<double[]> firstSteps = new ArrayList<>();
        TrainingListener spy = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingContext c, int sample, int step, double lossOld, double lossNew) {
                if (sample == 0) {
                    firstSteps.add(new double[] {lossOld, lossNew});
                }
            }
        };
        trainer(small().build()).addListener(spy).build().run();
        firstSteps.forEach(l -> assertEquals(l[0], l[1], 0.0, "old and new coincide on the first sample"));
    }

    @Test
    void measureEveryStepUsesTheCacheAsTheBenchmarkExpects() {
        TrainerConfig kept = small().lossThreshold(0).initMaxCycles(0).measureEveryStep(true).build();
        TrainingResult r = trainer(kept).build().run();
        assertEquals(5, r.cacheStats().misses());
        assertEquals(5 * 15 - 5, r.cacheStats().hits());
        TrainerConfig cleared = small().lossThreshold(0).initMaxCycles(0).measureEveryStep(true)
                .cachePolicy(CachePolicy.CLEAR_AFTER_EACH_CALL).build();
        TrainingResult b = trainer(cleared).build().run();
        assertEquals(0, b.cacheStats().hits());
        assertEquals(75, b.cacheStats().misses());
        assertArrayEquals(b.reconstruction(), r.reconstruction(),
                "reusing the old target within a sample (kept cache) changes nothing");
        TrainerConfig separate = small().lossThreshold(0).initMaxCycles(0).fusedPhysics(false).reuseBuffers(false)
                .build();
        float[] unfused = trainer(separate).build().run().reconstruction();
        float[] fused = trainer(small().lossThreshold(0).initMaxCycles(0).build()).build().run().reconstruction();
        for (int i = 0; i < fused.length; i++) {
            assertEquals(fused[i], unfused[i], 2e-3, "fused and separate physics train alike");
        }
    }

    @Test
    void nonFiniteLossStopsTheRunNamingSampleAndStepAndKeepsTheLastCheckpoint(@TempDir Path dir) {
        Telescope poisoned = new PoisonedTelescope(TELESCOPE, 2);
        ProgressiveTrainer t = ProgressiveTrainer.builder().setTelescope(poisoned).setObject(OBJECT)
                .setPattern(PATTERN).optConfig(small().build()).addListener(new CheckpointListener(dir)).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::run);
        assertEquals(2, e.sample());
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("sample 2, step 1"), e.getMessage());
        Checkpoint cp = CheckpointIO.read(dir);
        assertEquals(2, cp.nextSample(), "the checkpoint after sample 1 is intact");
    }

    @Test
    void divergenceGuardAndBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(0.5, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProgressiveTrainer.builder()
                .setObject(OBJECT).setPattern(PATTERN).build()).getMessage().startsWith("telescope"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(0)
                .build()).getMessage().startsWith("stepsPerCycle = 0"));
        assertEquals(InitializationTarget.SYNTHETIC_APERTURE, InitializationTarget.byName("synthetic-aperture"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InitializationTarget.byName("square"))
                .getMessage().startsWith("initializationTarget = square"));
    }

    @Test
    void initializationFitsTheCircleAndStopsAtTheThreshold() {
        TrainingResult r = trainer(small().lossThreshold(0.5).initMaxCycles(5).build()).build().run();
        assertTrue(r.initialization().loss() < 0.5);
        assertTrue(r.initialization().steps() <= 50);
        for (InitializationTarget target : List.of(InitializationTarget.MEASUREMENT,
                InitializationTarget.SYNTHETIC_APERTURE)) {
            TrainingResult m = trainer(small().initializationTarget(target).build()).build().run();
            assertTrue(Double.isFinite(m.initialization().loss()), target.toString());
            for (float v : m.reconstruction()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void gradientReachesTheLatentAndEveryWeightThroughThePhysics() {
        ProgressiveDecoder d = ProgressiveDecoder.create(DecoderConfig.reference(N, 12)
                .outputActivation(OutputActivation.SIGMOID).build(), 1);
        MeasurementOperator op = new MeasurementOperator(TELESCOPE.propagator(), d.outputSupport(), true);
        float[] x = new float[N * N];
        d.forward(x);
        float[] pred = new float[N * N];
        Pupil p = TELESCOPE.pupil(new Center(1, 2));
        op.forward(x, null, List.of(p), null, pred);
        float[] g = new float[N * N];
        org.prismjava.loss.LossType.L1.create(true).evaluate(pred, TELESCOPE.measure(OBJECT, p).amplitude().data()
                .asFloat(), N, N, g);
        float[] gx = new float[N * N];
        op.backward(null, g, gx);
        d.backward(gx);
        ParameterSet ps = d.parameters();
        for (ParameterSet.Entry e : ps.entries()) {
            double max = 0;
            for (long i = e.offset(); i < e.offset() + e.length(); i++) {
                float v = ps.gradientBuffer().get((int) i);
                assertTrue(Float.isFinite(v), e.name());
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max > 0, e.name() + " has a gradient");
        }
    }

    @Test
    void monitorFollowsSpec13_8() {
        ConvergenceMonitor m = new ConvergenceMonitor(1e-3, 5, 10, 0.01, 20);
        for (int i = 0; i < 10; i++) {
            m.update(0.5);
        }
        assertTrue(m.isPlateau(), "no improvement for the patience, flat over the window");
        assertFalse(m.hasEscalated(), "fewer losses than escalationSteps");
        for (int i = 0; i < 15; i++) {
            m.update(0.5);
        }
        assertTrue(m.tier() == ConvergenceTier.AGGRESSIVE || m.tier() == ConvergenceTier.RESCUE);
        assertTrue(m.hasEscalated());
        ConvergenceMonitor converging = new ConvergenceMonitor(1e-3, 5, 10, 0.01, 20);
        assertEquals(ConvergenceTier.NORMAL, converging.tier());
        for (int i = 0; i < 5; i++) {
            converging.update(1e-4);
        }
        assertTrue(converging.isConverged());
        assertEquals(ConvergenceTier.FAST, converging.tier());
        ConvergenceMonitor improving = new ConvergenceMonitor(1e-3, 5, 10, 0.01, 20);
        for (int i = 0; i < 30; i++) {
            improving.update(1.0 / (i + 1));
        }
        assertFalse(improving.isPlateau());
        assertFalse(improving.hasEscalated());
        assertEquals(ConvergenceTier.NORMAL, improving.tier());
    }

    /** Returns NaN amplitudes for one sample's aperture: a stand-in for a numerical blow-up. */
    private record PoisonedTelescope(Telescope inner, int poisonedSample) implements Telescope {
        @Override
        public TelescopeConfig config() {
            return inner.config();
        }

        @Override
        public Propagator propagator() {
            return inner.propagator();
        }

        @Override
        public Pupil pupil(Center center) {
            return inner.pupil(center);
        }

        @Override
        public Measurement measure(ObservedObject object, Pupil pupil) {
            List<Sample> s = PATTERN.generate(new SeededRandom(0));
            Pupil bad = inner.pupil(s.get(poisonedSample).start());
            Measurement m = inner.measure(object, pupil);
            if (pupil.box().equals(bad.box())) {
                float[] nan = new float[N * N];
                java.util.Arrays.fill(nan, Float.NaN);
                return Measurement.ofOwned(N, nan, false);
            }
            return m;
        }

        @Override
        public Measurement addNoise(Measurement clean, SeededRandom rng) {
            return inner.addNoise(clean, rng);
        }

        @Override
        public INDArray psf(Center center) {
            return inner.psf(center);
        }

        @Override
        public double resolutionLimit() {
            return inner.resolutionLimit();
        }
    }
}
