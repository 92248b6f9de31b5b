package org.prismjava.model;

import org.prismjava.util.Checks;

/**
 * Immutable Adam hyper-parameters (spec 8.1: lr 1e-3, betas 0.9/0.999, eps 1e-8, no weight
 * decay, AMSGrad off).
 *
 * @param learningRate base step size
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon denominator guard
 * @param amsgrad use the running maximum of the second moment
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
    /** The reference defaults. */
    public static final AdamConfig DEFAULT = new AdamConfig(1e-3, 0.9, 0.999, 1e-8, false);

    /** Validates every field. */
    public AdamConfig {
        Checks.positive("learningRate", learningRate);
        Checks.check(beta1 >= 0 && beta1 < 1, "beta1", beta1, "must be in [0, 1)");
        Checks.check(beta2 >= 0 && beta2 < 1, "beta2", beta2, "must be in [0, 1)");
        Checks.positive("epsilon", epsilon);
    }

    /** The defaults with another learning rate and AMSGrad flag. */
    public static AdamConfig of(double learningRate, boolean amsgrad) {
        return new AdamConfig(learningRate, DEFAULT.beta1, DEFAULT.beta2, DEFAULT.epsilon, amsgrad);
    }
}
