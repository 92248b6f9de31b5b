package org.prismjava.step;

import org.prismjava.calibration.SelfCalibration;
import org.prismjava.model.Adam;
import org.prismjava.util.Checks;

/**
 * What a step must hand over for a checkpoint and take back on resume: the generator's
 * parameters (FP32 masters, the layout of {@link org.prismjava.model.ProgressiveDecoder}), the
 * optimiser's moments (null before the first progressive update) and the loss scaler.
 *
 * @param parameters every trainable value, in layout order
 * @param optimizer Adam's moments, or null when no optimiser has run
 * @param lossScaler the dynamic loss scaler
 * @param calibration the self-calibration of intensity frames, or null when the step estimates none
 */
public record StepState(float[] parameters, Adam.State optimizer, DynamicLossScaler.State lossScaler,
        SelfCalibration.State calibration) {
    /** Validates and copies the parameters. */
    public StepState {
        Checks.check(parameters != null, "parameters", null, "must be set");
        Checks.check(lossScaler != null, "lossScaler", null, "must be set");
        parameters = parameters.clone();
    }

    @Override
    public float[] parameters() {
        return parameters.clone();
    }

    /** A state without self-calibration. */
    public StepState(float[] parameters, Adam.State optimizer, DynamicLossScaler.State lossScaler) {
        this(parameters, optimizer, lossScaler, null);
    }

    /** The same state without optimiser moments (a run whose progressive optimiser has not started). */
    public StepState withoutOptimizer() {
        return new StepState(parameters, null, lossScaler, calibration);
    }
}
