package org.prismjava.train;

import org.prismjava.util.SeededRandom;

/**
 * The seeds a run derives from its one configured seed, in a fixed order (pattern, model
 * initialisation, detector noise, held-out pixels), so that anything that must match a run (its
 * measurements, its held-out pixels) can be rebuilt outside the trainer.
 *
 * @param pattern seed of the pattern's generator
 * @param model seed of the generator's initial weights and latent
 * @param noise seed of the detector-noise family ({@code MeasurementSet.noiseStream(noise, k)})
 * @param holdout seed of the held-out detector pixels
 */
public record RunSeeds(long pattern, long model, long noise, long holdout) {
    /** The seeds of a run configured with {@code seed}. */
    public static RunSeeds of(long seed) {
        SeededRandom root = new SeededRandom(seed);
        return new RunSeeds(root.nextLong(), root.nextLong(), root.nextLong(), root.nextLong());
    }
}
