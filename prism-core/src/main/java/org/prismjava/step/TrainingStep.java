package org.prismjava.step;

import java.util.Optional;
import org.prismjava.baseline.JointPhaseRetrieval;
import org.prismjava.baseline.Reconstruction;
import org.prismjava.calibration.Calibration;
import org.prismjava.optics.Region;

/**
 * A backend's training engine for one run: the generator, the physics, the losses, the Adam
 * optimiser and the loss scaler of {@link StepSpec}, on whatever memory the backend computes in.
 * The trainer drives it with scalars: it {@link #bind binds} an objective, {@link #evaluate
 * evaluates} the losses, {@link #update updates} the weights, and reads back one image per
 * sample ({@link #reconstruct}); for a checkpoint it asks for the {@link #state}.
 *
 * <p>Protocol: {@code update} back-propagates the most recent {@code evaluate}, so every
 * {@code update} follows an {@code evaluate} on the same binding. Not thread-safe; one per run.
 * Close it to release device memory.
 */
public interface TrainingStep extends AutoCloseable {
    /** The grid edge N of every image the step takes or gives. */
    int gridSize();

    /** The square the generator's output occupies; it is zero outside. */
    Region outputSupport();

    /** Sets what the next evaluations minimise (replacing the previous objective). */
    void bind(StepObjective objective);

    /** Runs the generator and the bound objective on its output and returns the losses. */
    StepLosses evaluate();

    /**
     * Back-propagates the last evaluation and takes one optimiser step at {@code learningRate}.
     * Under FP16 mixed precision the gradient is loss-scaled; a step whose gradients overflowed
     * is skipped and the scaler backs off.
     *
     * @return false when the update was skipped
     */
    boolean update(double learningRate);

    /** Starts a fresh optimiser (empty moments); the weights stay. */
    void resetOptimizer();

    /** Writes the generator's current image (row-major N*N) into {@code out}. */
    void reconstruct(float[] out);

    /**
     * Refines {@code start}'s pixels directly against every measured sample of the spec, as
     * {@link JointPhaseRetrieval#refine} does (its held-out pixels, when the spec has them, stop it
     * early); the generator is not changed.
     */
    Reconstruction refine(float[] start, JointPhaseRetrieval.Config config);

    /**
     * The current estimate of the measured frames' calibration, when the step self-calibrates
     * intensity frames; empty otherwise (the default).
     */
    default Optional<Calibration> calibration() {
        return Optional.empty();
    }

    /** Updates skipped so far because their gradients overflowed. */
    long skippedUpdates();

    /** A copy of the trainable state, for checkpoints. */
    StepState state();

    /** Replaces the trainable state with a saved one (same decoder), for resume. */
    void restore(StepState state);

    /** Releases what the step holds; the default holds nothing outside the heap. */
    @Override
    default void close() {
    }
}
