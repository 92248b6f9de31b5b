package org.prismjava.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.LineAcquisition;
import org.prismjava.measure.MeasurementCache;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.model.DecoderConfig;
import org.prismjava.objects.ObservedObject;
import org.prismjava.sampling.SamplingPattern;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;

/**
 * Reconstructs an object by training a generator progressively, one sub-aperture sample at a
 * time (spec 8). Assemble one with {@link #builder()}; {@link #run()} performs initialization
 * and the per-sample loop and returns a {@link TrainingResult}.
 */
public interface ProgressiveTrainer {
    /** Runs to the end of the pattern (or until a listener stops it) and returns the result. */
    TrainingResult run();

    /** What this trainer runs, fixed when it was built. */
    RunSpecification specification();

    /**
     * A builder. A simulation needs a telescope, the object and a pattern; a reconstruction of
     * recorded frames needs only the measurements ({@link Builder#optMeasurements}).
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builder in DJL style: {@code setX} for required parts, {@code optX} for optional ones. Two
     * workflows: simulate ({@code setTelescope}, {@code setObject}, {@code setPattern}; the
     * trainer measures the object, or is given those measurements) or reconstruct recorded frames
     * ({@code optMeasurements} alone: telescope, samples and object square come from the set; no
     * object, {@code optTruth} to score against one).
     */
    final class Builder {
        Telescope telescope;
        ObservedObject object;
        ObservedObject truth;
        CalibrationConfig calibration = CalibrationConfig.DEFAULT;
        Calibration calibrationStart;
        SamplingPattern pattern;
        DecoderConfig decoder;
        TrainerConfig config = TrainerConfig.DEFAULT;
        MeasurementCache cache;
        LineAcquisition lines = LineAcquisition.DEFAULT;
        Path resumeFrom;
        MeasurementSet measurements;
        ComputeBackend backend;
        final List<TrainingListener> listeners = new ArrayList<>();

        Builder() {
        }

        /** The instrument (required for a simulation; recorded frames bring their own). */
        public Builder setTelescope(Telescope t) {
            this.telescope = t;
            return this;
        }

        /** The object a simulation measures and scores against, on the telescope's grid. */
        public Builder setObject(ObservedObject o) {
            this.object = o;
            return this;
        }

        /** Where the sub-apertures go (required for a simulation; recorded frames bring their samples). */
        public Builder setPattern(SamplingPattern p) {
            this.pattern = p;
            return this;
        }

        /** Generator architecture (default: automatic for the grid and the object's centred square). */
        public Builder optDecoder(DecoderConfig d) {
            this.decoder = d;
            return this;
        }

        /** Trainer settings (default {@link TrainerConfig#DEFAULT}). */
        public Builder optConfig(TrainerConfig c) {
            this.config = c;
            return this;
        }

        /** The measurement cache to use (default: a new LRU cache unless the policy is OFF). */
        public Builder optCache(MeasurementCache c) {
            this.cache = c;
            return this;
        }

        /**
         * Measurements already taken (replay algorithm). With an object: they must be the
         * pattern's samples, in order, from this trainer's telescope (without them the trainer
         * acquires its own, {@link MeasurementSet#acquire}, noise seeded from the config's seed;
         * pass the same set to other methods to compare them on identical data). Without an
         * object: recorded frames ({@link MeasurementSet#recorded}), reconstructed without a
         * ground truth.
         */
        public Builder optMeasurements(MeasurementSet m) {
            this.measurements = m;
            return this;
        }

        /**
         * A ground truth for recorded frames, on their grid: the run reports SSIM, PSNR and RMSE
         * against it (intensity frames after the least-squares brightness factor, since counts
         * carry no absolute scale). A simulation scores against its object.
         */
        public Builder optTruth(ObservedObject t) {
            this.truth = t;
            return this;
        }

        /**
         * What is estimated of intensity frames' calibration (default {@link CalibrationConfig#DEFAULT}:
         * fluxes, background and pupil centres; {@link CalibrationConfig#NONE} takes the frames as
         * recorded). Amplitude frames are taken as calibrated.
         */
        public Builder optCalibration(CalibrationConfig c) {
            this.calibration = c;
            return this;
        }

