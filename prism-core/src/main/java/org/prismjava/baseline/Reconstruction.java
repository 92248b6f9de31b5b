package org.prismjava.baseline;

import java.util.List;
import java.util.Optional;
import org.prismjava.calibration.Calibration;
import org.prismjava.util.Checks;

/**
 * The result of one reconstruction method on one {@link org.prismjava.measure.MeasurementSet}.
 * Immutable: {@link #image()} returns a copy.
 *
 * @param method the method's name
 * @param gridSize grid edge N
 * @param image row-major N*N amplitudes (copied)
 * @param iterations iterations (or epochs) run
 * @param bestIteration the iteration whose image this is (earlier than the last when validation
 *     chose it)
 * @param seconds wall time
 * @param validationLoss loss on held-out detector pixels at the chosen iteration, or NaN when
 *     no pixels were held out
 * @param calibration the frames' calibration the image was fitted with (intensity frames, at the
 *     chosen iteration), or null for amplitude frames and methods that model none
 * @param framesAtCalibrationBound frames whose estimated calibration reached a bound (0-based)
 */
public record Reconstruction(String method, int gridSize, float[] image, int iterations, int bestIteration,
        double seconds, double validationLoss, Calibration calibration, List<Integer> framesAtCalibrationBound) {
    /** Validates sizes and copies the image. */
    public Reconstruction {
        Checks.check(method != null && !method.isBlank(), "method", method, "must be a non-blank name");
        Checks.check(image != null && image.length == gridSize * gridSize, "image.length",
                image == null ? "null" : image.length, "must be gridSize^2 = " + gridSize * gridSize);
        Checks.check(iterations >= 0, "iterations", iterations, "must be >= 0");
        Checks.check(bestIteration >= 0 && bestIteration <= iterations, "bestIteration", bestIteration,
                "must be in [0, iterations = " + iterations + "]");
        image = image.clone();
        framesAtCalibrationBound = List.copyOf(framesAtCalibrationBound);
    }

    /** A reconstruction of frames that carry no calibration. */
    public Reconstruction(String method, int gridSize, float[] image, int iterations, int bestIteration,
            double seconds, double validationLoss) {
        this(method, gridSize, image, iterations, bestIteration, seconds, validationLoss, null, List.of());
    }

    /** The calibration the image was fitted with, if the frames have one. */
    public Optional<Calibration> calibrationEstimate() {
        return Optional.ofNullable(calibration);
    }

    @Override
    public float[] image() {
        return image.clone();
    }
}
