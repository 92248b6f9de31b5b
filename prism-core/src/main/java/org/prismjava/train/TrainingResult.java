package org.prismjava.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.calibration.Calibration;
import org.prismjava.measure.CacheStats;
import org.prismjava.measure.MeasurementSet;

/**
 * The outcome of {@link ProgressiveTrainer#run()}.
 *
 * @param gridSize N
 * @param reconstruction final reconstruction, row-major N*N amplitudes (use {@link #reconstructionArray()})
 * @param initialization initialization record, or null when skipped (a resumed run keeps the one its checkpoint holds)
 * @param samples one record per completed sample, in order
 * @param failedSamples 0-based indices of samples that did not converge (run-folder files number samples from 1)
 * @param cacheStats measurement cache statistics of the whole run, earlier invocations of a resumed run included (zeros without a cache)
 * @param seconds training wall time of the whole run, earlier invocations of a resumed run included
 * @param stopReason why the run ended early, or null if every sample was processed
 * @param provenance where the result came from
 * @param skippedSteps optimizer steps skipped because mixed-precision gradients overflowed (0 in FP32)
 * @param refinement the final joint refinement ({@link Algorithm#REPLAY}), or null when none ran
 * @param data the measurements the run fitted (for {@link Algorithm#REFERENCE}, its samples'
 *     measurements as it took them)
 * @param calibration the estimated calibration of intensity frames at the final reconstruction,
 *     or null for amplitude frames
 * @param frameResiduals each frame's residual at the final reconstruction
 *     ({@link org.prismjava.measure.DataFit#frameResiduals}: about 1 for a frame of counts the
 *     model explains to its noise), empty without measurements
 * @param framesAtCalibrationBound frames (0-based) whose calibration estimate reached a bound
 */
public record TrainingResult(int gridSize, float[] reconstruction, InitializationRecord initialization,
        List<SampleRecord> samples, List<Integer> failedSamples, CacheStats cacheStats, double seconds,
        String stopReason, Provenance provenance, long skippedSteps, RefinementRecord refinement,
        MeasurementSet data, Calibration calibration, double[] frameResiduals, List<Integer> framesAtCalibrationBound) {

    /** Copies the lists and the arrays. */
    public TrainingResult {
        reconstruction = reconstruction.clone();
        samples = List.copyOf(samples);
        failedSamples = List.copyOf(failedSamples);
        frameResiduals = frameResiduals.clone();
        framesAtCalibrationBound = List.copyOf(framesAtCalibrationBound);
    }

    @Override
    public double[] frameResiduals() {
        return frameResiduals.clone();
    }

    /** The measurements the run fitted (present for every run; optional for results built by hand). */
    public java.util.Optional<MeasurementSet> measurements() {
        return java.util.Optional.ofNullable(data);
    }

    /** The estimated calibration of intensity frames, when the run fitted some. */
    public java.util.Optional<Calibration> calibrationEstimate() {
        return java.util.Optional.ofNullable(calibration);
    }

    @Override
    public float[] reconstruction() {
        return reconstruction.clone();
    }

    /** The reconstruction as a new {@code [N, N]} array. */
    public INDArray reconstructionArray() {
        return Nd4j.create(reconstruction.clone(), new long[] {gridSize, gridSize}, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /**
     * Quality of the final reconstruction against the ground truth: after the refinement when
     * one ran, else the last sample's; empty when no sample ran or there is no truth (recorded
     * frames without {@code optTruth}).
     */
    public java.util.Optional<org.prismjava.metrics.ImageMetrics.Quality> quality() {
        java.util.Optional<org.prismjava.metrics.ImageMetrics.Quality> q = refinement != null
                ? java.util.Optional.of(refinement.after())
                : last().map(s -> new org.prismjava.metrics.ImageMetrics.Quality(s.ssim(), s.psnr(), s.rmsePercent()));
        return q.filter(v -> !Double.isNaN(v.ssim()));
    }

    /** The refinement, if one ran. */
    public java.util.Optional<RefinementRecord> refinementRecord() {
        return java.util.Optional.ofNullable(refinement);
    }

    /** The last sample's record, if any. */
    public java.util.Optional<SampleRecord> last() {
        return samples.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(samples.get(samples.size() - 1));
    }
}
