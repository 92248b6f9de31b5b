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
        return valueAndGradient(x, y, h, w, gradX, workspace(h, w));
    }

    /** Work arrays for h x w images on this MS-SSIM's scales. */
    public Workspace workspace(int h, int w) {
        return new Workspace(ssim.window(), weights.length, h, w);
    }

    /**
     * As {@link #valueAndGradient(float[], float[], int, int, double[])}, reusing {@code ws}
     * (from {@link #workspace}) so that repeated evaluations allocate nothing.
     */
    public double valueAndGradient(float[] x, float[] y, int h, int w, double[] gradX, Workspace ws) {
        if (!ws.fits(h, w) || ws.window != ssim.window() || ws.maxScales != weights.length) {
            throw Checks.invalid("workspace", ws.h + "x" + ws.w, "must come from workspace(" + h + ", " + w
                    + ") of this MS-SSIM");
        }
        int scales = ws.scales;
        double wsum = 0;
        for (int j = 0; j < scales; j++) {
            wsum += weights[j];
        }
        float[][] xs = ws.xs;
        float[][] ys = ws.ys;
        int[] hs = ws.hs;
        int[] wd = ws.ws;
        xs[0] = x;
        ys[0] = y;
        for (int j = 1; j < scales; j++) {
            pool(xs[j - 1], hs[j - 1], wd[j - 1], xs[j]);
            pool(ys[j - 1], hs[j - 1], wd[j - 1], ys[j]);
        }
        double[] v = ws.v;
        for (int j = 0; j < scales; j++) {
            double[] g = gradX == null ? null : ws.g[j];
            v[j] = j == scales - 1 ? ssim.valueAndGradient(xs[j], ys[j], hs[j], wd[j], g, ws.ssim[j])
                    : ssim.contrastStructure(xs[j], ys[j], hs[j], wd[j], g, ws.ssim[j]);
        }
        double logMs = 0;
        for (int j = 0; j < scales; j++) {
            logMs += weights[j] / wsum * Math.log(Math.min(1, Math.max(FLOOR, v[j])));
        }
        double ms = Math.exp(logMs);
        if (gradX != null) {
            for (int j = scales - 1; j >= 0; j--) {
                double[] level = ws.level[j];
                Arrays.fill(level, 0);
                if (j < scales - 1) {
                    unpoolAdd(ws.level[j + 1], level, hs[j], wd[j]);
                }
                boolean active = v[j] > FLOOR && v[j] < 1;
                double f = active ? ms * weights[j] / wsum / v[j] : 0;
                double[] g = ws.g[j];
                for (int i = 0; i < level.length; i++) {
                    level[i] += f * g[i];
                }
            }
            System.arraycopy(ws.level[0], 0, gradX, 0, h * w);
        }
        return ms;
    }

    /**
     * Work arrays of one image size: the pooled pyramid, each scale's SSIM work space and
     * gradients. Not thread-safe; one per concurrent caller.
     */
    public static final class Workspace {
        private final int window;
        private final int maxScales;
        private final int h;
        private final int w;
        private final int scales;
        private final int[] hs;
        private final int[] ws;
        private final float[][] xs;
        private final float[][] ys;
        private final Ssim.Workspace[] ssim;
        private final double[][] g;
        private final double[][] level;
        private final double[] v;

        private Workspace(int window, int maxScales, int h, int w) {
            Checks.check(h > 0 && w > 0, "image size", h + "x" + w, "must be positive");
            this.window = window;
            this.maxScales = maxScales;
            this.h = h;
            this.w = w;
            int count = 1;
            int hh = h;
            int ww = w;
            while (count < maxScales && hh / 2 >= window && ww / 2 >= window) {
                count++;
                hh /= 2;
                ww /= 2;
            }
            this.scales = count;
            hs = new int[count];
            ws = new int[count];
            xs = new float[count][];
            ys = new float[count][];
            ssim = new Ssim.Workspace[count];
            g = new double[count][];
            level = new double[count][];
            v = new double[count];
            for (int j = 0; j < count; j++) {
                hs[j] = j == 0 ? h : hs[j - 1] / 2;
                ws[j] = j == 0 ? w : ws[j - 1] / 2;
                int n = hs[j] * ws[j];
                if (j > 0) {
                    xs[j] = new float[n];
                    ys[j] = new float[n];
                }
                ssim[j] = new Ssim.Workspace(hs[j], ws[j]);
                g[j] = new double[n];
                level[j] = new double[n];
            }
        }

        /** Whether it serves h x w images. */
        public boolean fits(int height, int width) {
            return h == height && w == width;
        }
    }

    private static void pool(float[] in, int h, int w, float[] out) {
        int h2 = h / 2;
        int w2 = w / 2;
        for (int r = 0; r < h2; r++) {
            for (int c = 0; c < w2; c++) {
                int o = 2 * r * w + 2 * c;
                out[r * w2 + c] = (in[o] + in[o + 1] + in[o + w] + in[o + w + 1]) * 0.25f;
            }
        }
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
