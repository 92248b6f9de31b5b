package org.prismjava.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.measure.FrameSimulator;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.measure.MeasurementSystem;
import org.prismjava.measure.RecordedFrames;
import org.prismjava.objects.ObservedObject;
import org.prismjava.objects.TestObjects;
import org.prismjava.sampling.Patterns;
import org.prismjava.sampling.Sample;
import org.prismjava.sampling.SamplingPattern;
import org.prismjava.telescope.SubApertureTelescope;
import org.prismjava.telescope.Telescope;
import org.prismjava.telescope.TelescopeConfig;
import org.prismjava.util.SeededRandom;

/**
 * Reconstructions of recorded frames: no object, no truth unless given; amplitude frames
 * reconstruct bit-identically to the simulation they came from; intensity frames are
 * self-calibrated, report their residuals and calibration, and resume exactly.
 */
class RecordedDataTrainerTest {
    private static final int N = 32;
    private static final Telescope TELESCOPE = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).build());
    private static final Telescope NOISY = new SubApertureTelescope(
            TelescopeConfig.builder(N).apertureRadius(4).snrDb(20).build());
    private static final ObservedObject OBJECT = TestObjects.europaLike(N, 12, 3);
    private static final SamplingPattern PATTERN = Patterns.fermat(6, 12);

    private static TrainerConfig config() {
        return TrainerConfig.builder().stepsPerCycle(20).refinementIterations(60).seed(42).build();
    }

    /** The set a file of the simulation's own measurements reads back to: the same frames, recorded. */
    private static MeasurementSet asRecorded(MeasurementSet acquired, Telescope t) {
        RecordedFrames r = MeasurementSet.recorded(t, acquired.objectSize()).unit(FrameUnit.AMPLITUDE);
        for (int k = 0; k < acquired.size(); k++) {
            r.addFrame(acquired.sample(k).start(), acquired.amplitude(k));
        }
        return r.build();
    }

    @Test
    void amplitudeFramesReconstructBitIdenticallyToTheSimulationTheyCameFrom() {
        for (Telescope t : List.of(TELESCOPE, NOISY)) {
            TrainingResult simulated = ProgressiveTrainer.builder().setTelescope(t).setObject(OBJECT)
                    .setPattern(PATTERN).optConfig(config()).build().run();
            MeasurementSet recorded = asRecorded(simulated.measurements().orElseThrow(), t);
            TrainingResult fromFrames = ProgressiveTrainer.builder().optMeasurements(recorded).optTruth(OBJECT)
                    .optConfig(config()).build().run();
            assertArrayEquals(simulated.reconstruction(), fromFrames.reconstruction(), "bit for bit with " + t);
            assertEquals(simulated.quality(), fromFrames.quality(), "scored against the same truth");
            TrainingResult noTruth = ProgressiveTrainer.builder().optMeasurements(recorded).optConfig(config()).build()
                    .run();
            assertArrayEquals(simulated.reconstruction(), noTruth.reconstruction(), "the truth only scores");
            assertTrue(noTruth.quality().isEmpty(), "no truth, no quality");
            assertTrue(Double.isNaN(noTruth.samples().get(2).ssim()), "per-sample SSIM is not a number");
            assertEquals(recorded.size(), noTruth.frameResiduals().length, "a residual per frame");
            assertTrue(noTruth.calibrationEstimate().isEmpty(), "amplitude frames are taken as calibrated");
        }
    }

    @Test
    void recordedFramesNeedNoObjectButRefuseWhatNeedsOne() {
        MeasurementSet recorded = asRecorded(MeasurementSet.acquire(MeasurementSystem.withDefaults(TELESCOPE), OBJECT,
                PATTERN.generate(new SeededRandom(0)), false, 0), TELESCOPE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProgressiveTrainer.builder().optConfig(config()).build());
        assertTrue(e.getMessage().contains("optMeasurements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProgressiveTrainer.builder().optMeasurements(recorded)
                .optConfig(TrainerConfig.builder(Algorithm.REFERENCE).build()).build());
        assertTrue(e.getMessage().contains("must be replay"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProgressiveTrainer.builder().optMeasurements(recorded)
                .setPattern(PATTERN).optConfig(config()).build());
        assertTrue(e.getMessage().contains("recorded centres"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProgressiveTrainer.builder().optMeasurements(recorded)
                .optConfig(TrainerConfig.builder().initializationTarget(InitializationTarget.SYNTHETIC_APERTURE)
                        .build()).build());
        assertTrue(e.getMessage().contains("need the object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProgressiveTrainer.builder().setTelescope(TELESCOPE)
                .setObject(OBJECT).setPattern(PATTERN).optTruth(OBJECT).build());
        assertTrue(e.getMessage().contains("scored against its object"), e.getMessage());
    }

    private static final List<Sample> SAMPLES = Patterns.fermat(8, 10).generate(new SeededRandom(1));

    /**
     * The Europa-like disk with a bright spot off its centre: the frame at the k-space origin of a
     * centrosymmetric object cannot tell its offset from the negative, an asymmetric one can.
     */
    static ObservedObject asymmetric() {
        float[] a = OBJECT.amplitudes();
        for (int r = 12; r < 15; r++) {
            for (int c = 17; c < 20; c++) {
                a[r * N + c] = 1f;
            }
        }
        return ObservedObject.of("europa with a spot", N, a);
    }

    private static final ObservedObject SPOTTED = asymmetric();
    private static final FrameSimulator.Settings REALISTIC = new FrameSimulator.Settings(1e6, 0, 1.0, 0.1, 1e-3);

    private static ProgressiveTrainer.Builder intensityRun(MeasurementSet data, CalibrationConfig calibration) {
        return ProgressiveTrainer.builder().optMeasurements(data).optTruth(SPOTTED).optCalibration(calibration)
                .optConfig(TrainerConfig.builder().stepsPerCycle(40).refinementIterations(300).seed(5).build());
    }

    @Test
    void intensityFramesAreSelfCalibratedAndTheResidualsSayHowWellTheyAreExplained() {
        FrameSimulator.Result sim = FrameSimulator.simulate(TELESCOPE, SPOTTED, SAMPLES, REALISTIC, 7);
        TrainingResult calibrated = intensityRun(sim.data(), CalibrationConfig.DEFAULT).build().run();
        TrainingResult asRecorded = intensityRun(sim.data(), CalibrationConfig.NONE).build().run();
        Calibration truth = sim.truthRelativeToReference();
        Calibration got = calibrated.calibrationEstimate().orElseThrow();
        assertTrue(truth.rmsOffset() > 0.8, "the simulated centres are about a pixel off: " + truth.rmsOffset());
        assertTrue(got.rmsOffsetError(truth) < 0.1, "centres recovered to 0.1 px rms: " + got.rmsOffsetError(truth));
        assertTrue(got.rmsLogFluxError(truth) < 0.05, "fluxes to 5%: " + got.rmsLogFluxError(truth));
        double ssim = calibrated.quality().orElseThrow().ssim();
        double uncalibrated = asRecorded.quality().orElseThrow().ssim();
        assertTrue(ssim > uncalibrated + 0.3, "self-calibration " + ssim + " vs frames as recorded " + uncalibrated);
        for (double r : calibrated.frameResiduals()) {
            assertTrue(r > 0.8 && r < 1.3, "every frame explained to its noise: " + r);
        }
        assertTrue(java.util.Arrays.stream(asRecorded.frameResiduals()).max().orElseThrow() > 5,
                "frames as recorded are not explained, and the residuals say so without a truth");
        assertEquals(List.of(), calibrated.framesAtCalibrationBound());
        assertTrue(String.valueOf(calibrated.provenance().toMap()).contains("poisson deviance"));
    }

    @Test
    void anInterruptedSelfCalibratingRunResumesBitIdentically(@TempDir Path dir) {
        FrameSimulator.Result sim = FrameSimulator.simulate(TELESCOPE, SPOTTED, SAMPLES, REALISTIC, 8);
        TrainingResult full = intensityRun(sim.data(), CalibrationConfig.DEFAULT).build().run();
        intensityRun(sim.data(), CalibrationConfig.DEFAULT).addListener(new CheckpointListener(dir))
                .addListener(EarlyStopListener.afterSamples(3)).build().run();
        TrainingResult resumed = intensityRun(sim.data(), CalibrationConfig.DEFAULT).optResumeFrom(dir).build().run();
        assertArrayEquals(full.reconstruction(), resumed.reconstruction(), "bit-identical reconstruction");
        assertEquals(full.calibrationEstimate(), resumed.calibrationEstimate(), "and calibration");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> intensityRun(sim.data(),
                CalibrationConfig.NONE).optResumeFrom(dir).build().run());
        assertTrue(e.getMessage().contains("calibration"), "another self-calibration is another run: " + e.getMessage());
    }
}
