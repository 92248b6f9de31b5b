package org.prismjava.step;

import java.util.List;
import java.util.Optional;
import org.prismjava.backend.Precision;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.calibration.Calibration;
import org.prismjava.calibration.CalibrationConfig;
import org.prismjava.calibration.SelfCalibration;
import org.prismjava.loss.ImageLoss;
import org.prismjava.loss.LossType;
import org.prismjava.loss.TotalVariation;
import org.prismjava.measure.DataFit;
import org.prismjava.measure.FrameUnit;
import org.prismjava.measure.MeasurementLoss;
import org.prismjava.measure.MeasurementOperator;
import org.prismjava.measure.MeasurementSet;
import org.prismjava.model.Adam;
import org.prismjava.model.ProgressiveDecoder;
import org.prismjava.optics.Pupil;
import org.prismjava.optics.Region;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * The CPU training step: {@link ProgressiveDecoder} on the heap, the telescope's propagator
 * through {@link MeasurementOperator} (paired targets) or {@link MeasurementLoss} (measured
 * samples), {@link Adam} and a {@link DynamicLossScaler}. Every other step is checked against
 * this one (docs/backends.md). A backend that accelerates only the FFT can return this step
 * over a telescope built on its plans.
 */
public final class CpuTrainingStep implements TrainingStep {
    /** FP16 scaler growth rule (PyTorch's GradScaler defaults). */
    private static final double SCALE_GROWTH = 2;
    private static final double SCALE_BACKOFF = 0.5;
    private static final int SCALE_INTERVAL = 2000;

    private final StepSpec spec;
    private final int n;
    private final ProgressiveDecoder decoder;
    private final DynamicLossScaler scaler;
    private final ImageLoss loss;
    private final ImageLoss initLoss = LossType.L1.create(true);
    private final Region square;
    private final float[] image;
    private final float[] gradImage;
    private final float[] predOld;
    private final float[] predNew;
    private final float[] gradOld;
    private final float[] gradNew;
    private final MeasurementSet data;
    private final DataFit fit;
    private final SelfCalibration calibration;
    private final CalibrationConfig calibrationConfig;
    private final boolean[] heldOut;
    private final double tvWeight;
    private final double[] termLosses;
    private MeasurementOperator operator;
    private Adam adam;
    private Objective objective;
    private boolean evaluated;

    /** A step for {@code spec}, its generator initialised from the spec's model seed. */
    public CpuTrainingStep(StepSpec spec) {
        Checks.check(spec != null, "spec", null, "must be set");
        this.spec = spec;
        this.n = spec.telescope().gridSize();
        this.decoder = ProgressiveDecoder.create(spec.decoder(), new SeededRandom(spec.modelSeed()), spec.precision());
        this.scaler = new DynamicLossScaler(spec.initialLossScale(), SCALE_GROWTH, SCALE_BACKOFF, SCALE_INTERVAL);
        this.loss = spec.loss().create(spec.normalizeLoss());
        this.square = decoder.outputSupport();
        this.image = new float[n * n];
        this.gradImage = new float[n * n];
        this.predOld = new float[n * n];
        this.predNew = new float[n * n];
        this.gradOld = new float[n * n];
        this.gradNew = new float[n * n];
        this.operator = newOperator();
        StepSpec.Measurements m = spec.measurements().orElse(null);
        if (m != null) {
            this.data = m.data();
            this.heldOut = m.heldOut();
            this.calibrationConfig = m.calibration();
            this.calibration = data.unit() == FrameUnit.INTENSITY
                    ? data.selfCalibration(calibrationConfig, m.calibrationStart() != null ? m.calibrationStart()
                            : data.nominalCalibration()) : null;
            this.fit = data.fit(square, m.loss().create(spec.normalizeLoss()), heldOut, calibration);
            this.tvWeight = m.tvWeight();
            this.termLosses = new double[data.size()];
        } else {
            this.data = null;
            this.fit = null;
            this.calibration = null;
            this.calibrationConfig = null;
            this.heldOut = null;
            this.tvWeight = 0;
            this.termLosses = null;
        }
    }

