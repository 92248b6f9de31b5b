package org.prismjava.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prismjava.metrics.ImageMetrics;

/**
 * The final joint refinement of a {@link Algorithm#REPLAY} run.
 *
 * @param iterations pixel iterations run
 * @param bestIteration the iteration kept (earlier than the last when held-out pixels chose it)
 * @param seconds wall time
 * @param before quality of the generator's reconstruction (object crop, against the ground truth)
 * @param after quality of the refined reconstruction
 * @param validationLoss loss on the held-out detector pixels at the kept iteration, NaN without hold-out
 */
public record RefinementRecord(int iterations, int bestIteration, double seconds, ImageMetrics.Quality before,
        ImageMetrics.Quality after, double validationLoss) {
    /** Field map for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", iterations);
        m.put("bestIteration", bestIteration);
        m.put("seconds", seconds);
        m.put("ssimBefore", before.ssim());
        m.put("psnrBefore", before.psnr());
        m.put("ssimAfter", after.ssim());
        m.put("psnrAfter", after.psnr());
        m.put("validationLoss", Double.isNaN(validationLoss) ? null : validationLoss);
        return m;
    }
}