        /**
         * Where the calibration estimate of intensity frames starts (default: the frames as
         * recorded); with {@link CalibrationConfig#NONE} the reconstruction takes it as exact, for
         * example the true calibration of simulated frames.
         */
        public Builder optCalibrationStart(Calibration start) {
            this.calibrationStart = start;
            return this;
        }

        /** How line samples are discretised. */
        public Builder optLineAcquisition(LineAcquisition l) {
            this.lines = l;
            return this;
        }

        /**
         * The compute backend (default {@link Backends#cpu()}): it must support the configured
         * precision and is named in the provenance. The physics runs on the telescope's FFT plans;
         * build the telescope with {@code backend.fft2(n)} to use the backend's.
         */
        public Builder optBackend(ComputeBackend b) {
            this.backend = b;
            return this;
        }

        /** Continue from the newest checkpoint in this directory (written by {@link CheckpointListener}). */
        public Builder optResumeFrom(Path checkpointDir) {
            this.resumeFrom = checkpointDir;
            return this;
        }

        /** Adds a listener (called in the order added). */
        public Builder addListener(TrainingListener l) {
            Checks.check(l != null, "listener", null, "must not be null");
            listeners.add(l);
            return this;
        }

        /** Validates and builds. */
        public ProgressiveTrainer build() {
            Checks.check(config != null, "config", null, "must not be null");
            Checks.check(lines != null, "lineAcquisition", null, "must not be null");
            Checks.check(calibration != null, "calibration", null, "must not be null");
            if (object == null) {
                checkRecorded();
            } else {
                Checks.check(telescope != null, "telescope", null, "is required (setTelescope)");
                Checks.check(pattern != null, "pattern", null, "is required (setPattern)");
                Checks.check(truth == null, "truth", truth, "is for recorded frames; a simulation is scored against"
                        + " its object");
                Checks.check(calibrationStart == null, "calibrationStart", calibrationStart,
                        "is for recorded intensity frames; simulated frames are exact");
            }
            ComputeBackend on = backend != null ? backend : Backends.cpu();
            Checks.check(on.precisions().contains(config.precision()), "config.precision()",
                    config.precision(),
                    "must be one that the " + on.name() + " backend runs: " + on.precisions());
            Checks.check(object == null || object.size() == telescope.gridSize(), "object.size()",
                    object == null ? null : object.size(), "must equal the telescope grid "
                            + (telescope == null ? null : telescope.gridSize()));
            return new DefaultProgressiveTrainer(new RunSpecification(this, on));
        }

        /** A run on recorded frames: measurements, the replay algorithm, no target that needs the object. */
        private void checkRecorded() {
            Checks.check(measurements != null, "object", null, "or measurements is required: setObject (with"
                    + " setTelescope and setPattern) to simulate, optMeasurements to reconstruct recorded frames");
            Checks.check(config.algorithm() == Algorithm.REPLAY, "algorithm", config.algorithm().id(),
                    "must be replay for recorded frames (the reference algorithm measures its targets from an object)");
            InitializationTarget t = config.initializationTarget();
            Checks.check(t == InitializationTarget.NONE || t == InitializationTarget.CIRCLE || config.initMaxCycles() == 0,
                    "initializationTarget", t, "must be none or circle for recorded frames (the others need the object)");
            Checks.check(telescope == null || telescope.config().equals(measurements.telescope().config()), "telescope",
                    telescope, "must be the measurements' own, or left out");
            Checks.check(pattern == null, "pattern", pattern == null ? null : pattern.name(),
                    "must be left out for recorded frames: their samples are the recorded centres");
            int n = measurements.gridSize();
            Checks.check(truth == null || truth.size() == n, "truth.size()", truth == null ? null : truth.size(),
                    "must equal the measurements' grid " + n);
            Checks.check(calibrationStart == null || measurements.unit() == FrameUnit.INTENSITY, "calibrationStart",
                    calibrationStart, "applies to intensity frames only");
        }
    }
}
