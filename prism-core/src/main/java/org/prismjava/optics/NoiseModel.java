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
}