    private MeasurementOperator newOperator() {
        return new MeasurementOperator(spec.telescope().propagator(), square, spec.fusedPhysics());
    }

    @Override
    public int gridSize() {
        return n;
    }

    @Override
    public Region outputSupport() {
        return square;
    }

    @Override
    public void bind(StepObjective o) {
        Checks.check(o != null, "objective", null, "must be set");
        if (o instanceof StepObjective.ImageTarget t) {
            objective = new ImageObjective(checkedImage("goal", t.goalView()));
        } else if (o instanceof StepObjective.ApertureTarget t) {
            objective = new ApertureObjective(t.pupils(), checkedImage("goal", t.goalView()));
        } else if (o instanceof StepObjective.PairedTargets t) {
            objective = new PairedObjective(t.cumulative(), t.first() ? null : checkedImage("previous", t.previousView()),
                    t.pupils(), checkedImage("next", t.nextView()));
        } else {
            objective = measuredSamples(((StepObjective.MeasuredSamples) o).count());
        }
        evaluated = false;
    }

    private float[] checkedImage(String name, float[] v) {
        Checks.check(v.length == n * n, name + ".length", v.length, "must be N*N = " + n * n);
        return v;
    }

    private Objective measuredSamples(int count) {
        Checks.check(data != null, "objective", "MeasuredSamples(" + count + ")",
                "needs a step spec with measurements");
        Checks.check(count <= data.size(), "count", count, "must be at most the " + data.size() + " measured samples");
        return new ReplayObjective(count);
    }

    @Override
    public StepLosses evaluate() {
        Checks.check(objective != null, "objective", null, "must be bound before evaluate()");
        decoder.forward(image);
        StepLosses l = objective.evaluate();
        evaluated = true;
        return l;
    }

    @Override
    public boolean update(double learningRate) {
        Checks.check(evaluated, "update", "before evaluate()", "must follow an evaluation of the bound objective");
        Checks.check(adam != null, "optimizer", null, "must be started (resetOptimizer) before update()");
        objective.gradient();
        evaluated = false;
        return backwardAndStep(learningRate);
    }

    /**
     * Generator backward pass from {@code gradImage} and one optimizer step. Under mixed
     * precision the gradient is loss-scaled (FP16) before the backward pass, stored in 16 bits,
     * unscaled, and the step is skipped when it overflowed.
     */
    private boolean backwardAndStep(double lr) {
        Precision p = spec.precision();
        if (!p.isMixed()) {
            decoder.backward(gradImage);
            adam.step(lr);
            return true;
        }
        double scale = p == Precision.MIXED_FP16 ? scaler.scale() : 1;
        for (int i = 0; i < gradImage.length; i++) {
            gradImage[i] *= (float) scale;
        }
        decoder.backward(gradImage);
        boolean finite = decoder.parameters().unscaleGradients(p, 1 / scale);
        if (scaler.update(!finite)) {
            adam.step(lr);
            return true;
        }
        return false;
    }

    @Override
    public void resetOptimizer() {
        adam = new Adam(decoder.parameters(), spec.optimizer());
    }

    @Override
    public void reconstruct(float[] out) {
        checkedImage("out", out);
        decoder.forward(out);
    }

    @Override
    public Reconstruction refine(float[] start, JointPhaseRetrieval.Config config) {
        Checks.check(data != null, "refine", "without measurements", "needs a step spec with measurements");
        checkedImage("start", start);
        return new JointPhaseRetrieval(config, calibrationConfig).refine(data, square, start, heldOut,
                calibration == null ? null : calibration.current());
    }

    @Override
    public Optional<Calibration> calibration() {
        return calibration == null ? Optional.empty() : Optional.of(calibration.current());
    }

    @Override
    public long skippedUpdates() {
        return scaler.skippedSteps();
    }

    @Override
    public StepState state() {
        return new StepState(decoder.parameters().copyValues(), adam == null ? null : adam.state(), scaler.state(),
                calibration == null ? null : calibration.state());
    }

