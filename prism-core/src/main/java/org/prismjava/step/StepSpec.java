package org.prismjava.step;

import java.util.Optional;
import org.prismjava.backend.Precision;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.loss.LossType;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.model.AdamConfig;
import org.prismjava.model.DecoderConfig;
import org.prismjava.telescope.Telescope;
import org.prismjava.util.Checks;

/**
 * Everything a backend needs to create a {@link TrainingStep}: the generator (architecture and
 * the seed of its initial weights), the telescope whose propagator the physics runs, the
 * precision, the losses, the optimiser, and for the replay algorithm the measured samples.
 * Immutable; build one with {@link #builder}.
 */
public final class StepSpec {
    private final DecoderConfig decoder;
    private final long modelSeed;
    private final Telescope telescope;
    private final Precision precision;
    private final LossType loss;
    private final boolean normalizeLoss;
    private final AdamConfig optimizer;
    private final double initialLossScale;
    private final boolean fusedPhysics;
    private final boolean reuseBuffers;
    private final Measurements measurements;

    private StepSpec(Builder b) {
        Checks.check(b.decoder.gridSize() == b.telescope.gridSize(), "decoder.gridSize()", b.decoder.gridSize(),
                "must equal the telescope grid " + b.telescope.gridSize());
        Checks.check(b.precision != null, "precision", null, "must be set");
        Checks.check(b.loss != null, "loss", null, "must be set");
        Checks.check(b.optimizer != null, "optimizer", null, "must be set");
        Checks.positive("initialLossScale", b.initialLossScale);
        this.decoder = b.decoder;
        this.modelSeed = b.modelSeed;
        this.telescope = b.telescope;
        this.precision = b.precision;
        this.loss = b.loss;
        this.normalizeLoss = b.normalizeLoss;
        this.optimizer = b.optimizer;
        this.initialLossScale = b.initialLossScale;
        this.fusedPhysics = b.fusedPhysics;
        this.reuseBuffers = b.reuseBuffers;
        this.measurements = b.measurements;
    }

    /** A builder for {@code decoder} on {@code telescope}'s grid. */
    public static Builder builder(DecoderConfig decoder, Telescope telescope) {
        return new Builder(decoder, telescope);
    }

    /** The generator's architecture. */
    public DecoderConfig decoder() {
        return decoder;
    }

    /** Seed of the generator's initial weights (spec 6.6). */
    public long modelSeed() {
        return modelSeed;
    }

    /** The instrument: grid, pupils and propagator. */
    public Telescope telescope() {
        return telescope;
    }

    /** The generator's arithmetic. */
    public Precision precision() {
        return precision;
    }

    /** The loss of {@link StepObjective.PairedTargets}. */
    public LossType loss() {
        return loss;
    }

    /** Whether losses are normalised by the target's magnitude (spec 7). */
    public boolean normalizeLoss() {
        return normalizeLoss;
    }

    /** Adam's hyper-parameters (its learning rate is given to every update). */
    public AdamConfig optimizer() {
        return optimizer;
    }

    /** First loss scale under FP16 mixed precision. */
    public double initialLossScale() {
        return initialLossScale;
    }

    /** Both branches of a paired objective through one shared transform (spec 3.3). */
    public boolean fusedPhysics() {
        return fusedPhysics;
    }

    /** Keep the physics work buffers across evaluations (otherwise allocate them each time). */
    public boolean reuseBuffers() {
        return reuseBuffers;
    }

    /** The measured samples {@link StepObjective.MeasuredSamples} and refinement use, if any. */
    public Optional<Measurements> measurements() {
        return Optional.ofNullable(measurements);
    }

