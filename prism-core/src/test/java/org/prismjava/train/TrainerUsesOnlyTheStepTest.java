package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.step.CountingStep;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;

/**
 * The trainer trains through the step SPI and nothing else: a backend whose step wraps the CPU
 * step and counts its calls gives bit-identical results, and the counts are exactly what the
 * protocol predicts (one evaluation per step, one update per evaluation that did not stop the
 * sample, one reconstruction per sample, one refinement, state for each checkpoint, one restore
 * on resume, one close).
 */
class TrainerUsesOnlyTheStepTest {
    private static final int N = 32;
    private static final Telescope NOISY = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).snrDb(25).build());
    private static final Telescope CLEAN = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).build());
    private static final int SAMPLES = 4;

    private static ProgressiveTrainer.Builder trainer(Telescope t, TrainerConfig c, ComputeBackend on) {
        return ProgressiveTrainer.builder().setTelescope(t).setObject(TestObjects.europaLike(N, 12, 3))
                .setPattern(Patterns.fermat(SAMPLES, 10)).optConfig(c).optBackend(on);
    }

    /** Replay on noisy data with a measurement initialisation and the refinement; nothing converges. */
    private static TrainerConfig replay() {
        return TrainerConfig.builder().stepsPerCycle(5).maxCycles(1).lossThreshold(Double.MIN_NORMAL)
                .initializationTarget(InitializationTarget.MEASUREMENT).initStepsPerCycle(3).initMaxCycles(2)
                .refinementIterations(20).seed(11).build();
    }

    @Test
    void aReplayRunIsTheStepsCallsAndNothingElse() {
        TrainingResult cpu = trainer(NOISY, replay(), Backends.cpu()).build().run();
        TrainingResult counted = trainer(NOISY, replay(), CountingStep.backend()).build().run();
        CountingStep step = CountingStep.last();
        assertSameResult(cpu, counted);
        int steps = counted.samples().stream().mapToInt(SampleRecord::steps).sum() + counted.initialization().steps();
        assertEquals(SAMPLES * 5 + 6, steps);
        assertEquals(steps, step.calls("evaluate"), "one evaluation per step");
        assertEquals(steps, step.calls("update"), "every evaluation is followed by an update (nothing converged)");
        assertEquals(1, step.calls("bind.ApertureTarget"), "the initialization's objective");
        assertEquals(SAMPLES, step.calls("bind.MeasuredSamples"), "one objective per sample");
        assertEquals(2, step.calls("resetOptimizer"), "initialization's optimiser, then the progressive one");
        assertEquals(1 + SAMPLES, step.calls("reconstruct"), "after initialization and after each sample");
        assertEquals(1, step.calls("refine"));
        assertEquals(1, step.calls("close"));
        assertEquals(0, step.calls("state"), "no checkpoint was asked for");
    }

    @Test
    void theReferenceRebindsItsTargetsWhenItMeasuresEveryStep() {
        TrainerConfig c = TrainerConfig.builder(Algorithm.REFERENCE).stepsPerCycle(4).maxCycles(1)
                .lossThreshold(Double.MIN_NORMAL).initializationTarget(InitializationTarget.NONE)
                .measureEveryStep(true).seed(12).build();
        TrainingResult cpu = trainer(NOISY, c, Backends.cpu()).build().run();
        TrainingResult counted = trainer(NOISY, c, CountingStep.backend()).build().run();
        CountingStep step = CountingStep.last();
        assertSameResult(cpu, counted);
        assertEquals(SAMPLES * 4, step.calls("bind.PairedTargets"), "fresh targets before every step");
        assertEquals(SAMPLES, step.calls("resetOptimizer"), "the reference starts a fresh Adam per sample");
        assertEquals(1 + SAMPLES, step.calls("reconstruct"), "the untrained image, then one per sample");
        assertEquals(0, step.calls("refine"), "the reference does not refine");
    }

    @Test
    void checkpointsAskForTheStateAndResumeRestoresItOnce(@TempDir Path dir) {
        TrainerConfig c = replay();
        TrainingResult full = trainer(CLEAN, c, Backends.cpu()).build().run();
        trainer(CLEAN, c, CountingStep.backend()).addListener(new CheckpointListener(dir))
                .addListener(EarlyStopListener.afterSamples(2)).build().run();
        CountingStep first = CountingStep.last();
        assertEquals(2, first.calls("state"), "one state per checkpoint");
        assertEquals(0, first.calls("refine"), "a stopped run does not refine");
        TrainingResult resumed = trainer(CLEAN, c, CountingStep.backend()).optResumeFrom(dir).build().run();
        CountingStep second = CountingStep.last();
        assertNotSame(first, second);
        assertEquals(1, second.calls("restore"));
        assertEquals(0, second.calls("resetOptimizer"), "the restored optimiser continues");
        assertEquals(0, second.calls("bind.ApertureTarget"), "a resumed run does not initialise again");
        assertEquals(SAMPLES - 2, second.calls("bind.MeasuredSamples"));
        assertArrayEquals(full.reconstruction(), resumed.reconstruction(), "bit-identical after resume");
    }

    private static void assertSameResult(TrainingResult want, TrainingResult got) {
        assertArrayEquals(want.reconstruction(), got.reconstruction(), "bit-identical reconstruction");
        List<SampleRecord> a = want.samples();
        List<SampleRecord> b = got.samples();
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).lossOld(), b.get(k).lossOld(), 0.0, "lossOld of sample " + k);
            assertEquals(a.get(k).lossNew(), b.get(k).lossNew(), 0.0, "lossNew of sample " + k);
            assertEquals(a.get(k).steps(), b.get(k).steps(), "steps of sample " + k);
        }
        assertEquals(want.skippedSteps(), got.skippedSteps());
    }
}
