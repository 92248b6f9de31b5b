package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.loss.LossType;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.SamplingPattern;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/** The replay algorithm: its losses, refinement, hold-out, resume and the measurements it accepts. */
class ReplayTrainerTest {
    private static final int N = 32;
    private static final Telescope TELESCOPE = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).build());
    private static final Telescope NOISY = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).snrDb(20).build());
    private static final ObservedObject OBJECT = TestObjects.europaLike(N, 12, 3);
    private static final SamplingPattern PATTERN = Patterns.fermat(6, 12);

    private static TrainerConfig.Builder small() {
        return TrainerConfig.builder().stepsPerCycle(20).refinementIterations(60).seed(42);
    }

    private static ProgressiveTrainer.Builder trainer(Telescope t, TrainerConfig config) {
        return ProgressiveTrainer.builder().setTelescope(t).setObject(OBJECT).setPattern(PATTERN).optConfig(config);
    }

    @Test
    void trainsAgainstEverySampleSoFarThenRefines() {
        List<double[]> losses = new ArrayList<>();
        TrainingListener spy = new TrainingListener() {
            @Override
            public void onStepEnd(TrainingContext c, int sample, int step, double lossOld, double lossNew) {
                if (step == 1) {
                    losses.add(new double[] {sample, lossOld, lossNew});
                }
            }
        };
        RefinementRecord[] seen = new RefinementRecord[1];
        TrainingListener refinement = new TrainingListener() {
            @Override
            public void onRefinementEnd(TrainingContext c, RefinementRecord r) {
                seen[0] = r;
            }
        };
        TrainingResult r = trainer(TELESCOPE, small().build()).addListener(spy).addListener(refinement).build().run();
        assertNull(r.initialization(), "no initialization phase by default");
        assertEquals(6, losses.size());
        assertEquals(losses.get(0)[1], losses.get(0)[2], 0.0, "sample 1 has no earlier samples: old = new");
        assertNotEquals(losses.get(3)[1], losses.get(3)[2], "later: old is the mean over the earlier samples");
        RefinementRecord f = r.refinementRecord().orElseThrow();
        assertEquals(f, seen[0]);
        assertEquals(60, f.iterations());
        assertEquals(60, f.bestIteration(), "noiseless: no hold-out, the last iterate");
        assertTrue(Double.isNaN(f.validationLoss()));
        assertEquals(r.last().orElseThrow().ssim(), f.before().ssim(), 0.0);
        assertEquals(f.after(), r.quality().orElseThrow(), "the result's quality is the refined image's");
        assertTrue(f.after().ssim() > 0.9, "SSIM " + f.after().ssim());
        assertTrue(String.valueOf(r.provenance().toMap()).contains("algorithm=replay"));
    }

    @Test
    void interruptedAndResumedRunEndsBitIdenticalAndRefinesOnce(@TempDir Path dir) {
        TrainerConfig config = small().build();
        TrainingResult full = trainer(TELESCOPE, config).build().run();
        TrainingResult first = trainer(TELESCOPE, config).addListener(new CheckpointListener(dir))
                .addListener(EarlyStopListener.afterSamples(3)).build().run();
        assertNull(first.refinement(), "a stopped run does not refine");
        TrainingResult resumed = trainer(TELESCOPE, config).optResumeFrom(dir).build().run();
        assertArrayEquals(full.reconstruction(), resumed.reconstruction(), "bit-identical after resume");
        assertEquals(full.refinement().after(), resumed.refinement().after());
        for (int k = 0; k < 6; k++) {
            assertEquals(full.samples().get(k).lossOld(), resumed.samples().get(k).lossOld(), 0.0);
        }
    }

    @Test
    void noisyMeasurementsHoldOutPixelsAndTheRefinementStopsOnThem() {
        TrainingResult r = trainer(NOISY, small().refinementIterations(2000).build()).build().run();
        RefinementRecord f = r.refinementRecord().orElseThrow();
        assertTrue(Double.isFinite(f.validationLoss()), "validated on held-out pixels");
        assertTrue(f.iterations() < 2000, "stopped early after " + f.iterations());
        assertTrue(String.valueOf(r.provenance().toMap()).contains("0.1 of the detector (noisy measurements)"));
        TrainingResult none = trainer(NOISY, small().holdoutFraction(0).build()).build().run();
        assertTrue(Double.isNaN(none.refinement().validationLoss()), "holdoutFraction 0 holds out nothing");
    }

    @Test
    void givenMeasurementsAreUsedAsTheyAre() {
        RunSeeds seeds = RunSeeds.of(42);
        MeasurementSet data = MeasurementSet.acquire(MeasurementSystem.withDefaults(NOISY), OBJECT,
                PATTERN.generate(new SeededRandom(seeds.pattern())), true, seeds.noise());
        TrainerConfig config = small().refinementIterations(0).build();
        float[] own = trainer(NOISY, config).build().run().reconstruction();
        float[] given = trainer(NOISY, config).optMeasurements(data).build().run().reconstruction();
        assertArrayEquals(own, given, "the trainer acquires exactly what RunSeeds describes");
        MeasurementSet other = MeasurementSet.acquire(MeasurementSystem.withDefaults(NOISY), OBJECT,
                Patterns.fermat(5, 12).generate(new SeededRandom(0)), true, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> trainer(NOISY, config).optMeasurements(other).build()).getMessage()
                .startsWith("measurements = 5 samples is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> trainer(TELESCOPE, config).optMeasurements(data)
                .build()).getMessage().contains("must come from this trainer's telescope"));
        TrainerConfig reference = TrainerConfig.builder(Algorithm.REFERENCE).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> trainer(NOISY, reference).optMeasurements(data)
                .build()).getMessage().contains("are used by the replay algorithm only"));
    }

    @Test
    void eachAlgorithmHasItsDefaultsAndRejectsTheOthersSwitches() {
        TrainerConfig replay = TrainerConfig.DEFAULT;
        assertEquals(Algorithm.REPLAY, replay.algorithm());
        assertEquals(100, replay.stepsPerCycle());
        assertEquals(3e-3, replay.learningRate());
        assertEquals(InitializationTarget.NONE, replay.initializationTarget());
        assertEquals(1000, replay.refinementIterations());
        assertEquals(0.1, replay.holdoutFraction());
        TrainerConfig reference = TrainerConfig.builder(Algorithm.REFERENCE).build();
        assertEquals(1000, reference.stepsPerCycle());
        assertEquals(1e-3, reference.learningRate());
        assertEquals(InitializationTarget.CIRCLE, reference.initializationTarget());
        assertEquals(0, reference.refinementIterations());
        assertTrue(reference.resetOptimizerPerSample());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().measureEveryStep(true)
                .build()).getMessage().contains("apply to the reference algorithm only"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder(Algorithm.REFERENCE)
                .refinementIterations(5).build()).getMessage().contains("has no refinement"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().lossType(LossType.SSIM)
                .build()).getMessage().startsWith("lossType = ssim is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().holdoutFraction(0.6)
                .build()).getMessage().startsWith("holdoutFraction = 0.6 is invalid"));
        assertEquals(Algorithm.REFERENCE, Algorithm.byName("Reference"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Algorithm.byName("ptycho")).getMessage()
                .startsWith("algorithm = ptycho is invalid"));
    }
}