    @Override
    public void restore(StepState s) {
        Checks.check(s != null, "state", null, "must be set");
        float[] p = s.parameters();
        Checks.check(p.length == decoder.parameters().size(), "state.parameters", p.length + " values",
                "must match the decoder's " + decoder.parameters().size());
        decoder.parameters().setValues(p);
        if (s.optimizer() != null) {
            adam = new Adam(decoder.parameters(), spec.optimizer());
            adam.restore(s.optimizer());
        } else {
            adam = null;
        }
        scaler.restore(s.lossScaler());
        Checks.check((s.calibration() != null) == (calibration != null), "state.calibration",
                s.calibration() == null ? "absent" : "present", calibration == null
                        ? "must be absent: this step estimates no calibration"
                        : "must be present: this step self-calibrates intensity frames");
        if (calibration != null) {
            calibration.restore(s.calibration());
        }
        evaluated = false;
    }

    // ---------------------------------------------------------------- objectives

    /** The physics and loss of a binding: losses of the current {@code image}, then d loss / d image. */
    private interface Objective {
        StepLosses evaluate();

        /** Leaves the gradient of the last evaluation in {@code gradImage}. */
        void gradient();
    }

    private final class ImageObjective implements Objective {
        private final float[] goal;

        ImageObjective(float[] goal) {
            this.goal = goal;
        }

        @Override
        public StepLosses evaluate() {
            double v = initLoss.evaluate(image, goal, n, n, gradImage);
            return new StepLosses(v, v);
        }

        @Override
        public void gradient() {
            // evaluate left it in gradImage
        }
    }

    private final class ApertureObjective implements Objective {
        private final List<Pupil> pupils;
        private final float[] goal;

        ApertureObjective(List<Pupil> pupils, float[] goal) {
            this.pupils = pupils;
            this.goal = goal;
        }

        @Override
        public StepLosses evaluate() {
            operator.forward(image, null, pupils, null, predNew);
            double v = initLoss.evaluate(predNew, goal, n, n, gradNew);
            return new StepLosses(v, v);
        }

        @Override
        public void gradient() {
            operator.backward(null, gradNew, gradImage);
        }
    }

    /** The reference objective (spec 8.3): the new target and the previous reconstruction through the cumulative mask. */
    private final class PairedObjective implements Objective {
        private final Pupil oldPupil;
        private final float[] targetOld;
        private final List<Pupil> newPupils;
        private final float[] targetNew;
        private final boolean first;

        PairedObjective(Pupil oldPupil, float[] targetOld, List<Pupil> newPupils, float[] targetNew) {
            this.oldPupil = oldPupil;
            this.targetOld = targetOld;
            this.newPupils = newPupils;
            this.targetNew = targetNew;
            this.first = oldPupil == null;
        }

        @Override
        public StepLosses evaluate() {
            if (!spec.reuseBuffers()) {
                operator = newOperator();
            }
            operator.forward(image, oldPupil, newPupils, predOld, predNew);
            double lossNew = loss.evaluate(predNew, targetNew, n, n, gradNew);
            double lossOld = first ? lossNew : loss.evaluate(predOld, targetOld, n, n, gradOld);
            return new StepLosses(lossOld, lossNew);
        }

        @Override
        public void gradient() {
            if (first) {
                for (int i = 0; i < gradNew.length; i++) {
                    gradNew[i] *= 2;
                }
            }
            operator.backward(gradOld, gradNew, gradImage);
        }
    }

    /**
     * The replay objective: samples 0..count-1, each weighted {@code 1/count}; old = the mean
     * loss of the earlier samples (the new one's for count 1), plus total variation when set.
     */
    private final class ReplayObjective implements Objective {
        private final int k;

        ReplayObjective(int count) {
            this.k = count - 1;
        }

        @Override
        public StepLosses evaluate() {
            fit.evaluate(image, k + 1, gradImage, termLosses);
            if (tvWeight > 0) {
                TotalVariation.STANDARD.addTo(image, n, square, tvWeight, gradImage);
            }
            double lossNew = termLosses[k];
            return new StepLosses(k == 0 ? lossNew : mean(termLosses, k), lossNew);
        }

        @Override
        public void gradient() {
            // evaluate already left the gradient in gradImage; the calibration steps beside the generator
            fit.updateCalibration();
        }
    }

    private static double mean(double[] v, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += v[i];
        }
        return s / count;
    }
}
