package org.prismjava.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prismjava.util.Json;

/**
 * What happened to one sample.
 *
 * @param index sample index in the pattern
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
    public static SampleRecord fromMap(Map<?, ?> m) {
        return new SampleRecord(((Number) m.get("index")).intValue(), Json.number(m.get("lossOld")),
                Json.number(m.get("lossNew")), Json.number(m.get("ssim")), Json.number(m.get("psnr")),
                Json.number(m.get("rmsePercent")), ((Number) m.get("steps")).intValue(), Json.number(m.get("seconds")),
                Json.number(m.get("learningRate")), ConvergenceTier.valueOf((String) m.get("tier")),
                SampleOutcome.valueOf((String) m.get("outcome")));
    }
}
