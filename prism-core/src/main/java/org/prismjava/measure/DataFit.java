package org.prismjava.measure;

import java.util.Optional;
import org.prismjava.calibration.Calibration;

/**
 * The data term of a {@link MeasurementSet} on an object support, as every reconstruction method
 * fits it: the first {@code count} frames, each weighted {@code 1/count}, with the exact gradient
 * with respect to the real object field. Amplitude frames are fitted with an image loss
 * ({@link MeasurementLoss}); intensity frames (counts) with their Poisson likelihood and, when
 * asked for, the frames' calibration estimated alongside ({@link #updateCalibration}). Detector
 * pixels held out of the fit score {@link #validate}. Not thread-safe (owns its buffers).
 */
public interface DataFit {
    /**
     * The loss of {@code x} against frames {@code 0..count-1}, each weighted {@code 1/count}.
     *
     * @param x row-major N*N real field (only its support is read)
     * @param count frames fitted, in {@code [1, frames()]}
     * @param gradX when not null, receives d loss / d x (zero outside the support); with
     *     self-calibration the calibration gradient is accumulated too
     * @param termLosses when not null, receives each frame's unweighted loss (length >= count)
     */
    double evaluate(float[] x, int count, float[] gradX, double[] termLosses);

    /**
     * The loss of {@code x} on the held-out detector pixels of frames {@code 0..count-1}.
     *
     * @throws IllegalStateException when no pixels are held out
     */
    double validate(float[] x, int count);

    /** Whether some detector pixels are held out for {@link #validate}. */
    boolean hasHoldout();

    /**
     * Each frame's residual for {@code x} in units a user can read without a ground truth:
     * intensity frames give the Poisson deviance per fitted pixel times 2 (about 1 when the
     * model explains a frame to its noise, much more for a frame it cannot explain); amplitude
     * frames give their loss.
     */
    double[] frameResiduals(float[] x);

    /**
     * One step of the self-calibration from the calibration gradient of the last
     * {@link #evaluate} with a gradient; nothing when this fit estimates no calibration.
     */
    void updateCalibration();

    /**
     * Chooses, for {@code x}, between the reference frame's estimated centre offset and its
     * negative, whichever fits frames {@code 0..count-1} better (nothing without self-calibrated
     * centres, or with fewer than two frames).
     * The frame at the k-space origin of a real object cannot tell an offset from its negative
     * by itself; once the object is known the other frames can.
     *
     * @return whether the offset was reflected
     */
    boolean resolveReferenceTwin(float[] x, int count);

    /** The frames' current calibration, when this fit models one (intensity frames). */
    Optional<Calibration> calibration();

    /** Frames whose calibration reached a bound of the estimator (empty without one). */
    java.util.List<Integer> framesAtCalibrationBound();
}
