package org.prismjava.telescope;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.prismjava.objects.ObservedObject;
import org.prismjava.optics.Center;
import org.prismjava.optics.Propagator;
import org.prismjava.optics.Pupil;
import org.prismjava.util.SeededRandom;

/**
 * A telescope that observes an object one sub-aperture at a time: the detector records
 * {@code I = |toDetector(P_c . toPupil(object))|^2} for a pupil {@code P_c} placed at k-space
 * position {@code c}. Implementations are immutable and thread-safe.
 */
public interface Telescope {
    /** The configuration. */
    TelescopeConfig config();

    /** Grid edge N. */
    default int gridSize() {
        return config().gridSize();
    }

    /** The propagation model the measurements use. */
    Propagator propagator();

    /** The sub-aperture rasterised at {@code center}. */
    Pupil pupil(Center center);

    /** Noiseless detector image through an arbitrary pupil (e.g. a cumulative mask). */
    Measurement measure(ObservedObject object, Pupil pupil);

    /** Noiseless detector image through the sub-aperture at {@code center}. */
    default Measurement measure(ObservedObject object, Center center) {
        return measure(object, pupil(center));
    }

    /** A noisy copy of a noiseless measurement (unchanged if the telescope has no noise model). */
    Measurement addNoise(Measurement clean, SeededRandom rng);

    /** Point-spread function of the sub-aperture at {@code center}: {@code |CF(P)|^2}, max 1. */
    INDArray psf(Center center);

    /** Rayleigh resolution limit {@code 1.22 lambda / D} in radians. */
    double resolutionLimit();
}
