package org.prismjava.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prismjava.measure.CacheStats;

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
 */
public record TrainingResult(int gridSize, float[] reconstruction, InitializationRecord initialization,
        List<SampleRecord> samples, List<Integer> failedSamples, CacheStats cacheStats, double seconds,
        String stopReason, Provenance provenance, long skippedSteps, RefinementRecord refinement) {

    /** Copies the lists and the image. */
    public TrainingResult {
        reconstruction = reconstruction.clone();
        samples = List.copyOf(samples);
        failedSamples = List.copyOf(failedSamples);
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
     * one ran, else the last sample's; empty when no sample ran.
     */
    public java.util.Optional<org.prismjava.metrics.ImageMetrics.Quality> quality() {
        if (refinement != null) {
            return java.util.Optional.of(refinement.after());
        }
        return last().map(s -> new org.prismjava.metrics.ImageMetrics.Quality(s.ssim(), s.psnr(), s.rmsePercent()));
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
