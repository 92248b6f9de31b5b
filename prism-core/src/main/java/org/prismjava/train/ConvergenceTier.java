package org.prismjava.train;

/**
 * Convergence tiers of the adaptive monitor (spec 8.4). What a tier changes (learning-rate
 * multiplier, extra steps, schedule) is configured in {@link TrainerConfig}
 * ({@code aggressiveLrMultiplier} and the like), in one place.
 */
public enum ConvergenceTier {
    /** Converged quickly. */
    FAST,
    /** The normal regime. */
    NORMAL,
    /** Escalated after a plateau: higher learning rate, more steps. */
    AGGRESSIVE,
    /** Escalated and still on a plateau: lower learning rate, more steps. */
    RESCUE
}
