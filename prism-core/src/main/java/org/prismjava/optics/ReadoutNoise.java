package org.prismjava.optics;

import java.util.Map;
import org.prismjava.util.Checks;
import org.prismjava.util.SeededRandom;

/**
 * Additive Gaussian read-out noise of standard deviation {@code sigma} (intensity units), not
 * clamped: a detector can read below zero after bias subtraction.
 *
 * @param sigma standard deviation, {@code >= 0}
 */
public record ReadoutNoise(double sigma) implements NoiseModel {
    /** Validates sigma. */
    public ReadoutNoise {
        Checks.nonNegative("sigma", sigma);
    }

    @Override
    public void apply(float[] intensity, SeededRandom rng) {
        for (int i = 0; i < intensity.length; i++) {
            intensity[i] += (float) (sigma * rng.nextGaussian());
        }
    }

    @Override
    public Map<String, Object> toMap() {
        return Map.of("type", "readout", "sigma", sigma);
    }
}
