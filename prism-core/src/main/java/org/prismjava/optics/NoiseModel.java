package org.prismjava.optics;

import org.prismjava.util.SeededRandom;

/**
 * Detector noise, applied in place to an intensity image (row-major N*N). Implementations draw
 * every random number from the given seeded source so runs are reproducible. Compose with
 * {@link CompositeNoise}.
 */
public interface NoiseModel {
    /** Adds noise to {@code intensity} in place. */
    void apply(float[] intensity, SeededRandom rng);

    /**
     * The mean of the recorded amplitude {@code sqrt(max(0, noisy I))} of a pixel whose noiseless
     * amplitude is {@code a}: reconstruction methods compare it, not {@code a}, with measured
     * amplitudes, so that the noise's bias (the square root of a clamped intensity is larger on
     * average than the noiseless amplitude) is not fitted as structure. The default is the
     * identity (a model that does not know its bias).
     */
    default double expectedAmplitude(double a) {
        return a;
    }

    /** d {@link #expectedAmplitude} / d a. */
    default double expectedAmplitudeSlope(double a) {
        return 1;
    }

    /**
     * The noiseless amplitude whose {@link #expectedAmplitude} is {@code measured} (0 when even
     * a dark pixel records more on average): the bias-corrected value for methods that replace
     * amplitudes instead of fitting them, such as ePIE. Bisection, 40 halvings of [0, 2 measured + 1].
     */
    default double unbiasedAmplitude(double measured) {
        if (!(measured > expectedAmplitude(0))) {
            return 0;
        }
        double lo = 0;
        double hi = 2 * measured + 1;
        for (int i = 0; i < 40; i++) {
            double mid = 0.5 * (lo + hi);
            if (expectedAmplitude(mid) < measured) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
