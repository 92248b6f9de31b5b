package org.prismjava.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prismjava.util.StoredFields;

/**
 * What happened to one sample.
 *
 * @param index 0-based sample index in the pattern (run-folder files number samples from 1)
 * @param lossOld consistency loss of the last evaluated step
 * @param lossNew new-aperture loss of the last evaluated step
 * @param ssim SSIM of the reconstruction after the sample (object crop)
 * @param psnr PSNR in dB after the sample
 * @param rmsePercent RMSE in percent after the sample
 * @param steps loss evaluations taken
 * @param seconds wall time of the sample
 * @param learningRate learning rate at the end of the sample
 * @param tier final convergence tier
 * @param outcome converged or which failure
 */
public record SampleRecord(int index, double lossOld, double lossNew, double ssim, double psnr, double rmsePercent,
        int steps, double seconds, double learningRate, ConvergenceTier tier, SampleOutcome outcome) {

    /** Total loss (old + new). */
    public double loss() {
        return lossOld + lossNew;
    }

    /** Whether the sample converged. */
    public boolean converged() {
        return outcome == SampleOutcome.CONVERGED;
    }

    /** Field map for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("lossOld", lossOld);
        m.put("lossNew", lossNew);
        m.put("ssim", ssim);
        m.put("psnr", psnr);
        m.put("rmsePercent", rmsePercent);
        m.put("steps", steps);
        m.put("seconds", seconds);
        m.put("learningRate", learningRate);
        m.put("tier", tier.name());
        m.put("outcome", outcome.name());
        return m;
    }

    /** Inverse of {@link #toMap()}. */
    public static SampleRecord fromMap(StoredFields m) {
        return new SampleRecord(m.integer("index"), m.number("lossOld"), m.number("lossNew"), m.number("ssim"),
                m.number("psnr"), m.number("rmsePercent"), m.integer("steps"), m.number("seconds"),
                m.number("learningRate"), m.constant("tier", ConvergenceTier.class),
                m.constant("outcome", SampleOutcome.class));
    }
}
