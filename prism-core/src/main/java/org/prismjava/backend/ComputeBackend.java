package org.prismjava.backend;

import java.util.Set;
import org.prismjava.optics.Fft2;
import org.prismjava.step.StepSpec;
import org.prismjava.step.TrainingStep;

/**
 * An engine the trainer and the telescope compute with (DJL's {@code Engine} role): it names
 * itself and its device for provenance, says which precisions it runs, makes the FFT plans that
 * propagation uses, and creates the {@link TrainingStep} that runs all training on it (the
 * trainer only orchestrates; docs/backends.md). Obtain one from {@link Backends};
 * implementations are thread-safe, the steps they create are not.
 */
public interface ComputeBackend {
    /** Short name, as in {@code --backend} and {@code prism.backend}: "cpu", "cuda". */
    String name();

    /** The device it computes on, one line for provenance and logs. */
    String device();

    /** The precisions a trainer may use on this backend. */
    Set<Precision> precisions();

    /** The centred FFT plan for N x N fields (plans may be cached and shared). */
    Fft2 fft2(int n);

    /**
     * A training step for {@code spec} on this backend: the generator initialised from the
     * spec's seed, the spec's losses, optimiser and precision (one of {@link #precisions()}).
     * The CPU backend returns {@link org.prismjava.step.CpuTrainingStep}.
     */
    TrainingStep newStep(StepSpec spec);
}
