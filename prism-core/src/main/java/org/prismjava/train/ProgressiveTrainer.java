package org.prismjava.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.prismjava.backend.Backends;
import org.prismjava.backend.ComputeBackend;
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

    /** A builder; telescope, object and pattern are required. */
    static Builder builder() {
        return new Builder();
    }

    /** Builder in DJL style: {@code setX} for required parts, {@code optX} for optional ones. */
    final class Builder {
        Telescope telescope;
        ObservedObject object;
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

        /** The instrument (required). */
        public Builder setTelescope(Telescope t) {
            this.telescope = t;
            return this;
        }

        /** The ground-truth object, on the telescope's grid (required). */
        public Builder setObject(ObservedObject o) {
            this.object = o;
            return this;
        }

        /** Where the sub-apertures go (required). */
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
         * Measurements already taken (replay algorithm): they must be the pattern's samples, in
         * order, from this trainer's telescope. Without them the trainer acquires its own from the
         * object ({@link MeasurementSet#acquire}, noise seeded from the config's seed); pass the
         * same set to other methods to compare them on identical data.
         */
        public Builder optMeasurements(MeasurementSet m) {
            this.measurements = m;
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
            Checks.check(telescope != null, "telescope", null, "is required (setTelescope)");
            Checks.check(object != null, "object", null, "is required (setObject)");
            Checks.check(pattern != null, "pattern", null, "is required (setPattern)");
            Checks.check(config != null, "config", null, "must not be null");
            Checks.check(lines != null, "lineAcquisition", null, "must not be null");
            ComputeBackend on = backend != null ? backend : Backends.cpu();
            Checks.check(on.precisions().contains(config.precision()), "config.precision()",
                    config.precision(),
                    "must be one that the " + on.name() + " backend runs: " + on.precisions());
            Checks.check(object.size() == telescope.gridSize(), "object.size()", object.size(),
                    "must equal the telescope grid " + telescope.gridSize());
            return new DefaultProgressiveTrainer(new RunSpecification(this, on));
        }
    }
}
