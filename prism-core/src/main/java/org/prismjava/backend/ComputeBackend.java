package org.prismjava.backend;

import java.util.Set;
import org.prismjava.optics.Fft2;

/**
 * An engine the trainer and the telescope compute with (DJL's {@code Engine} role): it names
 * itself and its device for provenance, says which precisions it runs, and makes the FFT plans
 * that propagation uses. Obtain one from {@link Backends}; implementations are thread-safe.
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
}