    /**
     * The measured samples of a replay run and how they are fitted.
     *
     * @param data the measurements (from the spec's telescope)
     * @param loss the data loss
     * @param heldOut detector pixels hidden from the fit (row-major N*N), or null
     * @param tvWeight weight of the total-variation prior, {@code >= 0}
     * @param calibration what the step and its refinement estimate of intensity frames'
     *     calibration (amplitude frames are taken as calibrated)
     * @param calibrationStart where the estimate starts, or null for the frames as recorded
     *     ({@link MeasurementSet#nominalCalibration()})
     */
    public record Measurements(MeasurementSet data, LossType loss, boolean[] heldOut, double tvWeight,
            CalibrationConfig calibration, Calibration calibrationStart) {
        /** Validates and copies the hold-out mask. */
        public Measurements {
            Checks.check(data != null, "data", null, "must be set");
            Checks.check(loss != null, "loss", null, "must be set");
            Checks.check(calibration != null, "calibration", null, "must be set");
            Checks.check(calibrationStart == null || calibrationStart.frames() == data.size(), "calibrationStart",
                    calibrationStart == null ? null : calibrationStart.frames() + " frames",
                    "must calibrate the data's " + data.size() + " frames");
            int n = data.gridSize();
            Checks.check(heldOut == null || heldOut.length == n * n, "heldOut.length",
                    heldOut == null ? 0 : heldOut.length, "must be N*N = " + n * n);
            Checks.check(tvWeight >= 0 && Double.isFinite(tvWeight), "tvWeight", tvWeight, "must be >= 0 and finite");
            heldOut = heldOut == null ? null : heldOut.clone();
        }

        /** Measurements whose intensity frames (if any) are self-calibrated by {@link CalibrationConfig#DEFAULT}. */
        public Measurements(MeasurementSet data, LossType loss, boolean[] heldOut, double tvWeight) {
            this(data, loss, heldOut, tvWeight, CalibrationConfig.DEFAULT, null);
        }

        @Override
        public boolean[] heldOut() {
            return heldOut == null ? null : heldOut.clone();
        }
    }

    /** Builder: defaults are FP32, L1 normalised, Adam at 1e-3, loss scale 65536, fused, reused buffers. */
    public static final class Builder {
        private final DecoderConfig decoder;
        private final Telescope telescope;
        private long modelSeed;
        private Precision precision = Precision.FP32;
        private LossType loss = LossType.L1;
        private boolean normalizeLoss = true;
        private AdamConfig optimizer = AdamConfig.DEFAULT;
        private double initialLossScale = 65536;
        private boolean fusedPhysics = true;
        private boolean reuseBuffers = true;
        private Measurements measurements;

        private Builder(DecoderConfig decoder, Telescope telescope) {
            Checks.check(decoder != null, "decoder", null, "must be set");
            Checks.check(telescope != null, "telescope", null, "must be set");
            this.decoder = decoder;
            this.telescope = telescope;
        }

        /** Seed of the initial weights. */
        public Builder modelSeed(long seed) {
            this.modelSeed = seed;
            return this;
        }

        /** The generator's arithmetic. */
        public Builder precision(Precision p) {
            this.precision = p;
            return this;
        }

        /** The paired objective's loss and whether it is normalised. */
        public Builder loss(LossType type, boolean normalize) {
            this.loss = type;
            this.normalizeLoss = normalize;
            return this;
        }

        /** Adam's hyper-parameters. */
        public Builder optimizer(AdamConfig c) {
            this.optimizer = c;
            return this;
        }

        /** First FP16 loss scale. */
        public Builder initialLossScale(double s) {
            this.initialLossScale = s;
            return this;
        }

        /** Fused paired physics (default on). */
        public Builder fusedPhysics(boolean on) {
            this.fusedPhysics = on;
            return this;
        }

        /** Reused physics buffers (default on). */
        public Builder reuseBuffers(boolean on) {
            this.reuseBuffers = on;
            return this;
        }

        /** The measured samples (replay), or null for none. */
        public Builder measurements(Measurements m) {
            if (m != null) {
                Checks.check(m.data().telescope().config().equals(telescope.config()), "measurements",
                        "taken with " + m.data().telescope().config(), "must come from the spec's telescope");
            }
            this.measurements = m;
            return this;
        }

        /** Validates and builds. */
        public StepSpec build() {
            return new StepSpec(this);
        }
    }
}
