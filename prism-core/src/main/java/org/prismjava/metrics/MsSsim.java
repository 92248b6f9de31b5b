package org.prismjava.metrics;

import java.util.Arrays;
import org.prismjava.util.Checks;

/**
 * Multi-scale SSIM (spec 7.3): contrast-structure terms at successively 2x2-average-pooled
 * scales and the full SSIM at the last scale, combined as {@code prod v_j^{w_j}} with each
 * {@code v_j} clamped to [1e-10, 1]. When the image becomes smaller than the window the scales
 * are truncated and the weights renormalised; unlike the reference, the last computed scale
 * always contributes its luminance term (spec 14 #33). Exact gradient available.
 */
public final class MsSsim {
    /** The reference's five scale weights. */
    public static final double[] DEFAULT_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    /** Five scales on the standard SSIM. */
    public static final MsSsim STANDARD = new MsSsim(Ssim.STANDARD, DEFAULT_WEIGHTS);
    private static final double FLOOR = 1e-10;
    private final Ssim ssim;
    private final double[] weights;

    /** MS-SSIM on {@code ssim} with per-scale {@code weights} (at least one, all >= 0). */
    public MsSsim(Ssim ssim, double[] weights) {
        Checks.check(weights.length >= 1 && Arrays.stream(weights).allMatch(v -> v >= 0), "weights",
                Arrays.toString(weights), "must hold at least one non-negative weight");
        this.ssim = ssim;
        this.weights = weights.clone();
    }

    /** MS-SSIM of two row-major h x w images. */
    public double value(float[] x, float[] y, int h, int w) {
        return valueAndGradient(x, y, h, w, null);
    }

    /** MS-SSIM, writing d MS-SSIM / d x into {@code gradX} when it is not null. */
    public double valueAndGradient(float[] x, float[] y, int h, int w, double[] gradX) {
        int scales = 1;
        int hh = h;
        int ww = w;
        while (scales < weights.length && hh / 2 >= ssim.window() && ww / 2 >= ssim.window()) {
            scales++;
            hh /= 2;
            ww /= 2;
        }
        double wsum = 0;
        for (int j = 0; j < scales; j++) {
            wsum += weights[j];
        }
        float[][] xs = new float[scales][];
        float[][] ys = new float[scales][];
        int[] hs = new int[scales];
        int[] ws = new int[scales];
        xs[0] = x;
        ys[0] = y;
        hs[0] = h;
        ws[0] = w;
        for (int j = 1; j < scales; j++) {
            hs[j] = hs[j - 1] / 2;
            ws[j] = ws[j - 1] / 2;
            xs[j] = pool(xs[j - 1], hs[j - 1], ws[j - 1]);
            ys[j] = pool(ys[j - 1], hs[j - 1], ws[j - 1]);
        }
        double[] v = new double[scales];
        double[][] g = new double[scales][];
        for (int j = 0; j < scales; j++) {
            g[j] = gradX == null ? null : new double[hs[j] * ws[j]];
            v[j] = j == scales - 1 ? ssim.valueAndGradient(xs[j], ys[j], hs[j], ws[j], g[j])
                    : ssim.contrastStructure(xs[j], ys[j], hs[j], ws[j], g[j]);
        }
        double logMs = 0;
        for (int j = 0; j < scales; j++) {
            logMs += weights[j] / wsum * Math.log(Math.min(1, Math.max(FLOOR, v[j])));
        }
        double ms = Math.exp(logMs);
        if (gradX != null) {
            double[] acc = new double[0];
            for (int j = scales - 1; j >= 0; j--) {
                double[] level = new double[hs[j] * ws[j]];
                if (acc.length > 0) {
                    unpoolAdd(acc, level, hs[j], ws[j]);
                }
                boolean active = v[j] > FLOOR && v[j] < 1;
                double f = active ? ms * weights[j] / wsum / v[j] : 0;
                for (int i = 0; i < level.length; i++) {
                    level[i] += f * g[j][i];
                }
                acc = level;
            }
            System.arraycopy(acc, 0, gradX, 0, acc.length);
        }
        return ms;
    }

    private static float[] pool(float[] in, int h, int w) {
        int h2 = h / 2;
        int w2 = w / 2;
        float[] out = new float[h2 * w2];
        for (int r = 0; r < h2; r++) {
            for (int c = 0; c < w2; c++) {
                int o = 2 * r * w + 2 * c;
                out[r * w2 + c] = (in[o] + in[o + 1] + in[o + w] + in[o + w + 1]) * 0.25f;
            }
        }
        return out;
    }

    private static void unpoolAdd(double[] coarse, double[] fine, int h, int w) {
        int w2 = w / 2;
        for (int r = 0; r < h / 2; r++) {
            for (int c = 0; c < w2; c++) {
                double v = coarse[r * w2 + c] * 0.25;
                int o = 2 * r * w + 2 * c;
                fine[o] += v;
                fine[o + 1] += v;
                fine[o + w] += v;
                fine[o + w + 1] += v;
            }
        }
    }
}
