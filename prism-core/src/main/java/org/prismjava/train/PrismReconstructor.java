package org.prismjava.train;

import java.util.List;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.baseline.Reconstructor;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;

/**
 * PRISM's replay algorithm as a {@link Reconstructor}: the same contract as the classical
 * baselines (a {@link MeasurementSet} and the object square in, an image out, no ground truth),
 * so every method is run and compared the same way. The reconstruction's iterations are the
 * generator steps plus the refinement's; its calibration is the estimate of intensity frames.
 * Immutable (the listeners it is given are called by every run).
 */
public final class PrismReconstructor implements Reconstructor {
    private final TrainerConfig config;
    private final CalibrationConfig calibration;
    private final ComputeBackend backend;
    private final List<TrainingListener> listeners;

    /**
     * @param config the trainer's settings (the replay algorithm)
     * @param calibration what is estimated of intensity frames' calibration
     * @param backend where the training step runs, or null for the CPU
     * @param listeners added to every run's trainer (progress, for example), in order
     */
    public PrismReconstructor(TrainerConfig config, CalibrationConfig calibration, ComputeBackend backend,
            List<TrainingListener> listeners) {
        Checks.check(config != null && config.algorithm() == Algorithm.REPLAY, "config.algorithm()",
                config == null ? null : config.algorithm().id(), "must be replay (the reference measures its own targets)");
        Checks.check(calibration != null, "calibration", null, "must be set");
        this.config = config;
        this.calibration = calibration;
        this.backend = backend != null ? backend : Backends.cpu();
        Checks.check(listeners != null, "listeners", null, "must be a list");
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public String name() {
        return "prism";
    }

    /** Runs the trainer on the frames; {@code support} must be the set's object square. */
    @Override
    public Reconstruction reconstruct(MeasurementSet data, Region support) {
        Checks.check(data != null, "data", null, "must be set");
        Checks.check(data.support().equals(support), "support", support,
                "must be the measurements' object square " + data.support());
        ProgressiveTrainer.Builder b = ProgressiveTrainer.builder().optMeasurements(data).optConfig(config)
                .optCalibration(calibration).optBackend(backend);
        listeners.forEach(b::addListener);
        return asReconstruction(name(), b.build().run());
    }

    /**
     * A trainer's result as a {@link Reconstruction} of {@code method}: iterations are the
     * generator steps plus the refinement's.
     */
    public static Reconstruction asReconstruction(String method, TrainingResult r) {
        long steps = r.samples().stream().mapToLong(SampleRecord::steps).sum()
                + r.refinementRecord().map(f -> (long) f.iterations()).orElse(0L);
        int iterations = (int) Math.min(Integer.MAX_VALUE, steps);
        return new Reconstruction(method, r.gridSize(), r.reconstruction(), iterations, iterations, r.seconds(),
                r.refinementRecord().map(RefinementRecord::validationLoss).orElse(Double.NaN), r.calibration(),
                r.framesAtCalibrationBound());
    }
}
